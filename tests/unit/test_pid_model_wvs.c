/* pidstat -w -v -s -U: the smaps [stack] parser on literals, the fd-nr
 * reader and passwd_uid on the fixture, and model/pid's switches and gauges
 * on literal records with hand-computed values. */
#include "test.h"

#include "model/pid.h"
#include "model/pid_avg.h"
#include "sources/passwd.h"
#include "sources/proc_pid_fd.h"
#include "sources/proc_pid_scan.h"
#include "sources/proc_pid_smaps.h"

static const struct pid_params P2 = {	/* 2.00 s, HZ 100, 4 kB pages */
	.dt_s = 2.0, .hz = 100, .page_kb = 4, .mem_total_kb = 8000000, .ncpus = 2,
};

/* Three mappings as this machine's smaps prints them (trimmed). The heap's
 * Size and Referenced must not be taken, nor the vdso's after the stack. */
static const char SMAPS[] =
	"55d0c8a00000-55d0c8a21000 rw-p 00000000 00:00 0                          [heap]\n"
	"Size:                132 kB\n"
	"Referenced:          100 kB\n"
	"VmFlags: rd wr mr mw me ac\n"
	"7ffc16a73000-7ffc16a94000 rw-p 00000000 00:00 0                          [stack]\n"
	"Size:                132 kB\n"
	"KernelPageSize:        4 kB\n"
	"MMUPageSize:           4 kB\n"
	"Rss:                  20 kB\n"
	"Referenced:           20 kB\n"
	"VmFlags: rd wr mr mw me gd ac\n"
	"7ffc16b8e000-7ffc16b90000 r-xp 00000000 00:00 0                          [vdso]\n"
	"Size:                  8 kB\n"
	"Referenced:            8 kB\n"
	"VmFlags: rd ex mr mw me de sd\n";

static void test_smaps_stack(void **state)
{
	struct proc_pid_smaps_stack s;
	/* a file mapped from a path ending in "[stack]" is not the stack */
	static const char fake[] =
		"7f0000000000-7f0000001000 r--p 00000000 fd:01 12 /tmp/x[stack]\n"
		"Size:                  4 kB\n"
		"Referenced:            4 kB\n"
		"VmFlags: rd\n";
	(void)state;
	assert_int_equal(proc_pid_smaps_stack_parse(SMAPS, sizeof(SMAPS) - 1, &s), 0);
	assert_true(s.found);
	assert_int_equal(s.size_kb, 132);
	assert_int_equal(s.ref_kb, 20);
	/* kernel thread: empty file -> 0 0, as sysstat */
	assert_int_equal(proc_pid_smaps_stack_parse("", 0, &s), 0);
	assert_false(s.found);
	assert_int_equal(s.size_kb, 0);
	assert_int_equal(proc_pid_smaps_stack_parse(fake, sizeof(fake) - 1, &s), 0);
	assert_false(s.found);
	assert_int_equal(s.ref_kb, 0);
}

static void test_fixture_readers(void **state)
{
	struct root r;
	struct passwd_db db = { 0 };
	struct proc_pid_smaps_stack s;
	uid_t uid = 0;
	(void)state;
	assert_int_equal(root_open(&r, FIXTURES "pids/t1"), 0);
	/* fd/ of gen.py: burner 5 links, ioer 4; threads have none */
	assert_int_equal(proc_pid_fd_nr(&r, 100, 0), 5);
	assert_int_equal(proc_pid_fd_nr(&r, 500, 0), 4);
	assert_int_equal(proc_pid_fd_nr(&r, 100, 101), -ENOENT);
	assert_int_equal(proc_pid_fd_nr(&r, 99999, 0), -ENOENT);
	assert_int_equal(proc_pid_smaps_stack_read(&r, 100, 0, &s), 0);
	assert_int_equal(s.size_kb, 136);
	assert_int_equal(s.ref_kb, 24);
	assert_int_equal(passwd_read(&r, &db), 0);
	assert_int_equal(passwd_uid(&db, "alice", &uid), 0);
	assert_int_equal(uid, 1000);
	assert_int_equal(passwd_uid(&db, "averyverylongusername", &uid), 0);
	assert_int_equal(uid, 1001);
	assert_int_equal(passwd_uid(&db, "nosuch", &uid), -ENOENT);
	assert_int_equal(passwd_uid(&db, "alic", &uid), -ENOENT);
	passwd_free(&db);
	root_close(&r);
}

static struct proc_pid_rec rec(struct proc_pid_status *st, uint64_t vol, uint64_t nonvol)
{
	struct proc_pid_rec r = { .pid = 7, .fd_stat = -1, .fd_sched = -1, .fd_statm = -1,
				  .have = PROC_PID_STAT | PROC_PID_STATUS };
	st->have = PROC_STATUS_HAVE_CTXT;
	st->voluntary_ctxt_switches = vol;
	st->nonvoluntary_ctxt_switches = nonvol;
	r.status = st;
	r.stat.num_threads = 1;
	return r;
}

static void test_ctxsw(void **state)
{
	/* voluntary 1000 -> 1400 over 2.00 s (200 cs): 400 / 200 * 100 = 200.00/s;
	 * nonvoluntary 7 -> 10: 3 / 200 * 100 = 1.50/s */
	struct proc_pid_status sa, sb;
	struct proc_pid_rec a = rec(&sa, 1000, 7), b = rec(&sb, 1400, 10);
	struct pid_row r;
	struct pid_params boot = P2;
	(void)state;
	pid_model_row(&a, &b, &P2, &r);
	assert_float_equal(r.ctxsw.cswch_s, 200.0, 1e-9);
	assert_float_equal(r.ctxsw.nvcswch_s, 1.5, 1e-9);
	assert_true(r.active_ctxsw);
	/* unchanged: 0.00 and not active */
	pid_model_row(&b, &b, &P2, &r);
	assert_float_equal(r.ctxsw.cswch_s, 0.0, 1e-9);
	assert_false(r.active_ctxsw);
	/* since boot (no previous), uptime 1000.00 s = 100000 cs:
	 * 1400 / 100000 * 100 = 1.40/s, 10 -> 0.01/s */
	boot.dt_s = 1000.0;
	pid_model_row(NULL, &b, &boot, &r);
	assert_float_equal(r.ctxsw.cswch_s, 1.4, 1e-9);
	assert_float_equal(r.ctxsw.nvcswch_s, 0.01, 1e-9);
	assert_true(r.active_ctxsw);
	/* a counter going back is unknown, never negative */
	sb.voluntary_ctxt_switches = 900;
	pid_model_row(&a, &b, &P2, &r);
	assert_true(isnan(r.ctxsw.cswch_s));
	/* no status read (no -w): unknown */
	b.status = NULL;
	pid_model_row(&a, &b, &P2, &r);
	assert_true(isnan(r.ctxsw.cswch_s));
	assert_true(isnan(r.ctxsw.nvcswch_s));
	assert_false(r.active_ctxsw);
}

static void test_gauges(void **state)
{
	struct proc_pid_status sa, sb;
	struct proc_pid_rec a = rec(&sa, 0, 0), b = rec(&sb, 0, 0);
	struct pid_row r;
	(void)state;
	a.have |= PROC_PID_FDNR | PROC_PID_STACK;
	b.have |= PROC_PID_FDNR | PROC_PID_STACK;
	a.stat.num_threads = b.stat.num_threads = 4;
	a.fd_nr = 9;
	b.fd_nr = 12;
	a.stack = (struct proc_pid_smaps_stack){ true, 132, 20 };
	b.stack = a.stack;
	/* -v: the current sample's 4 threads and 12 fds; fds moved: active */
	pid_model_row(&a, &b, &P2, &r);
	assert_float_equal(r.ktab.threads, 4.0, 1e-9);
	assert_float_equal(r.ktab.fd_nr, 12.0, 1e-9);
	assert_true(r.active_ktab);
	/* -s: 132/20 unchanged: not active */
	assert_float_equal(r.stack.size_kb, 132.0, 1e-9);
	assert_float_equal(r.stack.ref_kb, 20.0, 1e-9);
	assert_false(r.active_stack);
	b.stack.ref_kb = 24;
	pid_model_row(&a, &b, &P2, &r);
	assert_true(r.active_stack);
	/* threads alone moving makes -v active */
	b.fd_nr = 9;
	b.stat.num_threads = 5;
	pid_model_row(&a, &b, &P2, &r);
	assert_true(r.active_ktab);
	/* fd/ unreadable (not root): fd-nr unknown, and -v never active (sysstat
	 * NO_PID_FD), even though threads moved */
	b.have &= ~(unsigned)PROC_PID_FDNR;
	pid_model_row(&a, &b, &P2, &r);
	assert_true(isnan(r.ktab.fd_nr));
	assert_float_equal(r.ktab.threads, 5.0, 1e-9);
	assert_false(r.active_ktab);
	/* smaps unreadable: stack unknown, not active */
	b.have &= ~(unsigned)PROC_PID_STACK;
	pid_model_row(&a, &b, &P2, &r);
	assert_true(isnan(r.stack.size_kb));
	assert_false(r.active_stack);
	/* since boot: any task with threads or fds is active (against zero) */
	b.have |= PROC_PID_FDNR;
	pid_model_row(NULL, &b, &P2, &r);
	assert_true(r.active_ktab);
}

/* One row of task (pid 7, starttime 100) with these gauges. */
static struct pid_row grow(struct proc_pid_rec *c, uint64_t vsz, uint64_t rss, double threads,
			   double fds, double stk, double ref)
{
	struct pid_row r = { .cur = c };

	r.mem.vsz_kb = vsz;
	r.mem.rss_kb = rss;
	r.ktab.threads = threads;
	r.ktab.fd_nr = fds;
	r.stack.size_kb = stk;
	r.stack.ref_kb = ref;
	return r;
}

static void test_average(void **state)
{
	/* Three intervals: fds 13, 17, 21 -> 51 / 3 = 17; threads 1, 2, 2 ->
	 * 5 / 3 = 1.667; VSZ 1000, 1001, 1001 -> 1000.667 -> 1001; RSS 100, 101,
	 * 101 -> 100.667 -> 101, %MEM from floor(100.667) = 100 / 8000000 * 100 =
	 * 0.00125; stack 132/20, 132/24, unknown -> 132 and 22 (over the 2 known);
	 * iodelay 9 ticks first -> last over 3 intervals: 3. */
	struct proc_pid_rec c = { .pid = 7, .stat.starttime = 100 };
	struct proc_pid_rec reused = { .pid = 7, .stat.starttime = 999 };
	struct pid_avg a = { 0 };
	struct pid_row r;
	(void)state;
	r = grow(&c, 1000, 100, 1, 13, 132, 20);
	assert_int_equal(pid_avg_add(&a, &r, 1), 0);
	r = grow(&c, 1001, 101, 2, 17, 132, 24);
	assert_int_equal(pid_avg_add(&a, &r, 1), 0);
	r = grow(&c, 1001, 101, 2, 21, NAN, NAN);
	assert_int_equal(pid_avg_add(&a, &r, 1), 0);
	/* the Average row (first -> last): last gauges, stack known there */
	r = grow(&c, 1001, 101, 2, 21, 132, 28);
	r.io.iodelay = 9;
	pid_avg_apply(&a, &r, 1, 8000000);
	assert_float_equal(r.ktab.fd_nr, 17.0, 1e-9);
	assert_float_equal(r.ktab.threads, 5.0 / 3, 1e-9);
	assert_int_equal(r.mem.vsz_kb, 1001);
	assert_int_equal(r.mem.rss_kb, 101);
	assert_float_equal(r.mem.mem_pct, 0.00125, 1e-12);
	assert_float_equal(r.stack.size_kb, 132.0, 1e-9);
	assert_float_equal(r.stack.ref_kb, 22.0, 1e-9);
	assert_float_equal(r.io.iodelay, 3.0, 1e-9);
	/* fd-nr unknown in the last sample: stays unknown */
	r = grow(&c, 1001, 101, 2, NAN, 132, 28);
	pid_avg_apply(&a, &r, 1, 8000000);
	assert_true(isnan(r.ktab.fd_nr));
	/* PID reused (another starttime): no entry, the row is left as it is */
	r = grow(&reused, 5, 5, 1, 3, 8, 4);
	pid_avg_apply(&a, &r, 1, 8000000);
	assert_float_equal(r.ktab.fd_nr, 3.0, 1e-9);
	assert_int_equal(r.mem.vsz_kb, 5);
	/* ... and adding it restarts the sums: n = 1 */
	assert_int_equal(pid_avg_add(&a, &r, 1), 0);
	assert_int_equal(a.n, 1);
	assert_int_equal(a.v[0].n, 1);
	assert_float_equal(a.v[0].fd_nr, 3.0, 1e-9);
	/* rint rounds a mean of x.5 to even, as printf("%.0f") would */
	pid_avg_free(&a);
	r = grow(&c, 1000, 100, 1, 1, 0, 0);
	assert_int_equal(pid_avg_add(&a, &r, 1), 0);
	r = grow(&c, 1005, 100, 1, 2, 0, 0);
	assert_int_equal(pid_avg_add(&a, &r, 1), 0);
	pid_avg_apply(&a, &r, 1, 0);
	assert_int_equal(r.mem.vsz_kb, 1002);	/* 1002.5 */
	assert_float_equal(r.ktab.fd_nr, 1.5, 1e-9);
	assert_true(isnan(r.mem.mem_pct));
	pid_avg_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_smaps_stack),
		cmocka_unit_test(test_fixture_readers),
		cmocka_unit_test(test_ctxsw),
		cmocka_unit_test(test_gauges),
		cmocka_unit_test(test_average),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
