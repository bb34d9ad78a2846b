/* sources/proc_stat: parser on literals (new and old kernels, offline CPUs,
 * big CPU numbers, garbage), reader on the cpu2 fixture. */
#include "test.h"

#include "sources/proc_stat.h"

#define S(lit) lit, sizeof(lit) - 1

static void test_parse_modern(void **state)
{
	struct proc_stat st;
	int line = -1;
	(void)state;
	proc_stat_init(&st);
	assert_int_equal(proc_stat_parse(S(
		"cpu  1810 5 1885 105321 314 7 31 9 3 1\n"
		"cpu0 562 2 682 53453 6 3 3 2 1 0\n"
		"cpu1 1247 3 1202 51868 307 4 27 7 2 1\n"
		"intr 124886 0 0 15 0 109 33\n"
		"ctxt 267206\n"
		"btime 1795238387\n"
		"processes 7403\n"
		"procs_running 3\n"
		"procs_blocked 1\n"
		"softirq 89525 0 10574 4 929 34503 0 2 22765 0 20748\n"), &st, &line), 0);
	assert_int_equal(st.all_fields, 10);
	assert_int_equal(st.all.user, 1810);
	assert_int_equal(st.all.nice, 5);
	assert_int_equal(st.all.system, 1885);
	assert_int_equal(st.all.idle, 105321);
	assert_int_equal(st.all.iowait, 314);
	assert_int_equal(st.all.irq, 7);
	assert_int_equal(st.all.softirq, 31);
	assert_int_equal(st.all.steal, 9);
	assert_int_equal(st.all.guest, 3);
	assert_int_equal(st.all.guest_nice, 1);
	assert_int_equal(st.ncpu, 2);
	assert_int_equal(st.nonline, 2);
	assert_true(st.online[0] && st.online[1]);
	assert_int_equal(st.cpu[1].user, 1247);
	assert_int_equal(st.cpu[1].guest_nice, 1);
	assert_int_equal(st.cpu[0].idle, 53453);
	assert_int_equal(st.intr, 124886);
	assert_int_equal(st.ctxt, 267206);
	assert_int_equal(st.btime, 1795238387);
	assert_int_equal(st.processes, 7403);
	assert_int_equal(st.procs_running, 3);
	assert_int_equal(st.procs_blocked, 1);
	assert_int_equal(st.softirq, 89525);
	assert_int_equal(st.have, PROC_STAT_HAVE_CTXT | PROC_STAT_HAVE_BTIME | PROC_STAT_HAVE_PROCESSES |
			 PROC_STAT_HAVE_RUNNING | PROC_STAT_HAVE_BLOCKED | PROC_STAT_HAVE_INTR |
			 PROC_STAT_HAVE_SOFTIRQ);
	/* 1810+5+1885+105321+314+7+31+9+3+1 = 109386 */
	assert_int_equal(proc_stat_cpu_sum(&st.all), 109386);
	proc_stat_free(&st);
}

/* A 2.6.18-like kernel: 8 columns, no guest, no softirq line; CPU 1 offline
 * (no cpu1 line): CPU numbers have a hole. */
static void test_parse_old_and_offline(void **state)
{
	struct proc_stat st;
	(void)state;
	proc_stat_init(&st);
	assert_int_equal(proc_stat_parse(S(
		"cpu  100 0 50 1000 5 1 2 3\n"
		"cpu0 60 0 30 500 3 1 1 2\n"
		"cpu2 40 0 20 500 2 0 1 1\n"
		"intr 77\n"
		"ctxt 99\n"), &st, NULL), 0);
	assert_int_equal(st.all_fields, 8);
	assert_int_equal(st.all.steal, 3);
	assert_int_equal(st.all.guest, 0);
	assert_int_equal(st.all.guest_nice, 0);
	assert_int_equal(st.ncpu, 3);
	assert_int_equal(st.nonline, 2);
	assert_true(st.online[0]);
	assert_false(st.online[1]);
	assert_true(st.online[2]);
	assert_int_equal(st.cpu[1].user, 0);
	assert_int_equal(st.cpu[2].iowait, 2);
	assert_false(st.have & PROC_STAT_HAVE_SOFTIRQ);
	assert_false(st.have & PROC_STAT_HAVE_RUNNING);
	assert_int_equal(st.intr, 77);
	/* 2.4 layout: only user nice system idle */
	assert_int_equal(proc_stat_parse(S("cpu 1 2 3 4\n"), &st, NULL), 0);
	assert_int_equal(st.all_fields, 4);
	assert_int_equal(st.all.idle, 4);
	assert_int_equal(st.all.iowait, 0);
	assert_int_equal(st.ncpu, 0);	/* re-parse cleared the earlier CPUs */
	assert_int_equal(st.nonline, 0);
	assert_false(st.online[2]);
	proc_stat_free(&st);
}

/* CPU 1023 alone: the arrays grow past their first allocation. */
static void test_parse_many_cpus(void **state)
{
	struct proc_stat st;
	char buf[200000];
	int n = 0;
	(void)state;
	proc_stat_init(&st);
	n += snprintf(buf + n, sizeof(buf) - n, "cpu  1024 0 0 0 0 0 0 0 0 0\n");
	for (int c = 0; c < 1024; c++)
		n += snprintf(buf + n, sizeof(buf) - n, "cpu%d %d 0 0 %d 0 0 0 0 0 0\n", c, 1, c);
	n += snprintf(buf + n, sizeof(buf) - n, "ctxt 5\n");
	assert_int_equal(proc_stat_parse(buf, (size_t)n, &st, NULL), 0);
	assert_int_equal(st.ncpu, 1024);
	assert_int_equal(st.nonline, 1024);
	assert_true(st.cap >= 1024);
	assert_int_equal(st.cpu[1023].idle, 1023);
	assert_int_equal(st.cpu[512].user, 1);
	assert_int_equal(st.ctxt, 5);
	proc_stat_free(&st);
}

static void test_parse_errors(void **state)
{
	struct proc_stat st;
	int line = -1;
	(void)state;
	proc_stat_init(&st);
	assert_int_equal(proc_stat_parse(S(""), &st, &line), -EINVAL);
	assert_int_equal(proc_stat_parse(S("ctxt 5\n"), &st, &line), -EINVAL);	/* no cpu line */
	assert_int_equal(line, 0);
	assert_int_equal(proc_stat_parse(S("cpu  1 2 3 4\ncpu0 1 2\n"), &st, &line), -EINVAL);
	assert_int_equal(line, 2);
	assert_int_equal(proc_stat_parse(S("cpu  1 2 3 4\nctxt x\n"), &st, &line), -EINVAL);
	assert_int_equal(line, 2);
	assert_int_equal(proc_stat_parse(S("cpu  1 2 3 4\ncpuX 1 2 3 4\n"), &st, &line), -EINVAL);
	assert_int_equal(proc_stat_parse(S("cpu  1 2 3 4\ncpu99999 1 2 3 4\n"), &st, &line), -ERANGE);
	/* unknown lines are skipped; no trailing newline is fine */
	assert_int_equal(proc_stat_parse(S("page 5 6\ncpu  1 2 3 4"), &st, &line), 0);
	assert_int_equal(st.all.idle, 4);
	proc_stat_free(&st);
}

static void test_copy(void **state)
{
	struct proc_stat a, b;
	(void)state;
	proc_stat_init(&a);
	proc_stat_init(&b);
	assert_int_equal(proc_stat_parse(S("cpu  1 2 3 4\ncpu0 1 1 1 1\ncpu70 0 1 2 2\nctxt 9\n"), &a, NULL), 0);
	assert_int_equal(proc_stat_copy(&b, &a), 0);
	assert_int_equal(b.ncpu, 71);
	assert_true(b.online[70]);
	assert_false(b.online[69]);
	assert_int_equal(b.cpu[70].idle, 2);
	assert_int_equal(b.ctxt, 9);
	assert_ptr_not_equal(a.cpu, b.cpu);
	proc_stat_free(&a);
	proc_stat_free(&b);
}

static void test_read_fixture(void **state)
{
	struct root r;
	struct proc_stat st;
	(void)state;
	proc_stat_init(&st);
	assert_int_equal(root_open(&r, FIXTURES "cpu2/t0"), 0);
	assert_int_equal(proc_stat_read(&r, &st), 0);
	assert_int_equal(st.ncpu, 2);
	assert_int_equal(st.all.user, 6759);
	assert_int_equal(st.cpu[1].user, 4073);
	root_close(&r);
	assert_int_equal(root_open(&r, FIXTURES "nonexistent"), -ENOENT);
	proc_stat_free(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_modern),
		cmocka_unit_test(test_parse_old_and_offline),
		cmocka_unit_test(test_parse_many_cpus),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_read_fixture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
