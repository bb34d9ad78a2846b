/* store/: retention by size and by age, and the history of a store with a
 * gap, a restart, a reboot, an interval change and damage. */
#include "test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_format.h"
#include "store_lib.h"

/* 2000 appends of 1000 incompressible bytes into 16 KiB segments, retention
 * at 100 KiB after each: the bound holds every time, and what is kept is
 * the newest records, whole and in order. */
static void test_retain_size(void **state)
{
	char dir[64], why[256];
	struct store *st;
	struct store_wopts o = { .seg_bytes = 16384 };
	int deleted = 0;
	(void)state;
	ts_mkdir(dir);
	assert_int_equal(store_open_write(&st, dir, &o, why, sizeof(why)), 0);
	for (int i = 0; i < 2000; i++) {
		assert_int_equal(ts_append(st, i, 1000, 0), 0);
		int n = store_retain(st, 100 * 1024, 0);
		assert_true(n >= 0);
		deleted += n;
		assert_true(ts_dir_bytes(dir) <= 100 * 1024);
	}
	store_close(st);
	assert_true(deleted > 100);
	/* the kept records: the last ones, up to 1999 */
	struct store_cursor *c;
	struct store_rec r;
	int first = -1, n = 0;
	assert_int_equal(store_open_read(&st, dir, why, sizeof(why)), 0);
	assert_int_equal(store_seek(st, INT64_MIN, INT64_MAX, &c), 0);
	while (store_next(c, &r) == 0) {
		int i = (int)((r.t_ns - TS_T0) / 1000000000ll);
		if (first < 0)
			first = i;
		ts_assert_sample(&r, first + n, 1000, 0);
		n++;
	}
	assert_int_equal(first + n, 2000);
	assert_true(n > 50 && n < 100);	/* ~100 KiB of ~1 KiB records */
	assert_int_equal(store_cursor_ndamage(c), 0);
	store_cursor_free(c);
	store_close(st);
	ts_rmdir(dir);
}

/* 3 hours at 60 s in 1-hour segments, a 1-hour age bound: the first
 * segment (ends at 3600 s, before 10740 - 3600) goes, the second (ends at
 * 7200 s) stays. */
static void test_retain_age(void **state)
{
	char dir[64], why[256];
	struct store *st;
	(void)state;
	ts_mkdir(dir);
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	for (int i = 0; i < 3 * 3600; i += 60)
		assert_int_equal(ts_append(st, i, 100, 1), 0);
	assert_int_equal(ts_nsegs(dir), 3);
	assert_int_equal(store_retain(st, 0, 3600), 1);
	assert_int_equal(store_retain(st, 0, 3600), 0);
	assert_int_equal(ts_nsegs(dir), 2);
	/* never the segment being written, even over the bound */
	assert_int_equal(store_retain(st, 1, 1), 1);
	assert_int_equal(ts_nsegs(dir), 1);
	store_close(st);
	ts_rmdir(dir);
}

static void put(struct store *st, int i, uint32_t interval_ms, uint32_t flags, const char *boot)
{
	char data[200];
	struct store_rec r = { .t_ns = TS_T(i), .interval_ms = interval_ms, .flags = flags,
			       .data = data, .len = sizeof(data) };
	memset(data, 'a' + i % 3, sizeof(data));
	snprintf(r.boot_id, sizeof(r.boot_id), "%s", boot);
	assert_int_equal(store_append(st, &r), 0);
}

#define BOOT2 "7d1f3a9e-0b4c-4d2a-8e6f-5c3b2a1d0e9f"

static void test_history(void **state)
{
	char dir[64], why[256], seg[128];
	struct store *st;
	struct store_hist h;
	(void)state;
	ts_mkdir(dir);
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	for (int i = 0; i < 100; i++)
		put(st, i, 1000, i == 0 ? STORE_REC_START : 0, TS_BOOT);
	for (int i = 200; i < 250; i++)		/* 101 s without a record: a gap */
		put(st, i, 1000, 0, TS_BOOT);
	store_close(st);
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	for (int i = 300; i < 310; i++)		/* the recorder restarted */
		put(st, i, 1000, i == 300 ? STORE_REC_START : 0, TS_BOOT);
	store_close(st);
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	for (int i = 400; i < 410; i++)		/* after a reboot */
		put(st, i, 1000, i == 400 ? STORE_REC_START : 0, BOOT2);
	for (int i = 411; i < 430; i += 2)	/* every 2 s now */
		put(st, i, 2000, 0, BOOT2);
	store_close(st);

	assert_int_equal(store_open_read(&st, dir, why, sizeof(why)), 0);
	assert_int_equal(store_history(st, &h), 0);
	assert_int_equal(h.segments, 3);
	assert_int_equal(h.records, 100 + 50 + 10 + 10 + 10);
	assert_true(h.raw_bytes == 180 * 200);
	assert_true(h.bytes == ts_dir_bytes(dir));
	assert_false(h.writer_active);
	assert_int_equal(h.ndamage, 0);
	assert_int_equal(h.nranges, 5);
	static const struct { int from, to, n; enum store_begin b; int gap; unsigned iv; } want[] = {
		{ 0, 99, 100, STORE_BEGIN_FIRST, 0, 1000 },
		{ 200, 249, 50, STORE_BEGIN_GAP, 101, 1000 },
		{ 300, 309, 10, STORE_BEGIN_RESTART, 51, 1000 },
		{ 400, 409, 10, STORE_BEGIN_REBOOT, 91, 1000 },
		{ 411, 429, 10, STORE_BEGIN_INTERVAL, 2, 2000 },
	};
	for (int i = 0; i < 5; i++) {
		assert_true(h.ranges[i].from_ns == TS_T(want[i].from));
		assert_true(h.ranges[i].to_ns == TS_T(want[i].to));
		assert_int_equal(h.ranges[i].records, want[i].n);
		assert_int_equal(h.ranges[i].begin, want[i].b);
		assert_true(h.ranges[i].gap_ns == want[i].gap * 1000000000ll);
		assert_int_equal(h.ranges[i].interval_ms, want[i].iv);
	}
	assert_string_equal(h.ranges[0].boot_id, TS_BOOT);
	assert_string_equal(h.ranges[3].boot_id, BOOT2);
	store_hist_free(&h);
	store_close(st);

	/* damage in record 50: 50..199 lost to the chain (the gap keyed 200) */
	int fd;
	unsigned char b[RECHDR_LEN];
	struct rec_hdr rh;
	long off = SEGHDR_LEN;
	snprintf(seg, sizeof(seg), "%s/seg-000000000001.trs", dir);
	assert_true((fd = open(seg, O_RDWR)) >= 0);
	for (int i = 0; i < 50; i++) {
		assert_int_equal(pread(fd, b, RECHDR_LEN, off), RECHDR_LEN);
		assert_int_equal(rec_hdr_decode(b, &rh), 0);
		off += rh.len;
	}
	assert_int_equal(pwrite(fd, "\xff", 1, off + RECHDR_LEN + 2), 1);
	close(fd);
	assert_int_equal(store_open_read(&st, dir, why, sizeof(why)), 0);
	assert_int_equal(store_history(st, &h), 0);
	assert_int_equal(h.ndamage, 1);
	assert_true(h.damage[0].from_ns == TS_T(49) && h.damage[0].to_ns == TS_T(200));
	assert_string_equal(h.damage[0].why, "checksum mismatch");
	assert_string_equal(h.damage[0].seg, "seg-000000000001.trs");
	assert_int_equal(h.records, 50 + 50 + 10 + 10 + 10);
	assert_int_equal(h.nranges, 5);
	assert_true(h.ranges[0].to_ns == TS_T(49));
	assert_int_equal(h.ranges[1].begin, STORE_BEGIN_DAMAGE);
	store_hist_free(&h);
	store_close(st);
	ts_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retain_size),
		cmocka_unit_test(test_retain_age),
		cmocka_unit_test(test_history),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
