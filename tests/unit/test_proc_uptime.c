/* sources/proc_uptime, proc_loadavg, utmp: parsers on literals, readers on fixtures. */
#include "test.h"

#include <utmp.h>

#include "sources/proc_loadavg.h"
#include "sources/proc_uptime.h"
#include "sources/utmp.h"

static void test_uptime_parse(void **state)
{
	struct proc_uptime u;
	(void)state;
	assert_int_equal(proc_uptime_parse("240.17 447.73\n", 14, &u), 0);
	assert_float_equal(u.up_s, 240.17, 1e-9);
	assert_float_equal(u.idle_s, 447.73, 1e-9);
	assert_int_equal(proc_uptime_parse("garbage", 7, &u), -EINVAL);
	assert_int_equal(proc_uptime_parse("", 0, &u), -EINVAL);
}

static void test_loadavg_parse(void **state)
{
	struct proc_loadavg l;
	(void)state;
	assert_int_equal(proc_loadavg_parse("0.01 0.02 0.00 1/77 2455\n", 25, &l), 0);
	assert_float_equal(l.load[1], 0.02, 1e-9);
	assert_int_equal(l.running, 1);
	assert_int_equal(l.tasks, 77);
	assert_int_equal(l.last_pid, 2455);
	assert_int_equal(proc_loadavg_parse("0.01 0.02", 9, &l), -EINVAL);
}

static void test_utmp_parse(void **state)
{
	struct utmp u[3];
	(void)state;
	memset(u, 0, sizeof(u));
	u[0].ut_type = USER_PROCESS;
	strcpy(u[0].ut_user, "alice");
	u[1].ut_type = LOGIN_PROCESS;
	strcpy(u[1].ut_user, "LOGIN");
	u[2].ut_type = USER_PROCESS;
	strcpy(u[2].ut_user, "bob");
	assert_int_equal(utmp_count_users_parse(u, sizeof(u)), 2);
	assert_int_equal(utmp_count_users_parse(u, sizeof(u) - 1), 1);	/* partial record ignored */
}

static void test_read_fixture(void **state)
{
	struct root r;
	struct proc_uptime u;
	(void)state;
	assert_int_equal(root_open(&r, "tests/fixtures/basic2cpu/t1"), 0);
	assert_int_equal(proc_uptime_read(&r, &u), 0);
	assert_float_equal(u.up_s, 93784.52, 1e-9);
	assert_int_equal(utmp_count_users(&r), 0);	/* no run/utmp */
	root_close(&r);
	assert_int_equal(root_open(&r, "tests/fixtures/nonexistent"), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uptime_parse),
		cmocka_unit_test(test_loadavg_parse),
		cmocka_unit_test(test_utmp_parse),
		cmocka_unit_test(test_read_fixture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
