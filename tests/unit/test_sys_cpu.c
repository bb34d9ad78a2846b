/* sources/sys_cpu: cpulist syntax, cpuinfo fallback, fixtures. */
#include "test.h"

#include "sources/proc_stat.h"
#include "sources/sys_cpu.h"

#define S(lit) lit, sizeof(lit) - 1

static void test_list_parse(void **state)
{
	struct sys_cpu_list l = { 0 };
	(void)state;
	assert_int_equal(sys_cpu_list_parse(S("0-3,5,7-8\n"), &l), 0);
	assert_int_equal(l.count, 7);	/* 0 1 2 3 5 7 8 */
	assert_int_equal(l.nbits, 9);
	assert_true(sys_cpu_list_has(&l, 0));
	assert_true(sys_cpu_list_has(&l, 3));
	assert_false(sys_cpu_list_has(&l, 4));
	assert_true(sys_cpu_list_has(&l, 5));
	assert_false(sys_cpu_list_has(&l, 6));
	assert_true(sys_cpu_list_has(&l, 8));
	assert_false(sys_cpu_list_has(&l, 9));
	assert_false(sys_cpu_list_has(&l, -1));
	assert_int_equal(sys_cpu_list_parse(S("0\n"), &l), 0);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.nbits, 1);
	assert_false(sys_cpu_list_has(&l, 3));	/* cleared by the re-parse */
	assert_int_equal(sys_cpu_list_parse(S("0-1023"), &l), 0);
	assert_int_equal(l.count, 1024);
	assert_true(sys_cpu_list_has(&l, 1023));
	assert_int_equal(sys_cpu_list_parse(S("\n"), &l), 0);	/* empty list */
	assert_int_equal(l.count, 0);
	assert_int_equal(sys_cpu_list_parse(S("3-1"), &l), -EINVAL);
	assert_int_equal(sys_cpu_list_parse(S("0-"), &l), -EINVAL);
	assert_int_equal(sys_cpu_list_parse(S("0,"), &l), -EINVAL);
	assert_int_equal(sys_cpu_list_parse(S("a"), &l), -EINVAL);
	assert_int_equal(sys_cpu_list_parse(S("0 1"), &l), -EINVAL);
	assert_int_equal(sys_cpu_list_parse(S("0-99999"), &l), -ERANGE);
	sys_cpu_list_free(&l);
}

static void test_cpuinfo_parse(void **state)
{
	struct sys_cpu_list l = { 0 };
	(void)state;
	assert_int_equal(sys_cpu_cpuinfo_parse(S(
		"processor\t: 0\nvendor_id\t: GenuineIntel\nprocessors : 9\n\n"
		"processor\t: 1\nmodel name\t: x\n\nprocessor\t: 3\n"), &l), 0);
	assert_int_equal(l.count, 3);
	assert_int_equal(l.nbits, 4);
	assert_false(sys_cpu_list_has(&l, 2));
	assert_false(sys_cpu_list_has(&l, 9));	/* "processors" is another key */
	assert_int_equal(sys_cpu_cpuinfo_parse(S("cpu : POWER9\n"), &l), 0);
	assert_int_equal(l.count, 0);
	sys_cpu_list_free(&l);
}

static void test_read_fixtures(void **state)
{
	struct root r;
	struct sys_cpu sc = { 0 };
	(void)state;
	assert_int_equal(root_open(&r, FIXTURES "cpu64/t0"), 0);
	assert_int_equal(sys_cpu_read(&r, &sc), 0);
	assert_false(sc.from_cpuinfo);
	assert_int_equal(sc.possible.count, 64);
	assert_int_equal(sc.present.count, 64);	/* no "present" file: = possible */
	assert_int_equal(sc.online.count, 63);	/* online: 0-5,7-63 */
	assert_false(sys_cpu_list_has(&sc.online, 6));
	assert_true(sys_cpu_list_has(&sc.online, 5));
	root_close(&r);
	/* no sys/: cpuinfo's processors */
	assert_int_equal(root_open(&r, FIXTURES "oldkernel/t0"), 0);
	assert_int_equal(sys_cpu_read(&r, &sc), 0);
	assert_true(sc.from_cpuinfo);
	assert_int_equal(sc.online.count, 2);
	assert_int_equal(sc.possible.count, 2);
	assert_int_equal(sc.present.count, 2);
	root_close(&r);
	/* this machine's real files: present 0-1 */
	assert_int_equal(root_open(&r, FIXTURES "cpu2/t0"), 0);
	assert_int_equal(sys_cpu_read(&r, &sc), 0);
	assert_int_equal(sc.present.nbits, 2);
	root_close(&r);
	sys_cpu_free(&sc);
}

/* The one CPU count every command prints (sysstat's cpu_nr) and the online
 * count, on roots that lack parts of sysfs. */
static void count_of(const char *fx, const struct proc_stat *st, int nr, int online)
{
	struct root r;
	struct sys_cpu_count c = { -1, -1 };

	assert_int_equal(root_open(&r, fx), 0);
	sys_cpu_count_read(&r, st, &c);
	assert_int_equal(c.nr, nr);
	assert_int_equal(c.online, online);
	root_close(&r);
}

static void test_count(void **state)
{
	struct proc_stat st;
	(void)state;
	/* cpu0..cpu8 directories (not cpufreq, cpuidle, cpu12x, the file
	 * cpu10), no online file; CPU 3 offline: 8 cpuN lines, 8 processors */
	count_of(FIXTURES "cpu_nine", NULL, 9, 8);
	/* no sys/devices/system/cpu, no cpuinfo: proc/stat's cpu0..cpu2 */
	count_of(FIXTURES "cpu_nosys", NULL, 3, 3);
	/* sysfs lists (online 0-5,7-63), no cpuN directories: proc/stat's
	 * highest cpuN + 1 = 64 */
	count_of(FIXTURES "cpu64/t0", NULL, 64, 63);
	/* no sysfs, cpuinfo: 2 and 2 */
	count_of(FIXTURES "oldkernel/t0", NULL, 2, 2);
	/* the caller's proc/stat is used (not read again): a cpu5 line */
	proc_stat_init(&st);
	assert_int_equal(proc_stat_parse(S("cpu  1 2 3 4\ncpu5 1 2 3 4\n"), &st, NULL), 0);
	count_of(FIXTURES "cpu_nosys", &st, 6, 1);
	proc_stat_free(&st);
	/* nothing readable */
	count_of(FIXTURES "kmsg", NULL, 0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_parse),
		cmocka_unit_test(test_cpuinfo_parse),
		cmocka_unit_test(test_read_fixtures),
		cmocka_unit_test(test_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
