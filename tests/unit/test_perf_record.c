/* sources/perf_record, perf_event: record parsing on synthetic buffers. */
#include "test.h"

#include <linux/perf_event.h>

#include "sources/perf_event.h"
#include "sources/perf_record.h"

/* Build a record: header then u64 words. */
static size_t rec(unsigned char *buf, uint32_t type, uint16_t misc, const uint64_t *w, size_t n)
{
	struct perf_event_header h = { type, misc, (uint16_t)(sizeof(h) + n * 8) };

	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), w, n * 8);
	return h.size;
}

static uint64_t two32(uint32_t lo, uint32_t hi)
{
	return (uint64_t)hi << 32 | lo;
}

static void test_sample(void **state)
{
	unsigned char buf[512];
	struct perf_record *r = malloc(sizeof(*r));
	/* ip, pid/tid, time, cpu/res, period, nr=5: KERNEL k1 k2 USER u1 */
	uint64_t w[] = { 0xffffffff81000010ull, two32(100, 101), 123456789, two32(1, 0), 10101010, 5,
			 (uint64_t)PERF_CONTEXT_KERNEL, 0xffffffff81000010ull, 0xffffffff81000200ull,
			 (uint64_t)PERF_CONTEXT_USER, 0x401234 };
	size_t len = rec(buf, PERF_RECORD_SAMPLE, PERF_RECORD_MISC_KERNEL, w, 11);
	(void)state;

	assert_int_equal(perf_record_parse(buf, len, r), 0);
	assert_int_equal(r->type, PERF_RECORD_SAMPLE);
	assert_int_equal(r->u.sample.pid, 100);
	assert_int_equal(r->u.sample.tid, 101);
	assert_int_equal(r->u.sample.cpu, 1);
	assert_int_equal(r->u.sample.time, 123456789);
	assert_int_equal(r->u.sample.period, 10101010);
	/* the two markers are not frames: 3 frames left */
	assert_int_equal(r->u.sample.nr, 3);
	assert_int_equal(r->u.sample.ips[1], 0xffffffff81000200ull);
	assert_int_equal(r->u.sample.ctx[1], PCTX_KERNEL);
	assert_int_equal(r->u.sample.ips[2], 0x401234);
	assert_int_equal(r->u.sample.ctx[2], PCTX_USER);
	/* truncated: nr says 5 but the record ends after 2 */
	w[5] = 5;
	len = rec(buf, PERF_RECORD_SAMPLE, 0, w, 8);
	assert_int_equal(perf_record_parse(buf, len, r), -EINVAL);
	/* header size beyond the buffer */
	len = rec(buf, PERF_RECORD_SAMPLE, 0, w, 11);
	assert_int_equal(perf_record_parse(buf, len - 8, r), -EINVAL);
	assert_int_equal(perf_record_parse(buf, 4, r), -EINVAL);
	free(r);
}

static void test_deep_stack(void **state)
{
	size_t n = 6 + 200;
	uint64_t *w = calloc(n, 8);
	unsigned char *buf = malloc(8 + n * 8);
	struct perf_record *r = malloc(sizeof(*r));
	(void)state;

	w[5] = 200;
	for (int i = 0; i < 200; i++)
		w[6 + i] = 0x1000 + (uint64_t)i;
	assert_int_equal(perf_record_parse(buf, rec(buf, PERF_RECORD_SAMPLE, 0, w, n), r), 0);
	/* 127 kept, 73 counted as dropped */
	assert_int_equal(r->u.sample.nr, PERF_MAX_STACK);
	assert_int_equal(r->u.sample.nr_dropped, 200 - PERF_MAX_STACK);
	free(w);
	free(buf);
	free(r);
}

static void test_mmap2_comm_lost(void **state)
{
	unsigned char buf[512];
	struct perf_record *r = malloc(sizeof(*r));
	uint64_t w[16] = { two32(7, 8), 0x7f0000001000ull, 0x2000, 0x1000, two32(0xfd, 1), 4242, 0,
			   two32(5, 2) };
	(void)state;

	memcpy(&w[8], "/usr/lib/libx.so\0\0\0\0\0\0\0", 24);
	assert_int_equal(perf_record_parse(buf, rec(buf, PERF_RECORD_MMAP2, 0, w, 11), r), 0);
	assert_int_equal(r->u.mmap.pid, 7);
	assert_int_equal(r->u.mmap.addr, 0x7f0000001000ull);
	assert_int_equal(r->u.mmap.len, 0x2000);
	assert_int_equal(r->u.mmap.pgoff, 0x1000);
	assert_int_equal(r->u.mmap.maj, 0xfd);
	assert_int_equal(r->u.mmap.ino, 4242);
	assert_true(r->u.mmap.exec);	/* prot 5 = READ|EXEC */
	assert_string_equal(r->u.mmap.filename, "/usr/lib/libx.so");

	uint64_t c[3] = { two32(9, 10) };
	memcpy(&c[1], "worker<1>\0\0\0\0\0\0", 16);
	assert_int_equal(perf_record_parse(buf, rec(buf, PERF_RECORD_COMM, PERF_RECORD_MISC_COMM_EXEC, c, 3), r), 0);
	assert_string_equal(r->u.comm.comm, "worker<1>");
	assert_true(r->u.comm.exec);

	uint64_t l[2] = { 1, 37 };
	assert_int_equal(perf_record_parse(buf, rec(buf, PERF_RECORD_LOST, 0, l, 2), r), 0);
	assert_int_equal(r->u.lost.lost, 37);
	free(r);
}

static void test_read_and_lists(void **state)
{
	uint64_t v[3] = { 1000, 300, 100 };
	struct perf_read pr;
	pid_t pids[4];
	(void)state;

	assert_int_equal(perf_read_parse(v, sizeof(v), &pr), 0);
	assert_int_equal(pr.value, 1000);
	assert_int_equal(pr.time_enabled, 300);
	assert_int_equal(pr.time_running, 100);
	assert_int_equal(perf_read_parse(v, 16, &pr), -EINVAL);
	assert_int_equal(perf_pid_list_parse("12,34", pids, 4), 2);
	assert_int_equal(pids[1], 34);
	assert_int_equal(perf_pid_list_parse("12,", pids, 4), -EINVAL);
	assert_int_equal(perf_pid_list_parse("x", pids, 4), -EINVAL);
	assert_int_equal(perf_pid_list_parse("-1", pids, 4), -EINVAL);
	assert_int_equal(perf_ev_lookup("cs"), PEV_CONTEXT_SWITCHES);
	assert_int_equal(perf_ev_lookup("LLC-load-misses"), PEV_LLC_LOAD_MISSES);
	assert_int_equal(perf_ev_lookup("bogus"), -ENOENT);
}

/* Random bytes (with plausible headers) never read past the buffer: run
 * under ASan by make check. */
static void test_fuzz(void **state)
{
	unsigned char *buf = malloc(4096);
	struct perf_record *r = malloc(sizeof(*r));
	unsigned seed = 12345;
	int ok = 0;
	(void)state;

	for (int i = 0; i < 20000; i++) {
		size_t len = (size_t)(rand_r(&seed) % 600);
		struct perf_event_header h;
		unsigned char *p = buf + 4096 - len;	/* the record ends at the buffer's end */

		for (size_t k = 0; k < len; k++)
			p[k] = (unsigned char)rand_r(&seed);
		if (len >= sizeof(h)) {
			h.type = 1 + (uint32_t)(rand_r(&seed) % 13);
			h.misc = (uint16_t)rand_r(&seed);
			h.size = (uint16_t)(rand_r(&seed) % 2 ? len : (size_t)(rand_r(&seed) % 700));
			memcpy(p, &h, sizeof(h));
		}
		ok += perf_record_parse(p, len, r) == 0;
	}
	assert_true(ok > 0);
	free(buf);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_deep_stack),
		cmocka_unit_test(test_mmap2_comm_lost),
		cmocka_unit_test(test_read_and_lists),
		cmocka_unit_test(test_fuzz),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
