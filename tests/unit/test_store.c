/* store/: append records of known bytes to a temporary store and read them
 * back identical; delta compression; seek; rotation; a reader during writes. */
#include "test.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_format.h"
#include "store_lib.h"

static void test_roundtrip(void **state)
{
	char dir[64];
	struct store *st;
	char why[256];
	(void)state;
	ts_mkdir(dir);
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	for (int i = 0; i < 200; i++)
		assert_int_equal(ts_append(st, i, 1000, 0), 0);
	store_close(st);
	assert_int_equal(ts_check_all(dir, 0, 199, 1000, 0), 200);
	/* the directory and its files: 0750 and 0640 */
	struct stat sb;
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0750);
	char p[128];
	snprintf(p, sizeof(p), "%s/seg-000000000001.trs", dir);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	snprintf(p, sizeof(p), "%s/LOCK", dir);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	ts_rmdir(dir);
}

/* The fields come back as written: times, interval, flags, boot_id (the
 * boot_id of a delta record is its key's). */
static void test_fields(void **state)
{
	char dir[64], why[256];
	struct store *st;
	struct store_cursor *c;
	struct store_rec r = { .t_ns = 1796300000000000000ll, .mono_ns = 42, .interval_ms = 5000,
			       .flags = STORE_REC_START, .data = "abc", .len = 3 };
	(void)state;
	ts_mkdir(dir);
	strcpy(r.boot_id, "0f4c7c59-5f1b-4b8e-9c2e-2f6a1e1c9a01");
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	assert_int_equal(store_append(st, &r), 0);
	r.t_ns += 5000000000ll;
	r.mono_ns += 5000000000ll;
	r.flags = 0;
	r.data = "";
	r.len = 0;	/* an empty sample is a sample */
	assert_int_equal(store_append(st, &r), 0);
	store_close(st);
	assert_int_equal(store_open_read(&st, dir, why, sizeof(why)), 0);
	assert_int_equal(store_seek(st, INT64_MIN, INT64_MAX, &c), 0);
	assert_int_equal(store_next(c, &r), 0);
	assert_true(r.t_ns == 1796300000000000000ll);
	assert_true(r.mono_ns == 42);
	assert_int_equal(r.interval_ms, 5000);
	assert_int_equal(r.flags, STORE_REC_START);
	assert_string_equal(r.boot_id, "0f4c7c59-5f1b-4b8e-9c2e-2f6a1e1c9a01");
	assert_int_equal(r.len, 3);
	assert_memory_equal(r.data, "abc", 3);
	assert_int_equal(store_next(c, &r), 0);
	assert_true(r.t_ns == 1796300005000000000ll);
	assert_int_equal(r.flags, 0);
	assert_string_equal(r.boot_id, "0f4c7c59-5f1b-4b8e-9c2e-2f6a1e1c9a01");
	assert_int_equal(r.len, 0);
	assert_int_equal(store_next(c, &r), -ENODATA);
	assert_int_equal(store_cursor_ndamage(c), 0);
	store_cursor_free(c);
	store_close(st);
	ts_rmdir(dir);
}

/* 1000 samples of 64 KiB of which one 8-byte counter changes: the prefix
 * makes each record a few dozen bytes. Measured here: see the assertion. */
static void test_delta_ratio(void **state)
{
	char dir[64], why[256];
	struct store *st;
	(void)state;
	ts_mkdir(dir);
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(ts_append(st, i, 65536, 1), 0);
	store_close(st);
	uint64_t bytes = ts_dir_bytes(dir);
	uint64_t raw = 1000ull * 65536;
	printf("delta: %llu raw bytes in %llu on disk (%.0fx)\n", (unsigned long long)raw,
	       (unsigned long long)bytes, (double)raw / (double)bytes);
	/* keys: 1 (the samples are 1 s apart: no 10-minute key in 1000 s... but
	 * one at 600 s): each key is a zstd frame of the whole random-ish sample. */
	assert_true(bytes < raw / 50);
	assert_int_equal(ts_check_all(dir, 0, 999, 65536, 1), 1000);
	ts_rmdir(dir);
}

static void test_seek(void **state)
{
	char dir[64], why[256];
	struct store *st;
	struct store_cursor *c;
	struct store_rec r;
	(void)state;
	ts_mkdir(dir);
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	for (int i = 0; i < 3000; i++)	/* 50 minutes at 1 s: keys at 0, 600, 1200 ... */
		assert_int_equal(ts_append(st, i, 300, 1), 0);
	store_close(st);
	assert_int_equal(store_open_read(&st, dir, why, sizeof(why)), 0);
	assert_int_equal(store_seek(st, TS_T(1000), TS_T(1009), &c), 0);
	for (int i = 1000; i <= 1009; i++) {
		assert_int_equal(store_next(c, &r), 0);
		assert_true(r.t_ns == TS_T(i));
		ts_assert_sample(&r, i, 300, 1);
	}
	assert_int_equal(store_next(c, &r), -ENODATA);
	store_cursor_free(c);
	/* a window outside the recording: nothing */
	assert_int_equal(store_seek(st, TS_T(5000), TS_T(6000), &c), 0);
	assert_int_equal(store_next(c, &r), -ENODATA);
	store_cursor_free(c);
	store_close(st);
	ts_rmdir(dir);
}

/* With edges the cursor also returns the record before from and the one
 * after to; a window between two records gets both; a window at the ends
 * of the recording gets what exists. */
static void test_seek_edges(void **state)
{
	char dir[64], why[256];
	struct store *st;
	struct store_cursor *c;
	struct store_rec r;
	(void)state;
	ts_mkdir(dir);
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	for (int i = 0; i < 1300; i++)	/* a key at 600 and 1200 */
		assert_int_equal(ts_append(st, i, 300, 1), 0);
	store_close(st);
	assert_int_equal(store_open_read(&st, dir, why, sizeof(why)), 0);
	/* from 1000.5 to 1003.5: 1000 (before), 1001..1003, 1004 (after) */
	assert_int_equal(store_seek(st, TS_T(1000) + 500000000ll, TS_T(1003) + 500000000ll, &c), 0);
	store_cursor_edges(c);
	for (int i = 1000; i <= 1004; i++) {
		assert_int_equal(store_next(c, &r), 0);
		assert_true(r.t_ns == TS_T(i));
		ts_assert_sample(&r, i, 300, 1);	/* the held copy and the delta after it */
	}
	assert_int_equal(store_next(c, &r), -ENODATA);
	store_cursor_free(c);
	/* the key itself before from: 600 then 601 */
	assert_int_equal(store_seek(st, TS_T(600) + 1, TS_T(601), &c), 0);
	store_cursor_edges(c);
	assert_int_equal(store_next(c, &r), 0);
	assert_true(r.t_ns == TS_T(600));
	ts_assert_sample(&r, 600, 300, 1);
	assert_int_equal(store_next(c, &r), 0);
	assert_true(r.t_ns == TS_T(601));
	assert_int_equal(store_next(c, &r), 0);
	assert_true(r.t_ns == TS_T(602));
	assert_int_equal(store_next(c, &r), -ENODATA);
	store_cursor_free(c);
	/* to past the end: the last record, nothing after it */
	assert_int_equal(store_seek(st, TS_T(1298), TS_T(5000), &c), 0);
	store_cursor_edges(c);
	for (int i = 1297; i <= 1299; i++) {
		assert_int_equal(store_next(c, &r), 0);
		assert_true(r.t_ns == TS_T(i));
	}
	assert_int_equal(store_next(c, &r), -ENODATA);
	store_cursor_free(c);
	/* a window after the recording: the record before it alone is not a window */
	assert_int_equal(store_seek(st, TS_T(5000), TS_T(6000), &c), 0);
	store_cursor_edges(c);
	assert_int_equal(store_next(c, &r), -ENODATA);
	store_cursor_free(c);
	/* without edges, the same window as before: 1001..1003 */
	assert_int_equal(store_seek(st, TS_T(1000) + 500000000ll, TS_T(1003) + 500000000ll, &c), 0);
	assert_int_equal(store_next(c, &r), 0);
	assert_true(r.t_ns == TS_T(1001));
	store_cursor_free(c);
	store_close(st);
	ts_rmdir(dir);
}

/* Small segments: many files, read across them in order; a new writer
 * starts a new segment. */
static void test_rotation(void **state)
{
	char dir[64], why[256];
	struct store *st;
	struct store_wopts o = { .seg_bytes = 8192 };
	(void)state;
	ts_mkdir(dir);
	assert_int_equal(store_open_write(&st, dir, &o, why, sizeof(why)), 0);
	for (int i = 0; i < 300; i++)
		assert_int_equal(ts_append(st, i, 1000, 0), 0);
	store_close(st);
	int n1 = ts_nsegs(dir);
	assert_true(n1 > 10);
	assert_int_equal(store_open_write(&st, dir, &o, why, sizeof(why)), 0);
	for (int i = 300; i < 303; i++)
		assert_int_equal(ts_append(st, i, 1000, 0), 0);
	store_close(st);
	assert_int_equal(ts_nsegs(dir), n1 + 1);
	assert_int_equal(ts_check_all(dir, 0, 302, 1000, 0), 303);
	/* age: one segment per hour of recorded time */
	ts_rmdir(dir);
	ts_mkdir(dir);
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	for (int i = 0; i < 3 * 3600; i += 60)
		assert_int_equal(ts_append(st, i, 100, 1), 0);
	store_close(st);
	assert_int_equal(ts_nsegs(dir), 3);
	ts_rmdir(dir);
}

/* A reader opened while the writer appends sees the new records on the
 * next store_next, across a rotation. */
static void test_reader_during_write(void **state)
{
	char dir[64], why[256];
	struct store *w, *rd;
	struct store_cursor *c;
	struct store_rec r;
	struct store_wopts o = { .seg_bytes = 4096 };
	(void)state;
	ts_mkdir(dir);
	assert_int_equal(store_open_write(&w, dir, &o, why, sizeof(why)), 0);
	for (int i = 0; i < 5; i++)
		assert_int_equal(ts_append(w, i, 1000, 0), 0);
	assert_int_equal(store_open_read(&rd, dir, why, sizeof(why)), 0);
	assert_int_equal(store_seek(rd, INT64_MIN, INT64_MAX, &c), 0);
	int got = 0;
	while (store_next(c, &r) == 0)
		ts_assert_sample(&r, got++, 1000, 0);
	assert_int_equal(got, 5);
	for (int i = 5; i < 40; i++)
		assert_int_equal(ts_append(w, i, 1000, 0), 0);
	while (store_next(c, &r) == 0)
		ts_assert_sample(&r, got++, 1000, 0);
	assert_int_equal(got, 40);
	assert_int_equal(store_cursor_ndamage(c), 0);
	store_cursor_free(c);
	store_close(rd);
	store_close(w);
	ts_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_delta_ratio),
		cmocka_unit_test(test_seek),
		cmocka_unit_test(test_seek_edges),
		cmocka_unit_test(test_rotation),
		cmocka_unit_test(test_reader_during_write),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
