/* sources/mountinfo (parse, octal escapes, fixture statvfs) and model/df. */
#include "test.h"

#include "model/df.h"
#include "sources/mountinfo.h"

#define S(lit) lit, sizeof(lit) - 1

static void test_unescape(void **state)
{
	char out[64];
	(void)state;
	assert_int_equal(mountinfo_unescape(out, S("/mnt/a\\040b\\011c\\134d\\012")), 13);
	assert_string_equal(out, "/mnt/a b\tc\\d\n");
	/* not an escape: kept as is */
	assert_int_equal(mountinfo_unescape(out, S("\\04x\\9")), 6);
	assert_string_equal(out, "\\04x\\9");
}

static void test_parse(void **state)
{
	struct mountinfo mi;
	(void)state;
	mountinfo_init(&mi);
	assert_int_equal(mountinfo_parse(S(
		"36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 shared:2 - ext3 /dev/root rw,errors=continue\n"
		"27 1 254:0 / /with\\040space rw - ext4 /dev/vda rw\n"
		"broken line\n"
		"28 1 0:5 / /nodash rw ext4 x rw\n"
		"\n"), &mi), 0);
	assert_int_equal(mi.n, 2);
	assert_int_equal(mi.bad, 2);
	assert_int_equal(mi.m[0].id, 36);
	assert_int_equal(mi.m[0].parent, 35);
	assert_int_equal(mi.m[0].major, 98);
	assert_int_equal(mi.m[0].minor, 0);
	assert_string_equal(mountinfo_str(&mi, mi.m[0].root), "/mnt1");
	assert_string_equal(mountinfo_str(&mi, mi.m[0].mnt), "/mnt/parent");
	assert_string_equal(mountinfo_str(&mi, mi.m[0].fstype), "ext3");
	assert_string_equal(mountinfo_str(&mi, mi.m[0].source), "/dev/root");
	assert_string_equal(mountinfo_str(&mi, mi.m[0].opts), "rw,noatime");
	assert_string_equal(mountinfo_str(&mi, mi.m[1].mnt), "/with space");
	/* statvfs convention */
	assert_int_equal(mountinfo_statvfs_parse(S("/with\\040space 4096 100 40 30 10 4\nbad\n"), &mi), 0);
	assert_false(mi.m[0].fs.ok);
	assert_int_equal(mi.m[0].fs.err, -ENOENT);
	assert_true(mi.m[1].fs.ok);
	assert_int_equal(mi.m[1].fs.blocks, 100);
	assert_int_equal(mi.m[1].fs.bavail, 30);
	assert_int_equal(mi.m[1].fs.ffree, 4);
	assert_true(mountinfo_is_pseudo("cgroup2"));
	assert_false(mountinfo_is_pseudo("tmpfs"));
	mountinfo_free(&mi);
}

static void test_df_fixture(void **state)
{
	struct root r;
	struct mountinfo mi;
	struct fd_scan fds;
	struct df_report rep;
	(void)state;
	assert_int_equal(root_open(&r, FIXTURES "fds"), 0);
	mountinfo_init(&mi);
	fd_scan_init(&fds);
	assert_int_equal(mountinfo_read(&r, &mi), 0);
	assert_int_equal(mi.n, 9);
	assert_int_equal(mountinfo_statvfs(&r, &mi), 0);
	assert_int_equal(proc_pid_fd_scan_all(&r, FDS_DELETED, &fds), 0);
	assert_int_equal(df_model(&mi, &fds, false, &rep), 0);
	/* shown: / , /mnt/with space, /run, /dev/shm (the top "shm" mount);
	 * skipped: proc, sysfs (pseudo), /srv/bind (same device as /, longer
	 * path), /empty (0 blocks) */
	assert_int_equal(rep.n, 4);
	assert_string_equal(mountinfo_str(&mi, mi.m[rep.rows[0].mount].mnt), "/");
	assert_string_equal(mountinfo_str(&mi, mi.m[rep.rows[3].mount].source), "shm");
	/* /: 1000000 blocks x 4096 = 4096000000 B; used (1000000 - 400000) x 4096
	 * = 2457600000; avail 350000 x 4096 = 1433600000;
	 * use% = ceil(600000 x 100 / (600000 + 350000)) = ceil(63.16) = 64 */
	assert_int_equal(rep.rows[0].size_b, 4096000000ULL);
	assert_int_equal(rep.rows[0].used_b, 2457600000ULL);
	assert_int_equal(rep.rows[0].avail_b, 1433600000ULL);
	assert_float_equal(rep.rows[0].use_pct, 64, 0);
	/* inodes 65536 - 60000 = 5536 used, ceil(5536 x 100 / 65536) = ceil(8.45) = 9 */
	assert_int_equal(rep.rows[0].iused, 5536);
	assert_float_equal(rep.rows[0].iuse_pct, 9, 0);
	/* deleted: inode 1234 on 254:0 held by two processes counts once */
	assert_int_equal(rep.rows[0].held_files, 1);
	assert_int_equal(rep.rows[0].held_b, 1048576);
	assert_int_equal(rep.rows[1].held_b, 10737418240ULL);
	assert_float_equal(rep.rows[1].use_pct, 100, 0);
	df_report_free(&rep);
	/* -a: all nine */
	assert_int_equal(df_model(&mi, NULL, true, &rep), 0);
	assert_int_equal(rep.n, 9);
	assert_true(isnan(rep.rows[8].use_pct));	/* /empty: 0 / 0 */
	df_report_free(&rep);
	fd_scan_free(&fds);
	mountinfo_free(&mi);
	root_close(&r);
}

static void test_pct(void **state)
{
	(void)state;
	assert_float_equal(df_pct_ceil(1, 3), 34, 0);	/* 33.3 rounded up */
	assert_float_equal(df_pct_ceil(0, 3), 0, 0);
	assert_float_equal(df_pct_ceil(3, 3), 100, 0);
	assert_true(isnan(df_pct_ceil(0, 0)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unescape),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_df_fixture),
		cmocka_unit_test(test_pct),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
