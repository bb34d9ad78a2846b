/* store/: damage (a flipped byte, a truncated tail, a record being written),
 * the directory's safety checks, a full filesystem. */
#include "test.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_format.h"
#include "store_lib.h"

/* The file offset of record idx (0-based) in a segment. */
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

static void flip(const char *path, long off)
{
	int fd = open(path, O_RDWR);
	unsigned char b;

	assert_true(fd >= 0);
	assert_int_equal(pread(fd, &b, 1, off), 1);
	b ^= 0x10;
	assert_int_equal(pwrite(fd, &b, 1, off), 1);
	close(fd);
}

/* Read the whole store; returns the count, checks each record is the sample
 * its time says, and stores the damage list's first entry. */
static int read_all(const char *dir, size_t len, int mode, size_t *ndmg, int64_t *dfrom, int64_t *dto,
		    char *why, int *seen)
{
	struct store *st;
	struct store_cursor *c;
	struct store_rec r;
	char msg[256];
	int n = 0;

	assert_int_equal(store_open_read(&st, dir, msg, sizeof(msg)), 0);
	assert_int_equal(store_seek(st, INT64_MIN, INT64_MAX, &c), 0);
	while (store_next(c, &r) == 0) {
		int i = (int)((r.t_ns - TS_T0) / 1000000000ll);
		ts_assert_sample(&r, i, len, mode);
		if (seen)
			seen[i] = 1;
		n++;
	}
	*ndmg = store_cursor_ndamage(c);
	if (*ndmg) {
		const char *w, *seg;
		assert_int_equal(store_cursor_damage(c, 0, dfrom, dto, &w, &seg), 0);
		strcpy(why, w);
		assert_string_equal(seg, "seg-000000000001.trs");
	}
	store_cursor_free(c);
	store_close(st);
	return n;
}

/* Read the whole store of consecutive samples 0, 1, 2 ... (any segments);
 * returns the count and the first damage, if any. */
static int read_all_any(const char *dir, size_t len, size_t *ndmg, int64_t *dfrom, int64_t *dto, char *why)
{
	struct store *st;
	struct store_cursor *c;
	struct store_rec r;
	char msg[256];
	int n = 0;

	assert_int_equal(store_open_read(&st, dir, msg, sizeof(msg)), 0);
	assert_int_equal(store_seek(st, INT64_MIN, INT64_MAX, &c), 0);
	while (store_next(c, &r) == 0)
		ts_assert_sample(&r, n++, len, 0);
	*ndmg = store_cursor_ndamage(c);
	if (*ndmg) {
		const char *w, *seg;
		assert_int_equal(store_cursor_damage(c, 0, dfrom, dto, &w, &seg), 0);
		strcpy(why, w);
	}
	store_cursor_free(c);
	store_close(st);
	return n;
}

static void write_n(const char *dir, int n, size_t len, int mode)
{
	struct store *st;
	char why[256];

	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	for (int i = 0; i < n; i++)
		assert_int_equal(ts_append(st, i, len, mode), 0);
	store_close(st);
}

/* 3000 samples 1 s apart: keys at 0, 600, 1200 ... A flipped byte in the
 * body of record 1000 loses it and the chain to the key at 1200: the damage
 * is named (999 s, 1200 s) and all else comes back identical. */
static void test_flipped_body(void **state)
{
	char dir[64], seg[128], why[64];
	size_t nd;
	int64_t f, t;
	int seen[3000] = { 0 };
	(void)state;
	ts_mkdir(dir);
	write_n(dir, 3000, 300, 1);
	snprintf(seg, sizeof(seg), "%s/seg-000000000001.trs", dir);
	flip(seg, rec_off(seg, 1000) + RECHDR_LEN + 5);
	assert_int_equal(read_all(dir, 300, 1, &nd, &f, &t, why, seen), 3000 - 200);
	assert_int_equal(nd, 1);
	assert_true(f == TS_T(999));
	assert_true(t == TS_T(1200));
	assert_string_equal(why, "checksum mismatch");
	for (int i = 0; i < 3000; i++)
		assert_int_equal(seen[i], i < 1000 || i >= 1200);
	ts_rmdir(dir);
}

/* The same in a record header: the reader resynchronises on the next magic. */
static void test_flipped_header(void **state)
{
	char dir[64], seg[128], why[64];
	size_t nd;
	int64_t f, t;
	(void)state;
	ts_mkdir(dir);
	write_n(dir, 3000, 300, 1);
	snprintf(seg, sizeof(seg), "%s/seg-000000000001.trs", dir);
	flip(seg, rec_off(seg, 1000) + 9);	/* in t_ns */
	assert_int_equal(read_all(dir, 300, 1, &nd, &f, &t, why, NULL), 3000 - 200);
	assert_int_equal(nd, 1);
	assert_true(f == TS_T(999));
	assert_true(t == TS_T(1200));
	assert_string_equal(why, "bad record header");
	/* a key's boot_id block is in its body, under the checksum: 600..1199
	 * are lost, one range with the damage after it */
	flip(seg, rec_off(seg, 600) + RECHDR_LEN + 3);
	assert_int_equal(read_all(dir, 300, 1, &nd, &f, &t, why, NULL), 3000 - 600);
	assert_int_equal(nd, 1);
	assert_true(f == TS_T(599) && t == TS_T(1200));
	assert_string_equal(why, "checksum mismatch");
	ts_rmdir(dir);
}

/* A truncated tail: while the recorder holds the LOCK it is a record being
 * written (no damage); once it is gone, damage "truncated tail". */
static void test_truncated_tail(void **state)
{
	char dir[64], seg[128], why[256];
	struct store *w;
	size_t nd;
	int64_t f, t;
	struct stat sb;
	(void)state;
	ts_mkdir(dir);
	assert_int_equal(store_open_write(&w, dir, NULL, why, sizeof(why)), 0);
	for (int i = 0; i < 10; i++)
		assert_int_equal(ts_append(w, i, 500, 0), 0);
	snprintf(seg, sizeof(seg), "%s/seg-000000000001.trs", dir);
	assert_int_equal(stat(seg, &sb), 0);
	assert_int_equal(truncate(seg, sb.st_size - 7), 0);
	assert_int_equal(read_all(dir, 500, 0, &nd, &f, &t, why, NULL), 9);
	assert_int_equal(nd, 0);
	store_close(w);
	assert_int_equal(read_all(dir, 500, 0, &nd, &f, &t, why, NULL), 9);
	assert_int_equal(nd, 1);
	assert_string_equal(why, "truncated tail");
	assert_true(f == TS_T(8));
	assert_true(t == TS_T(9));
	/* cut inside the last header: the lost record's time is unknown */
	assert_int_equal(truncate(seg, rec_off(seg, 9) + 20), 0);
	assert_int_equal(read_all(dir, 500, 0, &nd, &f, &t, why, NULL), 9);
	assert_int_equal(nd, 1);
	assert_true(f == TS_T(8) && t == TS_T(8));
	/* a restarted recorder starts a new segment: the old tail stays damage */
	assert_int_equal(store_open_write(&w, dir, NULL, why, sizeof(why)), 0);
	for (int i = 20; i < 25; i++)
		assert_int_equal(ts_append(w, i, 500, 0), 0);
	assert_int_equal(read_all(dir, 500, 0, &nd, &f, &t, why, NULL), 14);
	assert_int_equal(nd, 1);
	store_close(w);
	ts_rmdir(dir);
}

static void test_unsafe_dirs(void **state)
{
	char dir[64], why[256], p[128];
	struct store *st, *st2;
	(void)state;
	ts_mkdir(dir);
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	/* a second recorder is refused */
	assert_int_equal(store_open_write(&st2, dir, NULL, why, sizeof(why)), -STORE_ELOCKED);
	assert_non_null(strstr(why, "another triage record"));
	store_close(st);
	/* group- or world-writable */
	assert_int_equal(chmod(dir, 0777), 0);
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), -STORE_EUNSAFE);
	assert_non_null(strstr(why, "world-writable (mode 0777)"));
	assert_int_equal(chmod(dir, 0750), 0);
	/* a symlink */
	snprintf(p, sizeof(p), "%s.link", dir);
	assert_int_equal(symlink(dir, p), 0);
	assert_int_equal(store_open_write(&st, p, NULL, why, sizeof(why)), -STORE_EUNSAFE);
	unlink(p);
	if (geteuid() == 0) {	/* owned by another user */
		assert_int_equal(chown(dir, 65534, 65534), 0);
		assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), -STORE_EUNSAFE);
		assert_non_null(strstr(why, "owned by uid 65534"));
		assert_int_equal(chown(dir, 0, 0), 0);
	} else {
		printf("SKIP: the other-owner check needs root\n");
	}
	/* not a store, no store */
	snprintf(p, sizeof(p), "%s/empty", dir);
	assert_int_equal(mkdir(p, 0700), 0);
	assert_int_equal(store_open_read(&st, p, why, sizeof(why)), -STORE_ENOTSTORE);
	assert_non_null(strstr(why, ": not a triage store"));
	rmdir(p);
	assert_int_equal(store_open_read(&st, "/nonexistent/store", why, sizeof(why)), -ENOENT);
	ts_rmdir(dir);
}

/* A non-root reader of root's 0750 store gets -EACCES and one sentence. */
static void test_nonroot_reader(void **state)
{
	char dir[64];
	(void)state;
	if (geteuid() != 0) {
		printf("SKIP: test_nonroot_reader needs root (to drop to uid 65534)\n");
		return;
	}
	ts_mkdir(dir);
	write_n(dir, 3, 100, 0);
	chmod(dir, 0750);
	*strrchr(dir, '/') = '\0';
	chmod(dir, 0755);	/* the parent (mkdtemp's 0700) is searchable */
	strcat(dir, "/s");
	pid_t pid = fork();
	if (pid == 0) {
		char why[256];
		struct store *st;
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(3);
		int err = store_open_read(&st, dir, why, sizeof(why));
		_exit(err == -EACCES && strstr(why, "Permission denied") && strstr(why, "run as root") ? 0 : 1);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	ts_rmdir(dir);
}

/* A segment of a newer major version is refused, by name. */
static void test_newer_version(void **state)
{
	char dir[64], why[256], p[128];
	unsigned char b[SEGHDR_LEN];
	struct seg_hdr sh = { .major = STORE_MAJOR + 1, .minor = 0, .hdr_len = SEGHDR_LEN, .seq = 2 };
	struct store *st;
	(void)state;
	ts_mkdir(dir);
	write_n(dir, 3, 100, 0);
	seg_hdr_encode(b, &sh);
	snprintf(p, sizeof(p), "%s/seg-000000000002.trs", dir);
	int fd = open(p, O_WRONLY | O_CREAT, 0640);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, b, sizeof(b)), sizeof(b));
	close(fd);
	assert_int_equal(store_open_read(&st, dir, why, sizeof(why)), -STORE_EVERSION);
	assert_non_null(strstr(why, "seg-000000000002.trs: store format 2.0, this triage reads 1.x"));
	ts_rmdir(dir);
}

/* A 1 MiB tmpfs filled to the brim: the append fails with -ENOSPC and
 * leaves nothing half; after space is freed appends resume and everything
 * replays. */
/* A recorder in another process appends 4 kB samples as fast as it can;
 * this one reads along (no locks: every record it sees is whole, in order,
 * never damage), then kills it with SIGKILL: everything written replays and
 * at most the record being written is lost, as a "truncated tail". */
static void test_kill9_and_concurrent_reader(void **state)
{
	char dir[64], why[256];
	struct store *rd;
	struct store_cursor *c;
	struct store_rec r;
	int got = 0, rounds = 0;
	(void)state;
	ts_mkdir(dir);
	pid_t pid = fork();
	if (pid == 0) {
		struct store *w;
		struct store_wopts o = { .seg_bytes = 1 << 20 };
		if (store_open_write(&w, dir, &o, why, sizeof(why)) != 0)
			_exit(1);
		for (int i = 0; i < 20000; i++)	/* at most 80 MB */
			if (ts_append(w, i, 4000, 0) != 0)
				_exit(2);
		pause();
		_exit(0);
	}
	struct stat sb;
	char lock[96];
	snprintf(lock, sizeof(lock), "%s/LOCK", dir);
	for (int k = 0; k < 2000 && stat(lock, &sb) != 0; k++)
		usleep(1000);
	usleep(20000);
	assert_int_equal(store_open_read(&rd, dir, why, sizeof(why)), 0);
	assert_int_equal(store_seek(rd, INT64_MIN, INT64_MAX, &c), 0);
	while (rounds++ < 200 && got < 5000) {	/* about 0.5 s, or 20 MB read */
		while (store_next(c, &r) == 0)
			ts_assert_sample(&r, got++, 4000, 0);
		assert_int_equal(store_cursor_ndamage(c), 0);
		usleep(2000);
	}
	store_cursor_free(c);
	store_close(rd);
	assert_int_equal(kill(pid, SIGKILL), 0);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	printf("concurrent reader saw %d records; killed the writer\n", got);
	assert_true(got > 10);
	/* after the kill: all whole records, at most one lost at the tail */
	size_t nd;
	int64_t f, t;
	int n = read_all_any(dir, 4000, &nd, &f, &t, why);
	assert_true(n >= got);
	assert_true(nd <= 1);
	if (nd)
		assert_string_equal(why, "truncated tail");
	ts_rmdir(dir);
}

static char enospc_mnt[64];

/* Runs even when an assertion failed: no tmpfs is left mounted. */
static int enospc_teardown(void **state)
{
	(void)state;
	if (enospc_mnt[0]) {
		umount2(enospc_mnt, MNT_DETACH);
		rmdir(enospc_mnt);
	}
	return 0;
}

static void test_enospc(void **state)
{
	char *mnt = enospc_mnt, dir[80], fill[80], why[256];
	struct store *st;
	size_t nd;
	int64_t f, t;
	(void)state;
	if (geteuid() != 0) {
		printf("SKIP: test_enospc needs root (mount -t tmpfs -o size=1m)\n");
		return;
	}
	strcpy(mnt, "/tmp/triage-enospc.XXXXXX");
	assert_non_null(mkdtemp(mnt));
	if (mount("tmpfs", mnt, "tmpfs", 0, "size=1m") != 0) {
		printf("SKIP: test_enospc cannot mount a tmpfs: %s\n", strerror(errno));
		return;
	}
	snprintf(dir, sizeof(dir), "%s/s", mnt);
	snprintf(fill, sizeof(fill), "%s/fill", mnt);
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	for (int i = 0; i < 20; i++)
		assert_int_equal(ts_append(st, i, 3000, 0), 0);
	int fd = open(fill, O_WRONLY | O_CREAT, 0600);
	char blk[1000];
	memset(blk, 'x', sizeof(blk));
	while (write(fd, blk, sizeof(blk)) > 0)
		;
	while (write(fd, blk, 1) > 0)	/* to the last byte */
		;
	close(fd);
	int fails = 0;
	for (int k = 0; k < 3; k++)
		fails += ts_append(st, 20, 3000, 0) == -ENOSPC;
	assert_int_equal(fails, 3);
	assert_int_equal(read_all(dir, 3000, 0, &nd, &f, &t, why, NULL), 20);
	assert_int_equal(nd, 0);
	/* the recorder stops on the full disk: no half record was left behind
	 * (with the writer gone a partial tail would be "truncated tail") */
	store_close(st);
	assert_int_equal(read_all(dir, 3000, 0, &nd, &f, &t, why, NULL), 20);
	assert_int_equal(nd, 0);
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	assert_int_equal(ts_append(st, 20, 3000, 0), -ENOSPC);	/* cannot even start a segment */
	unlink(fill);
	for (int i = 20; i < 30; i++)
		assert_int_equal(ts_append(st, i, 3000, 0), 0);
	store_close(st);
	/* and a recorder that keeps running resumes in the same segment */
	assert_int_equal(store_open_write(&st, dir, NULL, why, sizeof(why)), 0);
	assert_int_equal(ts_append(st, 30, 3000, 0), 0);
	fd = open(fill, O_WRONLY | O_CREAT, 0600);
	while (write(fd, blk, sizeof(blk)) > 0)
		;
	while (write(fd, blk, 1) > 0)
		;
	close(fd);
	assert_int_equal(ts_append(st, 31, 3000, 0), -ENOSPC);
	unlink(fill);
	for (int i = 31; i < 40; i++)
		assert_int_equal(ts_append(st, i, 3000, 0), 0);
	store_close(st);
	assert_int_equal(ts_check_all(dir, 0, 39, 3000, 0), 40);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flipped_body),
		cmocka_unit_test(test_flipped_header),
		cmocka_unit_test(test_truncated_tail),
		cmocka_unit_test(test_unsafe_dirs),
		cmocka_unit_test(test_nonroot_reader),
		cmocka_unit_test(test_newer_version),
		cmocka_unit_test(test_kill9_and_concurrent_reader),
		cmocka_unit_test_teardown(test_enospc, enospc_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
