/* sources/proc_net_softnet (parser on literals of old and new kernels) and
 * model/softnet (rates on literal samples, hand-computed). */
#include "test.h"

#include <math.h>

#include "model/softnet.h"
#include "sources/proc_net_softnet.h"

/* 6.18 (15 columns: CPU index in column 13, then the two queue lengths) */
static const char NEW15[] =
	"00035946 00000001 0000000a 00000000 00000000 00000000 00000000 00000000 00000000 00000005 00000006 00000002 00000000 00000000 00000000\n"
	"000255de 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000003 00000000 00000000\n";
/* 4.19 (11 columns: no backlog length, no CPU index; lines = online CPUs) */
static const char OLD11[] =
	"0000ffff 00000000 00000002 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000001\n"
	"00000010 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n";
/* 2.6.32 (9 columns: no received_rps either) */
static const char OLD9[] = "0000000A 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n";

static void test_parse_new(void **state)
{
	struct proc_net_softnet sn = { 0 };
	const struct softnet_cpu *c;
	(void)state;

	assert_int_equal(proc_net_softnet_parse(NEW15, sizeof(NEW15) - 1, &sn), 0);
	assert_int_equal(sn.n, 2);
	assert_true(sn.have_index);
	c = &sn.cpus[0];
	assert_int_equal(c->ncols, 15);
	assert_int_equal(c->cpu, 0);
	assert_int_equal(c->v[SOFTNET_PROCESSED], 0x35946);	/* 219462 */
	assert_int_equal(c->v[SOFTNET_DROPPED], 1);
	assert_int_equal(c->v[SOFTNET_TIME_SQUEEZE], 10);
	assert_int_equal(c->v[SOFTNET_RECEIVED_RPS], 5);
	assert_int_equal(c->v[SOFTNET_FLOW_LIMIT], 6);
	assert_int_equal(c->v[SOFTNET_BACKLOG_LEN], 2);
	assert_true(c->have[SOFTNET_BACKLOG_LEN]);
	/* the CPU column, not the line, numbers the second line */
	assert_null(proc_net_softnet_find(&sn, 1));
	c = proc_net_softnet_find(&sn, 3);
	assert_non_null(c);
	assert_int_equal(c->v[SOFTNET_PROCESSED], 0x255de);
	/* a line of old-kernel numbering is not applied over an index */
	proc_net_softnet_number(&sn, NULL);
	assert_int_equal(sn.cpus[1].cpu, 3);
	proc_net_softnet_free(&sn);
}

static void test_parse_old(void **state)
{
	struct proc_net_softnet sn = { 0 };
	struct sys_cpu_list online = { 0 };
	(void)state;

	assert_int_equal(proc_net_softnet_parse(OLD11, sizeof(OLD11) - 1, &sn), 0);
	assert_false(sn.have_index);
	assert_int_equal(sn.cpus[0].ncols, 11);
	assert_int_equal(sn.cpus[0].v[SOFTNET_PROCESSED], 65535);
	assert_int_equal(sn.cpus[0].v[SOFTNET_FLOW_LIMIT], 1);
	assert_true(sn.cpus[0].have[SOFTNET_FLOW_LIMIT]);
	assert_false(sn.cpus[0].have[SOFTNET_BACKLOG_LEN]);
	/* line numbers until numbered */
	assert_int_equal(sn.cpus[1].cpu, 1);
	/* CPU 1 offline: the second line is CPU 2 */
	assert_int_equal(sys_cpu_list_parse("0,2-3\n", 6, &online), 0);
	proc_net_softnet_number(&sn, &online);
	assert_int_equal(sn.cpus[0].cpu, 0);
	assert_int_equal(sn.cpus[1].cpu, 2);
	/* fewer online CPUs than lines: the online list is stale, keep lines */
	assert_int_equal(proc_net_softnet_parse(OLD11, sizeof(OLD11) - 1, &sn), 0);
	assert_int_equal(sys_cpu_list_parse("5\n", 2, &online), 0);
	proc_net_softnet_number(&sn, &online);
	assert_int_equal(sn.cpus[1].cpu, 1);

	assert_int_equal(proc_net_softnet_parse(OLD9, sizeof(OLD9) - 1, &sn), 0);
	assert_int_equal(sn.cpus[0].v[SOFTNET_PROCESSED], 10);	/* upper-case hex */
	assert_false(sn.cpus[0].have[SOFTNET_RECEIVED_RPS]);
	sys_cpu_list_free(&online);
	proc_net_softnet_free(&sn);
}

static void test_parse_bad(void **state)
{
	struct proc_net_softnet sn = { 0 };
	static const char *bad[] = {
		"00000001 00000002\n",						/* 2 columns */
		"0000000g 0 0 0 0 0 0 0 0 0 0\n",				/* not hex */
		"0 0 0 0 0 0 0 0 0 0 0 0 0\n1 1 1 1 1 1 1 1 -1 1 1 1 1\n",	/* a sign */
		"11112222333344445 0 0 0 0 0 0 0 0\n",				/* 17 digits */
		"0 0 0 0 0 0 0 0 0 0 0 0 ffffffff\n",				/* CPU 2^32-1 */
	};
	static const int line[] = { 1, 1, 2, 1, 1 };
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(proc_net_softnet_parse(bad[i], strlen(bad[i]), &sn), -EINVAL);
		assert_int_equal(sn.bad_line, line[i]);
	}
	/* empty file, blank lines: no CPUs, no error */
	assert_int_equal(proc_net_softnet_parse("\n", 1, &sn), 0);
	assert_int_equal(sn.n, 0);
	proc_net_softnet_free(&sn);
}

static void cpu(struct softnet_cpu *c, int n, uint64_t proc, uint64_t drop, uint64_t sq,
		uint64_t rps, uint64_t flow, uint64_t blg)
{
	memset(c, 0, sizeof(*c));
	c->cpu = n;
	c->ncols = 13;
	c->v[SOFTNET_PROCESSED] = proc;
	c->v[SOFTNET_DROPPED] = drop;
	c->v[SOFTNET_TIME_SQUEEZE] = sq;
	c->v[SOFTNET_RECEIVED_RPS] = rps;
	c->v[SOFTNET_FLOW_LIMIT] = flow;
	c->v[SOFTNET_BACKLOG_LEN] = blg;
	for (int f = 0; f < SOFTNET__COUNT; f++)
		c->have[f] = true;
}

static void test_model(void **state)
{
	struct softnet_cpu p[2], c[3];
	struct proc_net_softnet ps = { .cpus = p, .n = 2, .have_index = true };
	struct proc_net_softnet cs = { .cpus = c, .n = 2, .have_index = true };
	struct softnet_rates r;
	(void)state;

	cpu(&p[0], 0, 1000, 10, 4, 0, 0, 0);
	cpu(&p[1], 1, 5000, 0, 0, 7, 1, 0);
	cpu(&c[0], 0, 3000, 30, 5, 0, 0, 12);
	cpu(&c[1], 1, 5500, 0, 2, 17, 3, 4);
	/* dt 2 s. CPU 0: (3000-1000)/2 = 1000.00 total/s, (30-10)/2 = 10.00
	 * dropd/s, (5-4)/2 = 0.50 squeezd/s, blg_len 12 (the later sample) */
	softnet_model_cpu(&ps, &c[0], 2.0, &r);
	assert_float_equal(r.total_s, 1000.0, 1e-9);
	assert_float_equal(r.dropd_s, 10.0, 1e-9);
	assert_float_equal(r.squeezd_s, 0.5, 1e-9);
	assert_float_equal(r.rx_rps_s, 0.0, 1e-9);
	assert_float_equal(r.blg_len, 12.0, 1e-9);
	/* all: total (2000 + 500)/2 = 1250.00, dropd 20/2 = 10.00, squeezd
	 * (1 + 2)/2 = 1.50, rx_rps (0 + 10)/2 = 5.00, flw_lim (0 + 2)/2 = 1.00,
	 * blg_len 12 + 4 = 16 */
	softnet_model_all(&ps, &cs, 2.0, &r);
	assert_float_equal(r.total_s, 1250.0, 1e-9);
	assert_float_equal(r.dropd_s, 10.0, 1e-9);
	assert_float_equal(r.squeezd_s, 1.5, 1e-9);
	assert_float_equal(r.rx_rps_s, 5.0, 1e-9);
	assert_float_equal(r.flw_lim_s, 1.0, 1e-9);
	assert_float_equal(r.blg_len, 16.0, 1e-9);
	/* since boot (prev NULL), dt 100 s: all total (3000 + 5500)/100 = 85.00 */
	softnet_model_all(NULL, &cs, 100.0, &r);
	assert_float_equal(r.total_s, 85.0, 1e-9);
	/* CPU 1's processed went backwards: its total unknown, all's too; the
	 * other columns still known: dropd (30-10)/2 = 10.00 */
	c[1].v[SOFTNET_PROCESSED] = 4000;
	softnet_model_cpu(&ps, &c[1], 2.0, &r);
	assert_true(isnan(r.total_s));
	assert_float_equal(r.rx_rps_s, 5.0, 1e-9);
	softnet_model_all(&ps, &cs, 2.0, &r);
	assert_true(isnan(r.total_s));
	assert_float_equal(r.dropd_s, 10.0, 1e-9);
	/* CPU 2 came online: unknown alone, left out of all (only CPU 0 and 1:
	 * dropd still 10.00) */
	cpu(&c[2], 2, 900, 9, 0, 0, 0, 0);
	cs.n = 3;
	softnet_model_cpu(&ps, &c[2], 2.0, &r);
	assert_true(isnan(r.total_s) && isnan(r.dropd_s) && isnan(r.blg_len));
	softnet_model_all(&ps, &cs, 2.0, &r);
	assert_float_equal(r.dropd_s, 10.0, 1e-9);
	/* a kernel without the backlog column: blg_len unknown; a zero dt: rates unknown */
	c[0].have[SOFTNET_BACKLOG_LEN] = false;
	softnet_model_cpu(&ps, &c[0], 0.0, &r);
	assert_true(isnan(r.blg_len));
	assert_true(isnan(r.total_s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_new),
		cmocka_unit_test(test_parse_old),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
