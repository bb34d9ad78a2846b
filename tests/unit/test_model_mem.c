/* model/mem and model/vmstat: free's figures, paging rates, vmstat lines,
 * and free -h's units; expected values computed by hand in the comments. */
#include "test.h"

#include "model/mem.h"
#include "model/vmstat.h"
#include "views/free.h"

#define EPS 1e-9

static void meminfo(struct proc_meminfo *mi, const char *s)
{
	assert_int_equal(proc_meminfo_parse(s, strlen(s), mi, NULL), 0);
}

static void test_mem_free(void **state)
{
	struct proc_meminfo mi;
	struct mem_free m;
	(void)state;
	meminfo(&mi, "MemTotal: 2013532 kB\nMemFree: 52000 kB\nMemAvailable: 150000 kB\n"
		     "Buffers: 4096 kB\nCached: 120000 kB\nSwapCached: 30000 kB\n"
		     "Active: 1200000 kB\nInactive: 500000 kB\nSwapTotal: 4194300 kB\n"
		     "SwapFree: 3143676 kB\nShmem: 20000 kB\nSReclaimable: 30000 kB\n"
		     "CommitLimit: 5201064 kB\nCommitted_AS: 6000000 kB\n");
	mem_model_free(&mi, &m);
	/* used = 2013532 - 150000 = 1863532 */
	assert_int_equal(m.used, 1863532);
	assert_int_equal(m.available, 150000);
	assert_false(m.available_estimated);
	/* cache = 120000 + 30000 = 150000; buff/cache = 4096 + 150000 = 154096 */
	assert_int_equal(m.cache, 150000);
	assert_int_equal(m.buff_cache, 154096);
	assert_int_equal(m.shared, 20000);
	/* swap used = 4194300 - 3143676 = 1050624 */
	assert_int_equal(m.swap_used, 1050624);
	/* free -t: total 2013532 + 4194300 = 6207832, used 1863532 + 1050624 =
	 * 2914156, free 52000 + 3143676 = 3195676 */
	assert_int_equal(m.all_total, 6207832);
	assert_int_equal(m.all_used, 2914156);
	assert_int_equal(m.all_free, 3195676);
	/* commit: 5201064 - 6000000 = -798936 (overcommitted) */
	assert_int_equal(m.commit_avail, -798936);
	/* no LowTotal: low = MemTotal/MemFree, low used = 2013532 - 52000 */
	assert_int_equal(m.low_total, 2013532);
	assert_int_equal(m.low_used, 1961532);
	assert_int_equal(m.high_used, 0);

	/* 2.6.18: no MemAvailable -> MemFree; used = 4046844 - 1000000 */
	meminfo(&mi, "MemTotal: 4046844 kB\nMemFree: 1000000 kB\nBuffers: 200000 kB\n"
		     "Cached: 1500000 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n");
	mem_model_free(&mi, &m);
	assert_true(m.available_estimated);
	assert_int_equal(m.available, 1000000);
	assert_int_equal(m.used, 3046844);
	assert_int_equal(m.buff_cache, 1700000);
	assert_int_equal(m.swap_used, 0);
	/* a container's MemAvailable above MemTotal -> MemFree */
	meminfo(&mi, "MemTotal: 1000 kB\nMemFree: 400 kB\nMemAvailable: 5000 kB\n");
	mem_model_free(&mi, &m);
	assert_int_equal(m.available, 400);
	assert_int_equal(m.used, 600);
}

static void test_scale_human(void **state)
{
	char b[64];
	(void)state;
	/* 1048576 kB: -m 1024, -b 1073741824, --mega 1073741824/1e6 = 1073, -g 1 */
	assert_int_equal(mem_model_scale(1048576, 0, false), 1048576);
	assert_int_equal(mem_model_scale(1048576, 1, false), 1073741824LL);
	assert_int_equal(mem_model_scale(1048576, 2, false), 1048576);
	assert_int_equal(mem_model_scale(1048576, 3, false), 1024);
	assert_int_equal(mem_model_scale(1048576, 3, true), 1073);
	assert_int_equal(mem_model_scale(1048576, 4, false), 1);
	assert_int_equal(mem_model_scale(-798936, 0, false), -798936);
	/* 24682416 kB = 25274793984 B = 23.54 GiB: "23.5Gi" is 6 > 5 -> "23Gi" */
	assert_string_equal(free_human(b, sizeof(b), 24682416, false), "23Gi");
	/* 343564 kB = 335.5 MiB: "335.5Mi" too wide -> "335Mi" */
	assert_string_equal(free_human(b, sizeof(b), 343564, false), "335Mi");
	/* 1536 kB = 1.5 MiB */
	assert_string_equal(free_human(b, sizeof(b), 1536, false), "1.5Mi");
	assert_string_equal(free_human(b, sizeof(b), 0, false), "0B");
	/* 1 kB = 1024 B: "1024B" is 5 > 4 -> "1.0Ki" */
	assert_string_equal(free_human(b, sizeof(b), 1, false), "1.0Ki");
	/* --si: 24682416 kB = 25.27e9 B: "25.3G" is 5 > 4 -> "25G" */
	assert_string_equal(free_human(b, sizeof(b), 24682416, true), "25G");
	/* --si: 999 kB = 1022976 B = 1.02 MB -> "1.0M" */
	assert_string_equal(free_human(b, sizeof(b), 999, true), "1.0M");
}

static void vmstat_of(struct proc_vmstat *vm, const char *s)
{
	assert_int_equal(proc_vmstat_parse(s, strlen(s), vm, NULL), 0);
}

static void test_rates(void **state)
{
	struct proc_vmstat p, c;
	struct mem_rates r;
	(void)state;
	vmstat_of(&p, "pgpgin 100000\npgpgout 200000\npswpin 1000\npswpout 5000\n"
		      "pgfault 3000000\npgmajfault 4000\npgsteal_kswapd 6900\npgsteal_direct 100\n"
		      "pgscan_kswapd 9700\npgscan_direct 300\noom_kill 0\nallocstall_normal 8\n");
	vmstat_of(&c, "pgpgin 104096\npgpgout 208192\npswpin 1256\npswpout 5512\n"
		      "pgfault 3010000\npgmajfault 4200\npgsteal_kswapd 7900\npgsteal_direct 100\n"
		      "pgscan_kswapd 10700\npgscan_direct 300\noom_kill 1\nallocstall_normal 8\n");
	mem_model_rates(&p, &c, 2.0, 4, &r);
	/* si: 256 pages * 4 kB / 2 s = 512 kB/s; so: 512 * 4 / 2 = 1024 */
	assert_float_equal(r.si_kb_s, 512, EPS);
	assert_float_equal(r.so_kb_s, 1024, EPS);
	/* bi: 4096 kB / 2 s = 2048; bo: 8192 / 2 = 4096 */
	assert_float_equal(r.bi_kb_s, 2048, EPS);
	assert_float_equal(r.bo_kb_s, 4096, EPS);
	assert_float_equal(r.fault_s, 5000, EPS);	/* 10000 / 2 */
	assert_float_equal(r.majflt_s, 100, EPS);	/* 200 / 2 */
	/* pgsteal 7000 -> 8000: 500/s; pgscank 9700 -> 10700: 500/s; pgscand 0 */
	assert_float_equal(r.pgsteal_s, 500, EPS);
	assert_float_equal(r.pgscank_s, 500, EPS);
	assert_float_equal(r.pgscand_s, 0, EPS);
	assert_float_equal(r.vmeff_pct, 100, EPS);	/* 500 / (500 + 0) */
	assert_float_equal(r.oom_kill_s, 0.5, EPS);
	assert_float_equal(r.allocstall_s, 0, EPS);
	assert_true(isnan(r.pgfree_s));			/* no pgfree line */
	/* backwards: unknown */
	mem_model_rates(&c, &p, 2.0, 4, &r);
	assert_true(isnan(r.si_kb_s));
}

/* vmstat lines from the swap fixture: t0 (uptime 5000) -> t1 (5002). */
static void test_vmstat_lines(void **state)
{
	struct root r0, r1;
	struct proc_stat s0, s1;
	struct proc_meminfo m0, m1;
	struct proc_vmstat v0, v1;
	struct vmstat_sample a = { &s0, &m0, &v0, 5000.0 }, b = { &s1, &m1, &v1, 5002.0 };
	struct vmstat_opts o = { .unit = 1024, .page_kb = 4 };
	struct vmstat_line l;
	(void)state;
	proc_stat_init(&s0);
	proc_stat_init(&s1);
	assert_int_equal(root_open(&r0, FIXTURES "swap/t0"), 0);
	assert_int_equal(root_open(&r1, FIXTURES "swap/t1"), 0);
	assert_int_equal(proc_stat_read(&r0, &s0), 0);
	assert_int_equal(proc_stat_read(&r1, &s1), 0);
	assert_int_equal(proc_meminfo_read(&r0, &m0), 0);
	assert_int_equal(proc_meminfo_read(&r1, &m1), 0);
	assert_int_equal(proc_vmstat_read(&r0, &v0), 0);
	assert_int_equal(proc_vmstat_read(&r1, &v1), 0);
	/* since boot: Div = 10000+200+5000+80000+3000+100+300 = 98600 ticks;
	 * si = (1000*4*100 + 49300) / 98600 = 4, so = (5000*4*100 + 49300) / 98600 = 20,
	 * bi = (100000*100 + 49300) / 98600 = 101, bo = 203, in = 2028, cs = 3043;
	 * us = (100*10200 + 49300) / 98600 = 10, sy = (100*5400 + 49300) / 98600 = 5,
	 * id = 81, wa = 3 */
	vmstat_model_line(NULL, &a, &o, &l);
	assert_int_equal(l.r, 3);
	assert_int_equal(l.b, 2);
	assert_int_equal(l.swpd, 1048576);	/* 4194300 - 3145724 */
	assert_int_equal(l.free, 60000);
	assert_int_equal(l.buff, 4096);
	assert_int_equal(l.cache, 150000);	/* 120000 + 30000 */
	assert_int_equal(l.si, 4);
	assert_int_equal(l.so, 20);
	assert_int_equal(l.bi, 101);
	assert_int_equal(l.bo, 203);
	assert_int_equal(l.in, 2028);
	assert_int_equal(l.cs, 3043);
	assert_int_equal(l.cpu.us, 10);
	assert_int_equal(l.cpu.sy, 5);
	assert_int_equal(l.cpu.id, 81);
	assert_int_equal(l.cpu.wa, 3);
	/* interval, 2 s: si 256*4/2 = 512, so 512*4/2 = 1024, bi 2048, bo 4096,
	 * in 2000/2 = 1000, cs 5000/2 = 2500; CPU: Div 400, us 15 sy 10 id 25 wa 50 */
	vmstat_model_line(&a, &b, &o, &l);
	assert_int_equal(l.unknown, 0);
	assert_float_equal(l.dt_s, 2.0, EPS);
	assert_int_equal(l.si, 512);
	assert_int_equal(l.so, 1024);
	assert_int_equal(l.bi, 2048);
	assert_int_equal(l.bo, 4096);
	assert_int_equal(l.in, 1000);
	assert_int_equal(l.cs, 2500);
	assert_int_equal(l.cpu.us, 15);
	assert_int_equal(l.cpu.wa, 50);
	assert_int_equal(l.swpd, 1050624);
	/* -S M: swpd 1050624 kB -> 1026 MiB; so: 512 pages * 4 kB = 2048 kB
	 * = 2 MiB over 2 s = 1; -a: inact/active */
	o.unit = 1048576;
	o.active = true;
	vmstat_model_line(&a, &b, &o, &l);
	assert_int_equal(l.swpd, 1026);
	assert_int_equal(l.so, 1);
	assert_int_equal(l.buff, 488);		/* Inactive 500000 kB / 1024 */
	assert_int_equal(l.cache, 1171);	/* Active 1200000 kB / 1024 */
	/* no proc/vmstat: io unknown */
	b.vm = NULL;
	vmstat_model_line(&a, &b, &o, &l);
	assert_int_equal(l.unknown, VMSTAT_U_IO);
	/* counters going backwards (t1 -> t0): unknown, not huge */
	b.vm = &v1;
	vmstat_model_line(&b, &a, &o, &l);
	assert_int_equal(l.unknown, VMSTAT_U_IO | VMSTAT_U_IN | VMSTAT_U_CS);
	root_close(&r0);
	root_close(&r1);
	proc_stat_free(&s0);
	proc_stat_free(&s1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mem_free),
		cmocka_unit_test(test_scale_human),
		cmocka_unit_test(test_rates),
		cmocka_unit_test(test_vmstat_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
