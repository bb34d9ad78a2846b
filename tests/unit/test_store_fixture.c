/* store/: the recording made by format 1.0, kept in tests/fixtures/store_v1,
 * must read back the same in every later version (atop's users lose their
 * logs across versions; ours do not). TRIAGE_WRITE_FIXTURE=1 rebuilds it
 * (only when the format's major version changes, next to the old one).
 *
 * What it holds, at 2026-12-03 03:00:00 UTC + i seconds, sample i being
 * ts_fill(i, 256, 1):
 *   seg 1: i = 0..59 (START at 0), a gap, 120..179; record 30's body has a
 *          flipped byte, so 30..119 are lost (the gap keyed 120);
 *   seg 2: a restart, 300..309, the last record cut by 10 bytes;
 *   seg 3: a reboot (another boot_id), 400..409, then every 2 s 411..429. */
#include "test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_format.h"

#undef TS_T0
#define TS_T0 1796266800000000000ll	/* 2026-12-03 03:00:00 UTC */
#define TS_T(i) (TS_T0 + (int64_t)(i) * 1000000000ll)
#define TS_BOOT "0f4c7c59-5f1b-4b8e-9c2e-2f6a1e1c9a01"
#define BOOT2 "7d1f3a9e-0b4c-4d2a-8e6f-5c3b2a1d0e9f"
#define FIX FIXTURES "store_v1"
#define LEN 256

/* ts_fill of store_lib.h, copied so that a change there cannot change what
 * this fixture means. */
static void fill(unsigned char *p, int i)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;

	for (size_t k = 0; k < LEN; k++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		p[k] = (unsigned char)x;
	}
	for (size_t k = 0; k < 8; k++)
		p[16 + k] = (unsigned char)((uint64_t)i >> (8 * k));
	memcpy(p + LEN / 2, &i, sizeof(i));
}

static void put(struct store *st, int i, uint32_t iv, uint32_t flags, const char *boot)
{
	unsigned char p[LEN];
	struct store_rec r = { .t_ns = TS_T(i), .mono_ns = (int64_t)i * 1000000000ll, .interval_ms = iv,
			       .flags = flags, .data = p, .len = LEN };
	fill(p, i);
	snprintf(r.boot_id, sizeof(r.boot_id), "%s", boot);
	assert_int_equal(store_append(st, &r), 0);
}

static long rec_off(const char *path, int idx)
{
	int fd = open(path, O_RDONLY);
	unsigned char b[RECHDR_LEN];
	struct rec_hdr h;
	long off = SEGHDR_LEN;

	assert_true(fd >= 0);
	for (int i = 0; i < idx; i++) {
		assert_int_equal(pread(fd, b, RECHDR_LEN, off), RECHDR_LEN);
		assert_int_equal(rec_hdr_decode(b, &h), 0);
		off += h.len;
	}
	close(fd);
	return off;
}

static void write_fixture(void)
{
	struct store *st;
	char why[256], p[256];

	assert_int_equal(store_open_write(&st, FIX, NULL, why, sizeof(why)), 0);
	for (int i = 0; i < 60; i++)
		put(st, i, 1000, i == 0 ? STORE_REC_START : 0, TS_BOOT);
	for (int i = 120; i < 180; i++)
		put(st, i, 1000, 0, TS_BOOT);
	store_close(st);
	assert_int_equal(store_open_write(&st, FIX, NULL, why, sizeof(why)), 0);
	for (int i = 300; i < 310; i++)
		put(st, i, 1000, i == 300 ? STORE_REC_START : 0, TS_BOOT);
	store_close(st);
	assert_int_equal(store_open_write(&st, FIX, NULL, why, sizeof(why)), 0);
	for (int i = 400; i < 410; i++)
		put(st, i, 1000, i == 400 ? STORE_REC_START : 0, BOOT2);
	for (int i = 411; i < 430; i += 2)
		put(st, i, 2000, 0, BOOT2);
	store_close(st);
	snprintf(p, sizeof(p), "%s/seg-000000000001.trs", FIX);
	int fd = open(p, O_RDWR);
	assert_true(fd >= 0);
	unsigned char b;
	long off = rec_off(p, 30) + RECHDR_LEN + 7;
	assert_int_equal(pread(fd, &b, 1, off), 1);
	b ^= 0x01;
	assert_int_equal(pwrite(fd, &b, 1, off), 1);
	close(fd);
	snprintf(p, sizeof(p), "%s/seg-000000000002.trs", FIX);
	struct stat sb;
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(truncate(p, sb.st_size - 10), 0);
}

static void test_fixture(void **state)
{
	struct store *st;
	struct store_cursor *c;
	struct store_rec r;
	unsigned char want[LEN];
	char why[256];
	int n = 0, expect[200], ne = 0;
	(void)state;
	if (getenv("TRIAGE_WRITE_FIXTURE"))
		write_fixture();
	for (int i = 0; i < 30; i++)
		expect[ne++] = i;
	for (int i = 120; i < 180; i++)
		expect[ne++] = i;
	for (int i = 300; i < 309; i++)
		expect[ne++] = i;
	for (int i = 400; i < 410; i++)
		expect[ne++] = i;
	for (int i = 411; i < 430; i += 2)
		expect[ne++] = i;
	assert_int_equal(store_open_read(&st, FIX, why, sizeof(why)), 0);
	assert_int_equal(store_seek(st, INT64_MIN, INT64_MAX, &c), 0);
	while (store_next(c, &r) == 0) {
		assert_true(n < ne);
		int i = expect[n++];
		assert_true(r.t_ns == TS_T(i));
		assert_true(r.mono_ns == (int64_t)i * 1000000000ll);
		assert_int_equal(r.interval_ms, i > 410 ? 2000 : 1000);
		assert_int_equal(r.flags, (i == 0 || i == 300 || i == 400) ? STORE_REC_START : 0);
		assert_string_equal(r.boot_id, i >= 400 ? BOOT2 : TS_BOOT);
		assert_int_equal(r.len, LEN);
		fill(want, i);
		assert_memory_equal(r.data, want, LEN);
	}
	assert_int_equal(n, ne);
	assert_int_equal(store_cursor_ndamage(c), 2);
	int64_t f, t;
	const char *w, *seg;
	assert_int_equal(store_cursor_damage(c, 0, &f, &t, &w, &seg), 0);
	assert_true(f == TS_T(29) && t == TS_T(120));
	assert_string_equal(w, "checksum mismatch");
	assert_string_equal(seg, "seg-000000000001.trs");
	assert_int_equal(store_cursor_damage(c, 1, &f, &t, &w, &seg), 0);
	assert_true(f == TS_T(308) && t == TS_T(309));
	assert_string_equal(w, "truncated tail");
	assert_string_equal(seg, "seg-000000000002.trs");
	store_cursor_free(c);
	/* a window in the middle starts at the key before it: same bytes */
	assert_int_equal(store_seek(st, TS_T(150), TS_T(152), &c), 0);
	for (int i = 150; i <= 152; i++) {
		assert_int_equal(store_next(c, &r), 0);
		assert_true(r.t_ns == TS_T(i));
		fill(want, i);
		assert_memory_equal(r.data, want, LEN);
	}
	assert_int_equal(store_next(c, &r), -ENODATA);
	assert_int_equal(store_cursor_ndamage(c), 0);
	store_cursor_free(c);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
