/* model/pid: pidstat and top formulas on literal records with hand-computed
 * values, and the merge join of the fixture's two samples (exit, PID reuse,
 * new task). */
#include "test.h"

#include "model/pid.h"
#include "sources/pid_max.h"
#include "sources/proc_pid_scan.h"

static const struct pid_params P2 = {	/* 2.00 s, HZ 100, 4 kB pages */
	.dt_s = 2.0, .hz = 100, .page_kb = 4, .mem_total_kb = 8000000, .ncpus = 2,
};

static struct proc_pid_rec rec(uint64_t utime, uint64_t stime, uint64_t guest, uint64_t wait_ns)
{
	struct proc_pid_rec r = { .pid = 7, .fd_stat = -1, .fd_sched = -1, .fd_statm = -1,
				  .have = PROC_PID_STAT | PROC_PID_SCHEDSTAT };
	r.stat.utime = utime;
	r.stat.stime = stime;
	r.stat.guest_time = guest;
	r.stat.num_threads = 1;
	r.sched.wait_ns = wait_ns;
	return r;
}

static void test_cpu(void **state)
{
	/* utime 1000 -> 1150 with guest 0 -> 30: usr = (1120-1000)/200*100 = 60.00,
	 * guest = 30/200*100 = 15.00, system = (110-100)/200*100 = 5.00,
	 * cpu = (1260-1100)/200*100 = 80.00; wait 1.009e9 ns -> 100 ticks (cut),
	 * 1.049e9 -> 104: (104-100)/200*100 = 2.00. top: 160*100/(100*2) = 80.0 */
	struct proc_pid_rec a = rec(1000, 100, 0, 1009000000), b = rec(1150, 110, 30, 1049000000);
	struct pid_row r;
	(void)state;
	pid_model_row(&a, &b, &P2, &r);
	assert_float_equal(r.cpu.usr, 60.0, 1e-9);
	assert_float_equal(r.cpu.guest, 15.0, 1e-9);
	assert_float_equal(r.cpu.system, 5.0, 1e-9);
	assert_float_equal(r.cpu.cpu, 80.0, 1e-9);
	assert_float_equal(r.cpu.wait, 2.0, 1e-9);
	assert_float_equal(r.top_cpu, 80.0, 1e-9);
	assert_true(r.active_cpu);
	assert_int_equal(r.time_cs, 1260);
	/* utime - guest going back (guest sampled later): usr 0, as sysstat */
	b = rec(1010, 100, 20, 0);
	pid_model_row(&a, &b, &P2, &r);
	assert_float_equal(r.cpu.usr, 0.0, 1e-9);
	/* stime backwards: unknown, never negative */
	b = rec(1000, 90, 0, 0);
	pid_model_row(&a, &b, &P2, &r);
	assert_true(isnan(r.cpu.system));
	/* top caps at 100% per thread: 1 thread, 300 ticks in 2 s = 150% -> 100 */
	b = rec(1300, 100, 0, 0);
	pid_model_row(&a, &b, &P2, &r);
	assert_float_equal(r.top_cpu, 100.0, 1e-9);
	/* no schedstat: %wait unknown */
	b = rec(1000, 100, 0, 0);
	b.have = PROC_PID_STAT;
	pid_model_row(&a, &b, &P2, &r);
	assert_true(isnan(r.cpu.wait));
	assert_false(r.active_cpu);
}

static void test_mem_io(void **state)
{
	/* minflt 200 -> 260: 60/200cs*100 = 30.00/s; majflt 1 -> 3: 1.00/s;
	 * vsize 10485760 B >> 10 = 10240 kB; rss 1024 pages * 4 = 4096 kB;
	 * %MEM 4096/8000000*100 = 0.0512. io: read 1 MiB -> 3 MiB: 2097152 B /
	 * 2 s / 1024 = 1024.00 kB/s; write 0 -> 409600: 200.00; cancelled 4096:
	 * 2.00; blkio 5 -> 12: iodelay 7. */
	struct proc_pid_io ia = { .read_bytes = 1048576 }, ib = { .read_bytes = 3145728,
		.write_bytes = 409600, .cancelled_write_bytes = 4096 };
	struct proc_pid_rec a = rec(0, 0, 0, 0), b = rec(0, 0, 0, 0);
	struct pid_row r;
	(void)state;
	a.stat.minflt = 200; b.stat.minflt = 260;
	a.stat.majflt = 1; b.stat.majflt = 3;
	a.stat.vsize = b.stat.vsize = 10485760;
	a.stat.rss = b.stat.rss = 1024;
	a.stat.delayacct_blkio_ticks = 5; b.stat.delayacct_blkio_ticks = 12;
	a.io = &ia; b.io = &ib;
	pid_model_row(&a, &b, &P2, &r);
	assert_float_equal(r.mem.minflt_s, 30.0, 1e-9);
	assert_float_equal(r.mem.majflt_s, 1.0, 1e-9);
	assert_int_equal(r.mem.vsz_kb, 10240);
	assert_int_equal(r.mem.rss_kb, 4096);
	assert_float_equal(r.mem.mem_pct, 0.0512, 1e-9);
	assert_true(r.active_mem);
	assert_float_equal(r.io.rd_kbs, 1024.0, 1e-9);
	assert_float_equal(r.io.wr_kbs, 200.0, 1e-9);
	assert_float_equal(r.io.ccwr_kbs, 2.0, 1e-9);
	assert_float_equal(r.io.iodelay, 7.0, 1e-9);
	assert_true(r.active_io);
	/* top's %MEM from statm resident: 1024 pages * 4 / 8000000 * 100 = 0.0512 */
	assert_float_equal(r.top_mem, 0.0512, 1e-9);
	/* io unreadable now (EACCES): unknown, not zero */
	b.io = NULL;
	pid_model_row(&a, &b, &P2, &r);
	assert_true(isnan(r.io.rd_kbs));
	/* since boot (no prev): counters over the uptime, 1000 s:
	 * minflt 260 / 100000 cs * 100 = 0.26/s */
	struct pid_params boot = P2;
	boot.dt_s = 1000.0;
	b.io = &ib;
	pid_model_row(NULL, &b, &boot, &r);
	assert_float_equal(r.mem.minflt_s, 0.26, 1e-9);
	assert_float_equal(r.io.rd_kbs, 3145728.0 / 1000 / 1024, 1e-9);
}

/* The fixture: 200 exited, 300 reused (new starttime), 400 new. */
static void test_merge_fixture(void **state)
{
	struct root r0, r1;
	struct proc_pid_sample a, b;
	struct proc_pid_scan_opts o = { .want = PROC_PID_SCHEDSTAT | PROC_PID_IO | PROC_PID_STATM };
	struct pid_row *rows;
	size_t n;
	(void)state;
	assert_int_equal(root_open(&r0, FIXTURES "pids/t0"), 0);
	assert_int_equal(root_open(&r1, FIXTURES "pids/t1"), 0);
	assert_int_equal(proc_pid_scan(&r0, &o, NULL, &a), 0);
	assert_int_equal(proc_pid_scan(&r1, &o, &a, &b), 0);
	assert_int_equal(a.nprocs, 6);	/* 1 42 100 200 300 500 */
	assert_int_equal(b.nprocs, 6);	/* 1 42 100 300 400 500 */
	assert_int_equal(pid_model(&a, &b, &P2, &rows, &n), 0);
	assert_int_equal(n, 6);
	assert_int_equal(rows[0].cur->pid, 1);
	assert_non_null(rows[0].prev);
	assert_float_equal(rows[0].cpu.cpu, 2.5, 1e-9);	/* (502+303-800)/200*100 */
	assert_string_equal(rows[1].cur->stat.comm, "my (evil)\nname");
	assert_false(rows[1].active_cpu);
	assert_int_equal(rows[3].cur->pid, 300);
	assert_null(rows[3].prev);			/* reused: new starttime */
	assert_float_equal(rows[3].cpu.cpu, 20.0, 1e-9);	/* (30+10)/200*100 */
	assert_int_equal(rows[4].cur->pid, 400);
	assert_null(rows[4].prev);
	assert_float_equal(rows[4].cpu.usr, 10.0, 1e-9);
	assert_int_equal(rows[2].cur->uid, 1000);	/* status's effective Uid */
	struct pid_counts pc;
	pid_count_states(&b, &pc);
	assert_int_equal(pc.total, 6);
	assert_int_equal(pc.running, 1);
	assert_int_equal(pc.sleeping, 5);	/* S and D */
	free(rows);
	proc_pid_sample_free(&a);
	proc_pid_sample_free(&b);
	root_close(&r0);
	root_close(&r1);
}

static void test_top_summary(void **state)
{
	/* deltas us 180 sy 40 id 170 wa 10 (guest 30 inside us, not added):
	 * tot 400 -> 45.0 10.0 42.5 2.5; idle backwards counts 0 */
	struct proc_stat_cpu a = { .user = 1000, .system = 100, .idle = 5000, .iowait = 50, .guest = 5 };
	struct proc_stat_cpu b = { .user = 1180, .system = 140, .idle = 5170, .iowait = 60, .guest = 35 };
	struct pid_top_cpu c;
	struct mem_free mf = { .total = 8000000, .free = 5000000, .used = 2000000,
			       .buff_cache = 1024000, .available = 6000000,
			       .swap_total = 2097152, .swap_free = 1048576, .swap_used = 1048576 };
	struct pid_top_mem m;
	long pm;
	(void)state;
	pid_top_cpu(&a, &b, &c);
	assert_float_equal(c.us, 45.0, 1e-9);
	assert_float_equal(c.sy, 10.0, 1e-9);
	assert_float_equal(c.id, 42.5, 1e-9);
	assert_float_equal(c.wa, 2.5, 1e-9);
	b.idle = 4000;	/* backwards: 0, tot 230 -> us 180/230 */
	pid_top_cpu(&a, &b, &c);
	assert_float_equal(c.id, 0.0, 1e-9);
	assert_float_equal(c.us, 180.0 * 100 / 230, 1e-9);
	pid_top_cpu(&a, &a, &c);	/* nothing moved: 100 idle */
	assert_float_equal(c.id, 100.0, 1e-9);
	pid_top_mem(&mf, &m);
	assert_float_equal(m.total, 7812.5, 1e-9);	/* 8000000 / 1024 */
	assert_float_equal(m.used, 1953.125, 1e-9);
	assert_float_equal(m.buff_cache, 1000.0, 1e-9);
	assert_float_equal(m.avail, 5859.375, 1e-9);
	assert_int_equal(pid_max_parse("4194304\n", 8, &pm), 0);
	assert_int_equal(pm, 4194304);
	assert_int_equal(pid_max_parse("x", 1, &pm), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpu),
		cmocka_unit_test(test_mem_io),
		cmocka_unit_test(test_merge_fixture),
		cmocka_unit_test(test_top_summary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
