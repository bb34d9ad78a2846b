/* sources proc_pid_smaps, proc_pid_ns, proc_pid_oom, pid_snap and
 * model/pidinfo: parsers on literals, the pid_busy fixture (a live process
 * captured twice: 2 threads, a leaking fd count, 2 deleted files, a full
 * accept queue, 3 CLOSE_WAIT sockets, in the cg_v2 fixture's /app.slice/web)
 * with hand-computed values. */
#include "test.h"

#include "analysis/rules_proc.h"
#include "model/pidinfo.h"
#include "sources/pid_snap.h"
#include "sources/proc_pid_ns.h"
#include "sources/proc_pid_oom.h"
#include "sources/proc_pid_smaps.h"

#define S(x) x, strlen(x)
#define BUSY FIXTURES "pid_busy/"
#define BUSY_PID 8492

/* The level each rule reached, -1 where it did not fire. */
static void verdict_levels(const struct proc_verdicts *vd, int *sev)
{
	for (int i = 0; i < RULE__COUNT; i++)
		sev[i] = -1;
	for (int i = 0; i < vd->n; i++)
		sev[vd->v[i].rule] = (int)vd->v[i].sev;
}

static void test_smaps(void **state)
{
	struct proc_pid_smaps s;
	const char *t = "555cf3718000-7ffc72160000 ---p 00000000 00:00 0                          [rollup]\n"
			"Rss:                1624 kB\nPss:                 202 kB\nPss_Dirty:           112 kB\n"
			"Pss_Anon:            112 kB\nPss_File:             90 kB\nPss_Shmem:             0 kB\n"
			"Shared_Clean:       1472 kB\nAnonymous:           112 kB\nSwap:                 64 kB\n"
			"SwapPss:              32 kB\nLocked:                0 kB\n";
	(void)state;
	assert_int_equal(proc_pid_smaps_parse(S(t), &s), 0);
	assert_false(s.empty);
	assert_true(s.has_pss_split);
	assert_int_equal(s.rss, 1624);
	assert_int_equal(s.pss, 202);
	assert_int_equal(s.pss_anon, 112);
	assert_int_equal(s.pss_file, 90);
	assert_int_equal(s.shared_clean, 1472);
	assert_int_equal(s.swap, 64);
	assert_int_equal(s.swap_pss, 32);
	/* before 5.7: no Pss_Anon */
	assert_int_equal(proc_pid_smaps_parse(S("Rss: 10 kB\nPss: 5 kB\n"), &s), 0);
	assert_false(s.has_pss_split);
	/* kernel thread: empty file */
	assert_int_equal(proc_pid_smaps_parse(S(""), &s), 0);
	assert_true(s.empty);
	assert_int_equal(proc_pid_smaps_parse(S("garbage\n"), &s), -EINVAL);
	assert_int_equal(proc_pid_smaps_parse(S("Rss: x kB\n"), &s), -EINVAL);
}

static void test_ns_oom(void **state)
{
	uint64_t ino;
	long v;
	(void)state;
	assert_int_equal(proc_pid_ns_parse("net:[4026531833]", NS_NET, &ino), 0);
	assert_true(ino == 4026531833ULL);
	assert_int_equal(proc_pid_ns_parse("pid:[4026531833]", NS_NET, &ino), -EINVAL);
	assert_int_equal(proc_pid_ns_parse("net:[]", NS_NET, &ino), -EINVAL);
	assert_int_equal(proc_pid_ns_parse("net:[12]x", NS_NET, &ino), -EINVAL);
	assert_int_equal(proc_pid_oom_parse_long(S("666\n"), &v), 0);
	assert_int_equal(v, 666);
	assert_int_equal(proc_pid_oom_parse_long(S("-1000\n"), &v), 0);
	assert_int_equal(v, -1000);
	assert_int_equal(proc_pid_oom_parse_long(S("x\n"), &v), -EINVAL);
	assert_int_equal(proc_pid_oom_parse_long(S(""), &v), -EINVAL);
}

static void take(const char *dir, bool full, struct pid_snap *s, struct root *r)
{
	assert_int_equal(root_open(r, dir), 0);
	assert_int_equal(pid_snap_take(r, BUSY_PID, full, s), 0);
}

static void test_snap(void **state)
{
	struct root r;
	struct pid_snap *s = calloc(1, sizeof(*s));
	(void)state;
	take(BUSY "t1", true, s, &r);
	assert_int_equal(s->fd_err, 0);
	assert_int_equal(s->smaps_err, 0);
	assert_int_equal(s->smaps.pss, 12587);
	assert_int_equal(s->oom.score, 666);
	assert_int_equal(s->oom.adj, 0);
	assert_string_equal(s->wchan, "hrtimer_nanosleep");
	assert_int_equal(s->ns_err, 0);
	assert_int_equal(s->ns1_err, 0);
	assert_true(s->ns.ino[NS_NET] == s->ns1.ino[NS_NET]);
	assert_int_equal(s->cg_err, 0);
	assert_string_equal(s->cg->path, "/app.slice/web");
	assert_true(s->lim.soft[PL_NOFILE] == 20000);
	pid_snap_free(s);
	root_close(&r);
	/* a PID that is not there */
	assert_int_equal(root_open(&r, BUSY "t1"), 0);
	assert_int_equal(pid_snap_take(&r, 999999, true, s), -ESRCH);
	pid_snap_free(s);
	root_close(&r);
	free(s);
}

static void test_model(void **state)
{
	struct root r0, r1;
	struct pid_snap *s = calloc(2, sizeof(*s));
	struct pidinfo *m = calloc(1, sizeof(*m));
	struct pid_params p = { .hz = 100, .page_kb = 4, .mem_total_kb = 0, .ncpus = 2 };
	struct sd_table own;
	struct proc_verdicts vd;
	int sev[RULE__COUNT];
	(void)state;
	take(BUSY "t0", false, &s[0], &r0);
	take(BUSY "t1", true, &s[1], &r1);
	/* uptime 1753.08 -> 1755.41: 2.33 s */
	p.dt_s = s[1].up.up_s - s[0].up.up_s;
	assert_float_equal(p.dt_s, 2.33, 1e-9);
	assert_int_equal(pidinfo_model(&s[0], &s[1], BUSY_PID, &p, m), 0);
	sd_table_init(&own, false);
	assert_int_equal(pidinfo_model_sockets(&s[1], m, &own), 0);
	/* utime 10 -> 72, stime 3 -> 4 ticks; pidstat: itv 233 cs = 233 ticks at
	 * HZ 100; usr 62/233 = 26.609 %, sys 1/233 = 0.429 % */
	assert_float_equal(m->row.cpu.usr, 62.0 / 233 * 100, 1e-6);
	assert_float_equal(m->row.cpu.system, 1.0 / 233 * 100, 1e-6);
	/* voluntary 31 -> 218 = 187 / 2.33 s; involuntary 35 -> 52 = 17 / 2.33 */
	assert_float_equal(m->vol_s, 187 / 2.33, 1e-6);
	assert_float_equal(m->invol_s, 17 / 2.33, 1e-6);
	/* age: 1755.41 - 175253 / 100 = 2.88 s */
	assert_float_equal(m->age_s, 2.88, 1e-6);
	assert_int_equal(m->nthreads, 2);
	assert_int_equal(m->nthr, 2);
	assert_int_equal(m->thr[0].rec->tid, 8671);	/* the spinning thread first */
	/* fds: 30 -> 72 (ls proc/8492/fd | wc -l), 2 deleted, 9 sockets */
	assert_int_equal(m->fd.p->nfds, 72);
	assert_float_equal(m->fd_delta, 42, 1e-9);
	assert_int_equal(m->fd.p->deleted, 2);
	assert_int_equal(m->fd.p->by_type[FD_SOCKET], 9);
	/* 72 / 20000 = 0.36 % of the soft limit */
	assert_float_equal(m->fd.pct_soft, 0.36, 1e-9);
	/* sockets found in the recorded dump: all 9; 3 CLOSE_WAIT (8), 2 LISTEN (10) */
	assert_int_equal(m->nsocks, 9);
	assert_int_equal(m->sc.by_state[0][0][8], 3);
	assert_int_equal(m->sc.by_state[0][0][10], 2);
	assert_int_equal(m->nlisten, 2);
	/* the full listener: accept queue 3 of backlog 2 = 150 % */
	assert_true((m->listen[0].s->wqueue == 2 && m->listen[0].fill_pct == 150.0) ||
		    (m->listen[1].s->wqueue == 2 && m->listen[1].fill_pct == 150.0));
	/* cgroup /app.slice/web of cg_v2 over the same 2.33 s: throttled +18 of
	 * +20 periods = 90 %; memory 99.609375 % */
	assert_float_equal(m->cgr.throttled_pct, 90.0, 1e-9);
	assert_float_equal(m->cgr.mem_pct_max, 99.609375, 1e-9);
	assert_false(m->ns_diff);
	/* judged by the table (analysis/rules_proc.c): fds +42 > 20, 2 deleted
	 * held, a full accept queue, throttled 90 % > 80 and memory 99.6 % > 98
	 * critical, OOM kills recorded; 3 CLOSE-WAIT is below the table's 100 */
	rules_proc(m, &vd);
	verdict_levels(&vd, sev);
	assert_int_equal(sev[RULE_PROC_FD_LEAK], SEV_WARNING);
	assert_int_equal(sev[RULE_PROC_DELETED_OPEN], SEV_WARNING);
	assert_int_equal(sev[RULE_TCP_LISTEN_OVERFLOW], SEV_WARNING);
	assert_int_equal(sev[RULE_CGROUP_CPU_THROTTLED], SEV_CRITICAL);
	assert_int_equal(sev[RULE_CGROUP_MEMORY_NEAR_LIMIT], SEV_CRITICAL);
	assert_true(sev[RULE_CGROUP_OOM_KILL] >= 0);
	assert_int_equal(sev[RULE_TCP_CLOSE_WAIT], -1);
	assert_int_equal(sev[RULE_FD_NEAR_LIMIT], -1);
	assert_int_equal(sev[RULE_CPU_SINGLE_THREAD], -1);
	assert_int_equal(sev[RULE_PROC_D_STATE], -1);
	assert_int_equal(sev[RULE_PROC_ZOMBIE], -1);
	assert_int_equal(sev[RULE_PROC_SWAPPED], -1);
	/* one sample: no rates, levels still there */
	assert_int_equal(pidinfo_model(NULL, &s[1], BUSY_PID, &p, m), 0);
	assert_true(isnan(m->row.cpu.cpu) && isnan(m->vol_s) && isnan(m->fd_delta) && isnan(m->dt_s));
	assert_int_equal(m->fd.p->nfds, 72);
	assert_int_equal(pidinfo_model(&s[0], &s[1], 4242, &p, m), -ESRCH);
	sd_table_free(&own);
	pid_snap_free(&s[0]);
	pid_snap_free(&s[1]);
	root_close(&r0);
	root_close(&r1);
	free(s);
	free(m);
}

/* The thresholds are the report's (the one table), not the old hints' own:
 * fds 85 % of the limit (hints said 80 %, the table 90 %), throttled in 15 %
 * of periods (10 % vs 20 %), 5 CLOSE-WAIT (any vs 100). */
static void test_same_thresholds(void **state)
{
	struct { struct proc_pid_rec rec; } st = { 0 };
	struct fd_proc fp = { .nfds = 850 };
	struct pidinfo m = { .rec = &st.rec, .dt_s = 10, .fd_delta = 0, .swap_kb = NAN };
	struct proc_verdicts vd;
	int sev[RULE__COUNT];
	(void)state;

	st.rec.stat.state = 'S';
	m.fd.p = &fp;
	m.fd.soft = 1000;
	m.fd.pct_soft = 85;
	m.cg_known = true;
	m.cgr.throttled_pct = 15;
	m.cgr.throttled_s = 1;	/* 10 periods in 10 s */
	m.close_wait = 5;
	rules_proc(&m, &vd);
	verdict_levels(&vd, sev);
	assert_int_equal(sev[RULE_FD_NEAR_LIMIT], -1);
	assert_int_equal(sev[RULE_CGROUP_CPU_THROTTLED], -1);
	assert_int_equal(sev[RULE_TCP_CLOSE_WAIT], -1);
	/* past the table's warnings: 95 % (> 90), 25 % (> 20), 150 (> 100) */
	m.fd.pct_soft = 95;
	m.cgr.throttled_pct = 25;
	m.close_wait = 150;
	m.fd_delta = 21;
	rules_proc(&m, &vd);
	verdict_levels(&vd, sev);
	assert_int_equal(sev[RULE_FD_NEAR_LIMIT], SEV_WARNING);
	assert_int_equal(sev[RULE_CGROUP_CPU_THROTTLED], SEV_WARNING);
	assert_int_equal(sev[RULE_TCP_CLOSE_WAIT], SEV_WARNING);
	assert_int_equal(sev[RULE_PROC_FD_LEAK], SEV_WARNING);
	/* and critical where the table has a critical threshold: 99 % > 98 */
	m.fd.pct_soft = 99;
	rules_proc(&m, &vd);
	verdict_levels(&vd, sev);
	assert_int_equal(sev[RULE_FD_NEAR_LIMIT], SEV_CRITICAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_smaps),
		cmocka_unit_test(test_ns_oom),
		cmocka_unit_test(test_snap),
		cmocka_unit_test(test_model),
		cmocka_unit_test(test_same_thresholds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
