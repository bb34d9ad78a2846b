/* Helpers of the store's unit tests: samples of known bytes, temporary
 * store directories. Sample i is at TS_T(i) (1 s apart), its bytes a pure
 * function of (i, len, mode): mode 0 pseudo-random per i, mode 1 one fixed
 * pseudo-random block with i written into it (a "process whose counters
 * barely changed"). */
#ifndef TRIAGE_TEST_STORE_LIB_H
#define TRIAGE_TEST_STORE_LIB_H

#include <dirent.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"

#define TS_T0 1796300000000000000ll
#define TS_T(i) (TS_T0 + (int64_t)(i) * 1000000000ll)
#define TS_BOOT "0f4c7c59-5f1b-4b8e-9c2e-2f6a1e1c9a01"

static __attribute__((unused)) void ts_fill(unsigned char *p, int i, size_t len, int mode)
{
	uint64_t x = mode ? 0x9e3779b97f4a7c15ull : 0x9e3779b97f4a7c15ull ^ (uint64_t)(i + 1) * 0xff51afd7ed558ccdull;

	for (size_t k = 0; k < len; k++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		p[k] = (unsigned char)x;
	}
	for (size_t k = 0; mode && k < 8 && 16 + k < len; k++)
		p[16 + k] = (unsigned char)((uint64_t)i >> (8 * k));
	if (mode && len >= 64)
		memcpy(p + len / 2, &i, sizeof(i));
}

static __attribute__((unused)) int ts_append(struct store *st, int i, size_t len, int mode)
{
	unsigned char *p = malloc(len + 1);
	struct store_rec r = { .t_ns = TS_T(i), .mono_ns = (int64_t)i * 1000000000ll, .interval_ms = 1000,
			       .data = p, .len = len };
	strcpy(r.boot_id, TS_BOOT);
	ts_fill(p, i, len, mode);
	int err = store_append(st, &r);
	free(p);
	return err;
}

static __attribute__((unused)) void ts_assert_sample(const struct store_rec *r, int i, size_t len, int mode)
{
	unsigned char *p = malloc(len + 1);
	assert_true(r->t_ns == TS_T(i));
	assert_int_equal(r->len, len);
	ts_fill(p, i, len, mode);
	assert_memory_equal(r->data, p, len);
	free(p);
}

static __attribute__((unused)) void ts_mkdir(char dir[64])
{
	strcpy(dir, "/tmp/triage-store.XXXXXX");
	assert_non_null(mkdtemp(dir));
	strcat(dir, "/s");	/* the store creates it */
}

static __attribute__((unused)) void ts_rmdir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char p[512];

	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	snprintf(p, sizeof(p), "%s", dir);
	*strrchr(p, '/') = '\0';
	rmdir(p);
}

static __attribute__((unused)) uint64_t ts_dir_bytes(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char p[512];
	struct stat sb;
	uint64_t n = 0;

	while (d && (de = readdir(d))) {
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		if (de->d_name[0] != '.' && stat(p, &sb) == 0)
			n += (uint64_t)sb.st_size;
	}
	if (d)
		closedir(d);
	return n;
}

static __attribute__((unused)) int ts_nsegs(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	while (d && (de = readdir(d)))
		n += strncmp(de->d_name, "seg-", 4) == 0;
	if (d)
		closedir(d);
	return n;
}

/* Read the whole store: records must be samples first..last, in order,
 * with no damage; returns how many. */
static __attribute__((unused)) int ts_check_all(const char *dir, int first, int last, size_t len, int mode)
{
	struct store *st;
	struct store_cursor *c;
	struct store_rec r;
	char why[256];
	int n = 0, err;

	assert_int_equal(store_open_read(&st, dir, why, sizeof(why)), 0);
	assert_int_equal(store_seek(st, INT64_MIN, INT64_MAX, &c), 0);
	while ((err = store_next(c, &r)) == 0) {
		assert_true(first + n <= last);
		ts_assert_sample(&r, first + n, len, mode);
		n++;
	}
	assert_int_equal(err, -ENODATA);
	assert_int_equal(store_cursor_ndamage(c), 0);
	store_cursor_free(c);
	store_close(st);
	return n;
}

#endif
