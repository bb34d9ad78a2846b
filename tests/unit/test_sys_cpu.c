/* sources/sys_cpu: cpulist syntax, cpuinfo fallback, fixtures. */
#include "test.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_parse),
		cmocka_unit_test(test_cpuinfo_parse),
		cmocka_unit_test(test_read_fixtures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
