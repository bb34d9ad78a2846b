/* sources/proc_pid_fd, proc_pid_limits, proc_sys_fs and model/fds. */
#include "test.h"

#include "model/fds.h"
#include "sources/proc_pid_fd.h"
#include "sources/proc_pid_limits.h"
#include "sources/proc_sys_fs.h"

#define S(lit) lit, sizeof(lit) - 1

static void test_classify(void **state)
{
	struct fd_link l;
	(void)state;
	assert_int_equal(proc_pid_fd_classify(S("socket:[123456]"), &l), 0);
	assert_int_equal(l.type, FD_SOCKET);
	assert_int_equal(l.inode, 123456);
	assert_int_equal(proc_pid_fd_classify(S("pipe:[42]"), &l), 0);
	assert_int_equal(l.type, FD_PIPE);
	assert_int_equal(l.inode, 42);
	assert_int_equal(proc_pid_fd_classify(S("anon_inode:[eventfd]"), &l), 0);
	assert_int_equal(l.type, FD_ANON);
	assert_int_equal(proc_pid_fd_classify(S("anon_inode:inotify"), &l), 0);
	assert_int_equal(l.type, FD_ANON);
	assert_int_equal(proc_pid_fd_classify(S("/var/log/x.log (deleted)"), &l), 0);
	assert_int_equal(l.type, FD_FILE);
	assert_true(l.deleted);
	assert_int_equal(l.path_len, strlen("/var/log/x.log"));
	assert_int_equal(proc_pid_fd_classify(S("/dev/null"), &l), 0);
	assert_int_equal(l.type, FD_FILE);
	assert_false(l.deleted);
	assert_int_equal(proc_pid_fd_classify(S("/ (deleted)"), &l), 0);	/* a directory removed */
	assert_true(l.deleted);
	assert_int_equal(l.path_len, 1);
	/* malformed brackets and namespaces are "other" */
	assert_int_equal(proc_pid_fd_classify(S("socket:[12a]"), &l), 0);
	assert_int_equal(l.type, FD_OTHER);
	assert_int_equal(proc_pid_fd_classify(S("socket:[]"), &l), 0);
	assert_int_equal(l.type, FD_OTHER);
	assert_int_equal(proc_pid_fd_classify(S("net:[4026531840]"), &l), 0);
	assert_int_equal(l.type, FD_OTHER);
	assert_int_equal(proc_pid_fd_classify("", 0, &l), -EINVAL);
}

static void test_scan_fixture(void **state)
{
	struct root r;
	struct fd_scan s;
	const struct fd_proc *p;
	(void)state;
	assert_int_equal(root_open(&r, FIXTURES "fds"), 0);
	fd_scan_init(&s);
	assert_int_equal(proc_pid_fd_scan_all(&r, FDS_SOCKETS | FDS_DELETED | FDS_LAZY_COMM, &s), 0);
	assert_int_equal(s.nprocs, 3);
	assert_int_equal(s.vanished, 1);	/* proc/300 has no fd/ */
	p = fd_scan_proc(&s, 100);
	assert_non_null(p);
	assert_string_equal(p->comm, "");	/* read on demand */
	fd_scan_comm(&r, fd_scan_proc_mut(&s, 100));
	assert_string_equal(p->comm, "nginx");
	assert_int_equal(s.procs[0].pid, 100);	/* sorted by PID */
	assert_int_equal(s.procs[1].pid, 200);
	/* haproxy: 200 descriptors, 197 of them sockets 8003..8199 */
	const struct fd_proc *q = fd_scan_proc(&s, 400);
	assert_non_null(q);
	assert_int_equal(q->nfds, 200);
	assert_int_equal(q->by_type[FD_SOCKET], 197);
	assert_int_equal(fd_scan_sock_owner(&s, 8199)->pid, 400);
	assert_int_equal(s.nsocks, 4 + 197);	/* 7001 twice, 7002, 7003, 8003..8199 */
	assert_int_equal(p->nfds, 10);
	assert_int_equal(p->by_type[FD_FILE], 3);
	assert_int_equal(p->by_type[FD_SOCKET], 2);
	assert_int_equal(p->by_type[FD_PIPE], 2);
	assert_int_equal(p->by_type[FD_ANON], 2);
	assert_int_equal(p->by_type[FD_OTHER], 1);
	assert_int_equal(p->deleted, 2);
	/* deleted files sorted by (pid, fd); sizes from the fdstat convention */
	assert_int_equal(s.ndels, 4);
	assert_int_equal(s.dels[0].pid, 100);
	assert_int_equal(s.dels[0].fd, 6);
	assert_true(s.dels[0].have_stat);
	assert_int_equal(s.dels[0].size, 1048576);
	assert_int_equal(s.dels[0].dev_major, 254);
	assert_int_equal(s.dels[1].size, 10737418240ULL);
	assert_int_equal(s.dels[1].dev_minor, 16);
	assert_memory_equal(s.text.p + s.dels[1].path_off, "/data/big.bin", s.dels[1].path_len);
	assert_int_equal(s.dels[3].fd, 3);
	assert_false(s.dels[3].have_stat);	/* no fdstat line */
	/* socket 7001 is held by both 100 (fd 3) and 200 (fd 4) */
	const struct fd_sock *o = fd_scan_sock_owner(&s, 7001);
	assert_non_null(o);
	assert_int_equal(o->pid, 100);
	assert_int_equal(o->fd, 3);
	assert_int_equal(o[1].inode, 7001);
	assert_int_equal(o[1].pid, 200);
	assert_null(fd_scan_sock_owner(&s, 7004));
	assert_int_equal(fd_scan_sock_owner(&s, 7003)->pid, 200);
	/* a missing PID */
	assert_int_equal(proc_pid_fd_scan_pid(&r, 999, 0, &s), -ENOENT);
	fd_scan_free(&s);
	root_close(&r);
}

static void test_fdstat_parse(void **state)
{
	struct fd_scan s;
	(void)state;
	fd_scan_init(&s);
	s.dels = calloc(1, sizeof(*s.dels));
	s.ndels = s.cap_dels = 1;
	s.dels[0].pid = 7;
	s.dels[0].fd = 4;
	assert_int_equal(proc_pid_fd_fdstat_parse(S("# c\n4 99 8:1 0 12\n"), 7, &s), 0);
	assert_true(s.dels[0].have_stat);
	assert_int_equal(s.dels[0].size, 99);
	assert_int_equal(s.dels[0].dev_minor, 1);
	assert_int_equal(s.dels[0].ino, 12);
	assert_int_equal(proc_pid_fd_fdstat_parse(S("4 x\n"), 7, &s), -EINVAL);
	fd_scan_free(&s);
}

static void test_limits(void **state)
{
	struct proc_pid_limits l;
	static const char txt[] =
		"Limit                     Soft Limit           Hard Limit           Units     \n"
		"Max cpu time              unlimited            unlimited            seconds   \n"
		"Max file size             unlimited            unlimited            bytes     \n"
		"Max processes             96343                96343                processes \n"
		"Max open files            1024                 524288               files     \n"
		"Max file locks            unlimited            unlimited            locks     \n"
		"Max realtime timeout      unlimited            unlimited            us        \n";
	(void)state;
	assert_int_equal(proc_pid_limits_parse(txt, sizeof(txt) - 1, &l), 0);
	assert_true(l.have[PL_NOFILE]);
	assert_int_equal(l.soft[PL_NOFILE], 1024);
	assert_int_equal(l.hard[PL_NOFILE], 524288);
	assert_int_equal(l.soft[PL_NPROC], 96343);
	assert_true(l.soft[PL_CPU] == PROC_LIMIT_INFINITY);
	assert_true(l.hard[PL_LOCKS] == PROC_LIMIT_INFINITY);
	assert_true(l.have[PL_RTTIME]);
	assert_false(l.have[PL_STACK]);
	assert_string_equal(proc_pid_limits_name(PL_NOFILE), "Max open files");
	assert_int_equal(proc_pid_limits_parse(S("Max open files            lots  1\n"), &l), -EINVAL);
	assert_int_equal(proc_pid_limits_parse(S("nothing here\n"), &l), -EINVAL);
}

static void test_file_nr(void **state)
{
	struct proc_sys_fs fs;
	struct root r;
	(void)state;
	assert_int_equal(proc_sys_fs_file_nr_parse(S("591\t0\t2465620\n"), &fs), 0);
	assert_int_equal(fs.allocated, 591);
	assert_int_equal(fs.max, 2465620);
	/* 591 / 2465620 x 100 = 0.023969... */
	assert_float_equal(fds_model_file_nr_pct(&fs), 0.0239696, 1e-6);
	assert_int_equal(proc_sys_fs_file_nr_parse(S("591 0\n"), &fs), -EINVAL);
	assert_int_equal(root_open(&r, FIXTURES "fds"), 0);
	assert_int_equal(proc_sys_fs_read(&r, &fs), 0);
	assert_int_equal(fs.allocated, 1024);
	assert_int_equal(fs.max, 100000);
	root_close(&r);
}

static void test_fds_model(void **state)
{
	struct fd_proc procs[5] = {
		{ .pid = 10, .nfds = 5 }, { .pid = 11, .nfds = 50 }, { .pid = 12, .nfds = 7 },
		{ .pid = 13, .nfds = 50 }, { .pid = 9, .nfds = 1 },
	};
	struct fd_scan s = { .procs = procs, .nprocs = 5 };
	struct proc_pid_limits lim = { 0 };
	struct fds_row row;
	size_t idx[3];
	(void)state;
	/* by nfds descending, ties by PID: 11 (50), 13 (50), 12 (7) */
	assert_int_equal(fds_model_top(&s, 3, idx), 3);
	assert_int_equal(procs[idx[0]].pid, 11);
	assert_int_equal(procs[idx[1]].pid, 13);
	assert_int_equal(procs[idx[2]].pid, 12);
	assert_int_equal(fds_model_top(&s, 1, idx), 1);
	assert_int_equal(procs[idx[0]].pid, 11);
	lim.have[PL_NOFILE] = true;
	lim.soft[PL_NOFILE] = 64;
	lim.hard[PL_NOFILE] = PROC_LIMIT_INFINITY;
	fds_model_row(&row, &procs[1], &lim);
	assert_float_equal(row.pct_soft, 78.125, 1e-9);	/* 50 / 64 x 100 */
	assert_true(isnan(row.pct_hard));		/* unlimited */
	fds_model_row(&row, &procs[1], NULL);
	assert_false(row.have_limit);
	assert_true(isnan(row.pct_soft));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_scan_fixture),
		cmocka_unit_test(test_fdstat_parse),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_file_nr),
		cmocka_unit_test(test_fds_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
