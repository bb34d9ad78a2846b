/* sources/proc_pid, proc_pid_scan, passwd: parsers on literals, the scan on fixtures. */
#include "test.h"

#include <sys/resource.h>
#include <unistd.h>

#include "sources/passwd.h"
#include "sources/proc_pid.h"
#include "sources/proc_pid_scan.h"

#define P(s) s, sizeof(s) - 1

/* A real line from this machine (cat), fields 1..52. */
static const char stat_cat[] =
	"10755 (cat) R 10748 10748 3840 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 66723 "
	"3133440 383 18446744073709551615 94756962967552 94756962987433 140725210876016 "
	"0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 94756963003440 94756963005056 94757507182592 "
	"140725210884745 140725210884765 140725210884765 140725210886123 0\n";

static void test_stat_parse(void **state)
{
	struct proc_pid_stat s;
	(void)state;
	assert_int_equal(proc_pid_stat_parse(P(stat_cat), &s), 0);
	assert_int_equal(s.pid, 10755);
	assert_string_equal(s.comm, "cat");
	assert_int_equal(s.state, 'R');
	assert_int_equal(s.ppid, 10748);
	assert_int_equal(s.minflt, 99);
	assert_int_equal(s.priority, 20);
	assert_int_equal(s.num_threads, 1);
	assert_int_equal(s.starttime, 66723);
	assert_int_equal(s.vsize, 3133440);
	assert_int_equal(s.rss, 383);
	assert_int_equal(s.processor, 1);
	assert_int_equal(s.policy, 0);
}

/* comm with spaces, parentheses and a newline: the LAST ')' ends it. */
static void test_stat_parse_evil_comm(void **state)
{
	static const char line[] =
		"42 (a) R 1 (x\ny)) S 7 42 42 0 -1 4194560 1000 50 3 1 250 120 4 2 39 19 3 0 "
		"12345 104857600 2560 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 99 1 "
		"77 30 5\n";
	struct proc_pid_stat s;
	(void)state;
	assert_int_equal(proc_pid_stat_parse(P(line), &s), 0);
	assert_string_equal(s.comm, "a) R 1 (x\ny)");
	assert_int_equal(s.state, 'S');
	assert_int_equal(s.ppid, 7);
	assert_int_equal(s.minflt, 1000);
	assert_int_equal(s.cminflt, 50);
	assert_int_equal(s.majflt, 3);
	assert_int_equal(s.utime, 250);
	assert_int_equal(s.stime, 120);
	assert_int_equal(s.cutime, 4);
	assert_int_equal(s.cstime, 2);
	assert_int_equal(s.priority, 39);
	assert_int_equal(s.nice, 19);
	assert_int_equal(s.num_threads, 3);
	assert_int_equal(s.starttime, 12345);
	assert_int_equal(s.vsize, 104857600);
	assert_int_equal(s.rss, 2560);
	assert_int_equal(s.processor, 1);
	assert_int_equal(s.rt_priority, 99);
	assert_int_equal(s.policy, 1);
	assert_int_equal(s.delayacct_blkio_ticks, 77);
	assert_int_equal(s.guest_time, 30);
	assert_int_equal(s.cguest_time, 5);
}

static void test_stat_parse_bad(void **state)
{
	struct proc_pid_stat s;
	(void)state;
	assert_int_equal(proc_pid_stat_parse(P(""), &s), -EINVAL);
	assert_int_equal(proc_pid_stat_parse(P("garbage"), &s), -EINVAL);
	assert_int_equal(proc_pid_stat_parse(P("12 (no close R 1 2 3"), &s), -EINVAL);
	/* short: stops before (41) policy */
	assert_int_equal(proc_pid_stat_parse(P("12 (x) S 1 2 3 0 -1 0 5 0 0 0 1 1 0 0 20 0\n"), &s), -EINVAL);
	/* ok up to (41): older kernels without delayacct/guest fields */
	assert_int_equal(proc_pid_stat_parse(P("12 (x) S 1 2 3 0 -1 0 5 0 0 0 1 1 0 0 20 0 1 0 9 "
		"100 2 0 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0\n"), &s), 0);
	assert_int_equal(s.guest_time, 0);
	assert_int_equal(s.starttime, 9);
	/* comm longer than the buffer is cut */
	assert_int_equal(proc_pid_stat_parse(P("1 (0123456789012345678901234567890123456789012345678901234567890123456789) S "
		"0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"), &s), 0);
	assert_int_equal(strlen(s.comm), PROC_PID_COMM_MAX - 1);
}

static const char status_txt[] =
	"Name:\tcat\nUmask:\t0022\nState:\tR (running)\nTgid:\t10750\nNgid:\t0\nPid:\t10750\n"
	"PPid:\t10748\nTracerPid:\t0\nUid:\t1000\t1001\t1002\t1003\nGid:\t0\t0\t0\t0\n"
	"NStgid:\t10750\t5\nNSpid:\t10750\t5\nVmPeak:\t    3060 kB\nVmSize:\t    3060 kB\n"
	"VmLck:\t       0 kB\nVmHWM:\t    1616 kB\nVmRSS:\t    1616 kB\nRssAnon:\t     112 kB\n"
	"RssFile:\t    1504 kB\nRssShmem:\t       0 kB\nVmData:\t     360 kB\nVmSwap:\t      12 kB\n"
	"Threads:\t1\nvoluntary_ctxt_switches:\t7\nnonvoluntary_ctxt_switches:\t3\n";

static void test_status_parse(void **state)
{
	struct proc_pid_status s;
	(void)state;
	assert_int_equal(proc_pid_status_parse(P(status_txt), &s), 0);
	assert_int_equal(s.uid[0], 1000);
	assert_int_equal(s.uid[1], 1001);
	assert_int_equal(s.uid[3], 1003);
	assert_int_equal(s.tgid, 10750);
	assert_int_equal(s.ppid, 10748);
	assert_int_equal(s.nspid, 5);
	assert_int_equal(s.vm_peak_kb, 3060);
	assert_int_equal(s.vm_size_kb, 3060);
	assert_int_equal(s.vm_hwm_kb, 1616);
	assert_int_equal(s.vm_rss_kb, 1616);
	assert_int_equal(s.rss_anon_kb, 112);
	assert_int_equal(s.rss_file_kb, 1504);
	assert_int_equal(s.rss_shmem_kb, 0);
	assert_int_equal(s.vm_swap_kb, 12);
	assert_int_equal(s.threads, 1);
	assert_int_equal(s.voluntary_ctxt_switches, 7);
	assert_int_equal(s.nonvoluntary_ctxt_switches, 3);
	assert_true(s.have & PROC_STATUS_HAVE_VM);
	/* a kernel thread: no Vm lines */
	assert_int_equal(proc_pid_status_parse(P("Name:\tkthreadd\nUid:\t0\t0\t0\t0\nThreads:\t1\n"), &s), 0);
	assert_false(s.have & PROC_STATUS_HAVE_VM);
	assert_int_equal(proc_pid_status_parse(P("Name:\tx\nUid:\n"), &s), -EINVAL);
	assert_int_equal(proc_pid_status_parse(P(""), &s), -EINVAL);
}

static void test_io_statm_sched_parse(void **state)
{
	struct proc_pid_io io;
	struct proc_pid_statm m;
	struct proc_pid_schedstat ss;
	(void)state;
	assert_int_equal(proc_pid_io_parse(P("rchar: 6976\nwchar: 10\nsyscr: 10\nsyscw: 2\n"
		"read_bytes: 4096\nwrite_bytes: 8192\ncancelled_write_bytes: 512\n"), &io), 0);
	assert_int_equal(io.rchar, 6976);
	assert_int_equal(io.wchar, 10);
	assert_int_equal(io.syscw, 2);
	assert_int_equal(io.read_bytes, 4096);
	assert_int_equal(io.write_bytes, 8192);
	assert_int_equal(io.cancelled_write_bytes, 512);
	assert_int_equal(proc_pid_io_parse(P("rchar: 6976\nwchar: 10\n"), &io), -EINVAL);
	assert_int_equal(proc_pid_statm_parse(P("765 407 378 5 0 123 0\n"), &m), 0);
	assert_int_equal(m.size, 765);
	assert_int_equal(m.resident, 407);
	assert_int_equal(m.shared, 378);
	assert_int_equal(m.data, 123);
	assert_int_equal(proc_pid_statm_parse(P("765 407\n"), &m), -EINVAL);
	assert_int_equal(proc_pid_schedstat_parse(P("116507 83445 2\n"), &ss), 0);
	assert_int_equal(ss.run_ns, 116507);
	assert_int_equal(ss.wait_ns, 83445);
	assert_int_equal(ss.timeslices, 2);
	assert_int_equal(proc_pid_schedstat_parse(P("x"), &ss), -EINVAL);
}

static void test_cmdline_join(void **state)
{
	char a[] = "python3\0-c\0print(1)\0";
	char b[] = "";
	char c[] = "sshd: user [priv]\0\0\0";
	(void)state;
	assert_int_equal(proc_pid_cmdline_join(a, sizeof(a) - 1), 19);
	assert_string_equal(a, "python3 -c print(1)");
	assert_int_equal(proc_pid_cmdline_join(b, 0), 0);
	assert_int_equal(proc_pid_cmdline_join(c, sizeof(c) - 1), 17);
	assert_string_equal(c, "sshd: user [priv]");
}

static void test_passwd(void **state)
{
	static const char txt[] = "root:x:0:0:root:/root:/bin/bash\n# comment\n"
		"bad line\nnouid:x::0::/:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n"
		"alias:x:1000:1000::/:/bin/sh\nnobody:x:65534:65534::/:/usr/sbin/nologin";
	struct passwd_db db;
	(void)state;
	assert_int_equal(passwd_parse(P(txt), &db), 0);
	assert_int_equal(db.n, 3);
	assert_string_equal(passwd_name(&db, 0), "root");
	assert_string_equal(passwd_name(&db, 1000), "alice");	/* first line wins */
	assert_string_equal(passwd_name(&db, 65534), "nobody");
	assert_null(passwd_name(&db, 1));
	passwd_free(&db);
}

/* Live: our own process is in the scan, with our threads; kept fds move to
 * the next sample and a second scan still finds us. The kept fds are
 * checked on a scan of our PID alone: on a machine with more processes than
 * the fd budget, the lower PIDs use it up before ours. */
static void test_scan_live(void **state)
{
	struct root r;
	struct proc_pid_sample a, b;
	struct proc_pid_scan_opts o = { .want = PROC_PID_SCHEDSTAT | PROC_PID_STATUS | PROC_PID_CMDLINE |
						PROC_PID_STATM,
					.max_kept_fds = proc_pid_scan_fd_budget() };
	const struct proc_pid_rec *me;
	int statm_fd;
	(void)state;
	assert_int_equal(root_open(&r, "/"), 0);
	assert_int_equal(proc_pid_scan(&r, &o, NULL, &a), 0);
	assert_true(a.nprocs > 1);
	for (size_t i = 1; i < a.n; i++)
		assert_true(a.recs[i - 1].pid < a.recs[i].pid);
	me = proc_pid_sample_find(&a, getpid(), 0);
	assert_non_null(me);
	assert_string_equal(me->stat.comm, "test_proc_pid");
	assert_int_equal(me->uid, geteuid());
	assert_non_null(me->status);
	assert_int_equal(me->status->uid[0], getuid());
	assert_true(me->have & PROC_PID_SCHEDSTAT);
	assert_true((me->have & PROC_PID_STATM) && me->statm->resident > 0);
	proc_pid_sample_free(&a);
	int self[] = { getpid() };
	o.pids = self;
	o.npids = 1;
	assert_int_equal(proc_pid_scan(&r, &o, NULL, &a), 0);
	me = proc_pid_sample_find(&a, getpid(), 0);
	assert_non_null(me);
	assert_true(me->fd_statm >= 0);
	statm_fd = me->fd_statm;
	assert_true(a.nkept > 0);
	assert_int_equal(proc_pid_scan(&r, &o, &a, &b), 0);
	assert_true(b.nkept > 0);	/* moved from a, or opened afresh */
	me = proc_pid_sample_find(&b, getpid(), 0);
	assert_non_null(me);
	assert_true(me->fd_stat >= 0);
	/* statm read again through the same fd (pread), not reopened */
	assert_int_equal(me->fd_statm, statm_fd);
	assert_true((me->have & PROC_PID_STATM) && me->statm->resident > 0);
	assert_int_equal(me->uid, geteuid());
	proc_pid_sample_free(&a);
	proc_pid_sample_free(&b);
	/* -p with threads: only us, and our one thread */
	int pids[] = { getpid(), 999999999 };
	o.pids = pids;
	o.npids = 2;
	o.threads = true;
	o.max_kept_fds = 0;
	assert_int_equal(proc_pid_scan(&r, &o, NULL, &a), 0);
	assert_int_equal(a.nprocs, 1);
	assert_int_equal(a.n, 2);
	assert_int_equal(a.recs[1].tid, getpid());
	assert_int_equal(a.nkept, 0);
	proc_pid_sample_free(&a);
	root_close(&r);
}

/* Out of fds: a budget above RLIMIT_NOFILE must not drop tasks; the scan
 * frees a kept fd and stops keeping. */
static void test_scan_emfile(void **state)
{
	struct root r;
	struct proc_pid_sample a, b;
	struct proc_pid_scan_opts o0 = { 0 }, o = { .want = PROC_PID_SCHEDSTAT, .max_kept_fds = 1000000 };
	struct rlimit old, low;
	(void)state;
	assert_int_equal(root_open(&r, "/"), 0);
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
	low = old;
	low.rlim_cur = 48;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	assert_int_equal(proc_pid_scan(&r, &o0, NULL, &a), 0);
	assert_int_equal(proc_pid_scan(&r, &o, NULL, &b), 0);
	assert_true(b.nkept < 48);
	/* the same processes, give or take the ones other jobs start and end */
	assert_true(b.nprocs + 50 >= a.nprocs);
	assert_non_null(proc_pid_sample_find(&b, getpid(), 0));
	proc_pid_sample_free(&a);
	proc_pid_sample_free(&b);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
	root_close(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stat_parse),
		cmocka_unit_test(test_stat_parse_evil_comm),
		cmocka_unit_test(test_stat_parse_bad),
		cmocka_unit_test(test_status_parse),
		cmocka_unit_test(test_io_statm_sched_parse),
		cmocka_unit_test(test_cmdline_join),
		cmocka_unit_test(test_passwd),
		cmocka_unit_test(test_scan_live),
		cmocka_unit_test(test_scan_emfile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
