/* Thread-state sampling: the parsers of proc/PID/task/TID/{syscall,wchan,
 * stack}, the BPF iterator's records turned into a sample, the per-process
 * model on three literal samples, the task iterator's stream with states, (values computed by hand in the comments),
 * and the rules over thread observations. */
#include "test.h"

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "analysis/rules.h"
#include "bpf/tasks.h"
#include "bpf/threads.h"
#include "bpf/threads_api.h"
#include "core/buf.h"
#include "model/threads.h"
#include "sources/symtab.h"
#include "sources/task_feed.h"
#include "sources/thread_sample.h"

static void test_syscall_parse(void **state)
{
	struct thread_rec t = { 0 };
	const char *in = "202 0x55d0c0a0 0x80 0x2 0x0 0x0 0x0 0x7ffd1000 0x7f1200\n";

	(void)state;
	assert_int_equal(thread_syscall_parse("running\n", 8, &t), 0);
	assert_int_equal(t.sc, THREAD_SC_RUNNING);
	assert_int_equal(thread_syscall_parse("-1 0x7ffd 0x7f00\n", 17, &t), 0);
	assert_int_equal(t.sc, THREAD_SC_NONE);
	assert_int_equal(thread_syscall_parse(in, strlen(in), &t), 0);
	assert_int_equal(t.sc, THREAD_SC_IN);
	assert_int_equal(t.nr, 202);
	assert_int_equal(t.arg0, 0x55d0c0a0);
	assert_int_equal(thread_syscall_parse("0 12 0x1\n", 9, &t), -EINVAL);
	assert_int_equal(t.sc, THREAD_SC_UNKNOWN);
	assert_int_equal(thread_syscall_parse("", 0, &t), -EINVAL);
}

static void test_wchan_stack_parse(void **state)
{
	char w[THREAD_WCHAN_MAX], fr[3][THREAD_WCHAN_MAX];
	const char *st = "[<0>] __schedule+0x3a/0x90\n[<0>] schedule+0x27/0xa0\n"
			 "[<0>] fuse_wait_answer+0x12/0x40\n[<0>] folio_wait_bit_common+0x13/0x40\n"
			 "[<0>] filemap_read+0x1/0x2\n[<0>] __x64_sys_read+0x1/0x2\n";

	(void)state;
	thread_wchan_parse("0", 1, w, sizeof(w));
	assert_string_equal(w, "");
	thread_wchan_parse("futex_wait_queue", 16, w, sizeof(w));
	assert_string_equal(w, "futex_wait_queue");
	assert_int_equal(thread_stack_parse(st, strlen(st), fr, 3), 3);
	assert_string_equal(fr[0], "fuse_wait_answer");
	assert_string_equal(fr[1], "folio_wait_bit_common");
	assert_string_equal(fr[2], "filemap_read");
	assert_int_equal(thread_stack_parse("", 0, fr, 3), 0);
	assert_true(thread_sched_frame("schedule_timeout"));
	assert_false(thread_sched_frame("futex_do_wait"));
}

/* Two records of the iterator: a leader sleeping in futex, its running thread. */
static void test_bpf_recs(void **state)
{
	struct threads_rec r[2];
	struct symtab syms;
	struct thread_sample s = { 0 };

	(void)state;
	symtab_init(&syms);
	assert_int_equal(symtab_add(&syms, 0x1000, 0x100, "schedule", 8, NULL, 0), 0);
	assert_int_equal(symtab_add(&syms, 0x2000, 0x100, "futex_do_wait", 13, NULL, 0), 0);
	assert_int_equal(symtab_add(&syms, 0x3000, 0x100, "futex_wait", 10, NULL, 0), 0);
	symtab_finish(&syms, 0x4000);
	memset(r, 0, sizeof(r));
	r[0].tgid = r[0].pid = 10;
	r[0].state = 1;		/* TASK_INTERRUPTIBLE: S */
	r[0].nr = 202;
	r[0].arg0 = 0x1234;
	r[0].pcount = 7;
	r[0].nframes = 3;
	r[0].kstack[0] = 0x1010;
	r[0].kstack[1] = 0x2010;
	r[0].kstack[2] = 0x3010;
	r[0].ppid = 1;
	r[0].nr_threads = 2;
	r[0].rss = 5;
	r[0].blkio_ns = 250000000;	/* 25 ticks at 100 Hz */
	memcpy(r[0].comm, "worker", 7);
	r[1].tgid = 10;
	r[1].pid = 11;
	r[1].nr = -2;
	assert_int_equal(threads_recs_build(r, sizeof(r), &syms, 0, 0, 100, NULL, &s), 0);
	assert_int_equal(s.np, 1);
	assert_int_equal(s.nt, 2);
	assert_string_equal(s.p[0].comm, "worker");
	assert_int_equal(s.p[0].nthreads, 2);
	assert_int_equal(s.p[0].blkio_ticks, 25);
	assert_int_equal(s.t[0].state, 'S');
	assert_int_equal(s.t[0].sc, THREAD_SC_IN);
	assert_int_equal(s.t[0].nr, 202);
	assert_string_equal(s.t[0].wchan, "futex_do_wait");
	assert_string_equal(s.t[0].frames[0], "futex_wait");
	assert_int_equal(s.t[1].state, 'R');
	assert_int_equal(s.t[1].sc, THREAD_SC_RUNNING);
	assert_int_equal(threads_recs_build(r, sizeof(r) - 1, &syms, 0, 0, 100, NULL, &s), -EINVAL);
	thread_sample_free(&s);
	symtab_free(&syms);
}

/* The task iterator's stream with states (tasks_iter_states): each task's
 * record is followed by its state; the split keeps the states, in order,
 * and the process feed ignores them. */
static void test_states_split(void **state)
{
	struct tasks_leader l = { 0 };
	struct tasks_thread t = { 0 };
	struct tasks_state s1 = { 0 }, s2 = { 0 };
	struct task_feed f;
	struct buf b = { 0 };
	char stream[sizeof(l) + sizeof(s1) + sizeof(t) + sizeof(s2)], *p = stream;
	const struct threads_rec *r;

	(void)state;
	l.h.kind = TASKS_LEADER;
	l.h.pid = l.h.tgid = 10;
	l.h.sum_exec = 3000000000ULL;
	l.h.utime = 2000000000ULL;
	l.h.stime = 1000000000ULL;
	l.nr_threads = 2;
	memcpy(l.comm, "worker", 7);
	t.h.kind = TASKS_THREAD;
	t.h.tgid = 10;
	t.h.pid = 11;
	t.h.sum_exec = t.h.utime = 1000000000ULL;
	s1.kind = s2.kind = TASKS_STATE;
	s1.r.tgid = s1.r.pid = 10;
	s1.r.state = 1;
	s1.r.nr = 202;
	s2.r.tgid = 10;
	s2.r.pid = 11;
	s2.r.nr = -2;
	memcpy(p, &l, sizeof(l));
	memcpy(p += sizeof(l), &s1, sizeof(s1));
	memcpy(p += sizeof(s1), &t, sizeof(t));
	memcpy(p += sizeof(t), &s2, sizeof(s2));
	assert_int_equal(threads_states_split(stream, sizeof(stream), &b), 0);
	assert_int_equal(b.len, 2 * sizeof(struct threads_rec));
	r = (const struct threads_rec *)b.p;
	assert_int_equal(r[0].pid, 10);
	assert_int_equal(r[0].nr, 202);
	assert_int_equal(r[1].pid, 11);
	/* the process list is the same as without the states: the thread's
	 * time in its group, 4 s at 100 Hz = 300 + 100 ticks */
	assert_int_equal(task_feed_build(stream, sizeof(stream), 100, 4096, &f), 0);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.v[0].stat.pid, 10);
	assert_int_equal(f.v[0].stat.utime + f.v[0].stat.stime, 400);
	task_feed_free(&f);
	/* a cut record is an error, not a short list */
	assert_int_equal(threads_states_split(stream, sizeof(stream) - 1, &b), -EINVAL);
	buf_free(&b);
}

/* Sample k (0..2) at uptime 100+k: process 10 with threads 10, 11 in futex
 * and 12 running; RSS 1000 + 256k pages, blkio 5 then 30 ticks. */
static void sample(struct thread_sample *s, int k)
{
	static const uint64_t sl[3][3] = { { 100, 200, 50 }, { 120, 230, 60 }, { 140, 260, 70 } };
	struct thread_proc_rec *p;

	memset(s, 0, sizeof(*s));
	s->up_s = 100 + k;
	s->source = "/proc";
	p = thread_sample_add_proc(s);
	p->pid = 10;
	p->ppid = 1;
	strcpy(p->comm, "worker");
	p->nthreads = 3;
	p->rss_pages = 1000 + 256 * k;
	p->blkio_ticks = k ? 30 : 5;
	for (int i = 0; i < 3; i++) {
		struct thread_rec *t = thread_sample_add_thread(s);

		t->pid = 10;
		t->tid = 10 + i;
		t->slices = sl[k][i];
		t->state = i < 2 ? 'S' : 'R';
		t->sc = i < 2 ? THREAD_SC_IN : THREAD_SC_RUNNING;
		t->nr = 202;	/* futex on x86_64 */
		if (i < 2)
			strcpy(t->wchan, "futex_do_wait");
	}
}

static void test_model(void **state)
{
	struct thread_sample s[3];
	struct threads_model m;
	double slope, r2;

	(void)state;
	threads_model_init(&m, 100, 4096);
	for (int k = 0; k < 3; k++) {
		sample(&s[k], k);
		assert_int_equal(threads_model_add(&m, k ? &s[k - 1] : NULL, &s[k]), 0);
	}
	threads_model_end(&m);
	assert_int_equal(m.n, 1);
	const struct threads_proc *p = &m.v[0];
	assert_int_equal(p->samples, 9);
	assert_int_equal(p->running, 3);
	assert_int_equal(p->lock, 6);
	assert_int_equal(p->nwaits, 1);
	assert_string_equal(p->waits[0].syscall, "futex");
	assert_int_equal(p->waits[0].n, 6);
	assert_float_equal(threads_proc_pct(p, p->lock), 66.6667, 1e-3);
	/* (20 + 30 + 10) twice over 3 threads x 1 s x 2 intervals */
	assert_float_equal(threads_proc_wakeups(p), 20, 1e-9);
	/* 256 pages of 4 KiB a second: 1 MiB/s, a straight line */
	threads_proc_growth(p, &slope, &r2);
	assert_float_equal(slope, 1048576, 1e-3);
	assert_float_equal(r2, 1, 1e-9);
	assert_float_equal(threads_proc_blkio_s(p, 100), 0.25, 1e-9);
	for (int k = 0; k < 3; k++)
		thread_sample_free(&s[k]);
	threads_model_free(&m);
}

static struct obs *contended(double idle, double wakeups, int nthreads)
{
	struct obs *o = obs_new();
	struct obs_tproc *t;

	assert_non_null(o);
	o->have = ~0u;
	o->intervals = 5;
	o->interval_s = 1;
	o->window_s = 5;
	o->thread_samples = 6;
	strcpy(o->thread_source, "/proc");
	series_init(&o->host.cpu_idle);
	for (int i = 0; i < 5; i++)
		series_push(&o->host.cpu_idle, idle);
	t = obs_add_tproc(o);
	t->pid = 4242;
	strcpy(t->comm, "worker");
	t->nthreads = nthreads;
	t->samples = 6 * nthreads;
	t->running_pct = 0;
	t->dstate_pct = 0;
	t->lock_pct = 96;
	t->wakeups = wakeups;
	t->nwaits = 1;
	t->waits[0].state = 'S';
	strcpy(t->waits[0].syscall, "futex");
	strcpy(t->waits[0].wchan, "futex_wait_queue");
	t->waits[0].pct = 96;
	return o;
}

static int count(struct obs *o, enum rule_id r, struct findings *fs)
{
	int n = 0;

	memset(fs, 0, sizeof(*fs));
	rules_threads(o, fs);
	for (int i = 0; i < fs->n; i++)
		n += fs->v[i].rule == r;
	return n;
}

static void test_lock_contention(void **state)
{
	struct findings fs;
	struct obs *o = contended(97, 40, 8);

	(void)state;
	assert_int_equal(count(o, RULE_TASK_LOCK_CONTENTION, &fs), 1);
	assert_int_equal(fs.v[0].sev, SEV_WARNING);
	assert_string_equal(fs.v[0].resource, "pid:4242");
	assert_int_equal(fs.v[0].pid, 4242);
	assert_string_equal(fs.v[0].summary, "worker (pid 4242): 8 threads; 96% of thread-samples waiting in "
			    "futex_wait_queue (syscall futex) while the CPUs were 3% busy");
	assert_string_equal(fs.v[0].next[0], "triage offcputime -p 4242");
	findings_free(&fs);
	obs_free(o);
	/* an idle pool (no wakeups), busy CPUs, one thread: silent */
	o = contended(97, 0.5, 8);
	assert_int_equal(count(o, RULE_TASK_LOCK_CONTENTION, &fs), 0);
	findings_free(&fs);
	obs_free(o);
	o = contended(30, 40, 8);
	assert_int_equal(count(o, RULE_TASK_LOCK_CONTENTION, &fs), 0);
	findings_free(&fs);
	obs_free(o);
	o = contended(97, 40, 1);
	assert_int_equal(count(o, RULE_TASK_LOCK_CONTENTION, &fs), 0);
	findings_free(&fs);
	obs_free(o);
}

/* 12 readers in D on a FUSE mount, sampled 4 times: one group. */
static void test_d_state_waits(void **state)
{
	struct obs *o = contended(90, 0, 1);
	struct findings fs = { 0 };
	const struct finding *f = NULL;

	(void)state;
	o->ntprocs = 0;
	o->thread_samples = 4;
	series_init(&o->host.blocked);
	for (int i = 0; i < 5; i++)
		series_push(&o->host.blocked, 12);
	for (int i = 0; i < 12; i++) {
		struct obs_tproc *t = obs_add_tproc(o);

		t->pid = 100 + i;
		strcpy(t->comm, "dd");
		t->state = 'D';
		t->nthreads = 1;
		t->samples = 4;
		t->nwaits = 1;
		t->waits[0].state = 'D';
		t->waits[0].n = i < 11 ? 4 : 3;	/* the last one joined late */
		strcpy(t->waits[0].syscall, "read");
		strcpy(t->waits[0].wchan, "folio_wait_bit_common");
		strcpy(t->waits[0].frame, "filemap_read");
		strcpy(t->waits[0].file, "/mnt/x/data");
		strcpy(t->waits[0].mount, "/mnt/x");
		strcpy(t->waits[0].fstype, "fuse.slowfs");
	}
	rules_task(o, &fs);
	for (int i = 0; i < fs.n; i++)
		if (fs.v[i].rule == RULE_TASK_D_STATE)
			f = &fs.v[i];
	assert_non_null(f);
	/* 47 thread-samples over 4 samples: 12 tasks */
	assert_string_equal(f->evidence[1], "12 task(s) in folio_wait_bit_common / filemap_read, read on /mnt/x "
			    "(fuse.slowfs) (wait channel, kernel stack)");
	findings_free(&fs);
	obs_free(o);
}

/* 80 zombies: 60 of parent 7 (sh), 20 of parent 9 (init). */
static void test_zombie_parents(void **state)
{
	struct obs *o = contended(90, 0, 1);
	struct findings fs = { 0 };
	const struct finding *f = NULL;
	static const int parents[] = { 7, 9 };

	(void)state;
	o->ntprocs = 0;
	o->host.nr_zombie = 80;
	o->host.nr_tasks = 200;
	for (int k = 0; k < 2; k++) {
		struct obs_tproc *p = obs_add_tproc(o);

		p->pid = parents[k];
		strcpy(p->comm, k ? "init" : "sh");
		p->state = 'S';
	}
	for (int i = 0; i < 80; i++) {
		struct obs_tproc *t = obs_add_tproc(o);

		t->pid = 1000 + i;
		t->ppid = i < 60 ? 7 : 9;
		t->state = 'Z';
	}
	rules_task(o, &fs);
	for (int i = 0; i < fs.n; i++)
		if (fs.v[i].rule == RULE_TASK_ZOMBIES)
			f = &fs.v[i];
	assert_non_null(f);
	assert_string_equal(f->summary, "80 zombie processes: sh (pid 7) does not reap 60 of them");
	assert_string_equal(f->evidence[1], "60 of them are children of sh (pid 7), which does not reap them (wait())");
	assert_string_equal(f->evidence[2], "20 of them are children of init (pid 9), which does not reap them (wait())");
	assert_int_equal(f->pid, 7);
	findings_free(&fs);
	obs_free(o);
}

/* RSS 100 -> 250 MiB in 5 s at 30 MiB/s with 3 GiB available: 102 s left. */
static void test_mem_growth(void **state)
{
	static const struct { double slope_mib, r2; int want; } cases[] = {
		{ 30, 0.99, SEV_CRITICAL }, { 30, 0.5, -1 }, { 0.5, 0.99, -1 }, { 2, 0.99, SEV_WARNING },
	};

	(void)state;
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct obs *o = contended(90, 0, 1);
		struct obs_tproc *t = &o->tprocs[0];
		struct findings fs = { 0 };
		const struct finding *f = NULL;

		o->host.mem_avail = 3072.0 * 1048576;
		t->lock_pct = 0;
		t->rss_first = 100.0 * 1048576;
		t->rss_last = 250.0 * 1048576;
		t->rss_slope = cases[c].slope_mib * 1048576;
		t->rss_r2 = cases[c].r2;
		t->rss_window_s = 5;
		t->oom_score = 700;
		rules_threads(o, &fs);
		for (int i = 0; i < fs.n; i++)
			if (fs.v[i].rule == RULE_MEM_GROWTH)
				f = &fs.v[i];
		if (cases[c].want < 0) {
			assert_null(f);
		} else {
			assert_non_null(f);
			assert_int_equal(f->sev, cases[c].want);
			assert_string_equal(f->resource, "pid:4242");
		}
		if (c == 0) {
			/* 3072 MiB / 30 MiB/s = 102.4 s */
			assert_string_equal(f->summary, "worker (pid 4242) grows 30.0 MiB/s: MemAvailable runs out in "
					    "102 s at that rate");
			assert_string_equal(f->evidence[2], "oom_score 700 (of 1000; the highest is the OOM killer's victim)");
		}
		findings_free(&fs);
		obs_free(o);
	}
}

/* 400 refused connects a second, answered by our own resets; 30 resets of
 * established connections a second. */
static void test_tcp_refused(void **state)
{
	struct obs *o = contended(90, 0, 1);
	struct findings fs = { 0 };
	int seen = 0;

	(void)state;
	series_init(&o->host.tcp_attempt_fails);
	series_init(&o->host.tcp_out_rsts);
	series_init(&o->host.tcp_estab_resets);
	for (int i = 0; i < 5; i++) {
		series_push(&o->host.tcp_attempt_fails, i == 4 ? 2 : 400);	/* 4 of 5 s */
		series_push(&o->host.tcp_out_rsts, 400);
		series_push(&o->host.tcp_estab_resets, 30);
	}
	rules_net(o, &fs);
	for (int i = 0; i < fs.n; i++) {
		const struct finding *f = &fs.v[i];

		if (f->rule == RULE_TCP_REFUSED) {
			seen |= 1;
			assert_int_equal(f->sev, SEV_CRITICAL);
			assert_string_equal(f->resource, "tcp");
			/* (4 x 400 + 2) / 5 = 320.4 */
			assert_string_equal(f->summary, "320 connection attempts a second fail: refused, nothing listens on the port");
			assert_string_equal(f->evidence[1], "this host sent 400 resets a second (OutRsts): the refused port is local");
		} else if (f->rule == RULE_TCP_RESETS) {
			seen |= 2;
			assert_int_equal(f->sev, SEV_WARNING);
		}
	}
	assert_int_equal(seen, 3);
	findings_free(&fs);
	obs_free(o);
}

/* %iowait 40 on 2 CPUs: loop0 (12 I/O/s at 80 ms) is busier than vda (10 at
 * 1 ms); dd waited 2 s for block I/O, cron 0.5 s. */
static void test_iowait_names(void **state)
{
	struct obs *o = contended(50, 0, 1);
	struct findings fs = { 0 };
	const struct finding *f = NULL;
	static const char *const names[] = { "vda", "loop0" };
	static const double await[] = { 1, 80 }, iops[] = { 10, 12 };

	(void)state;
	o->host.ncpu = 2;
	o->delayacct = 1;
	series_init(&o->host.cpu_iowait);
	for (int i = 0; i < 5; i++)
		series_push(&o->host.cpu_iowait, 40);
	for (int d = 0; d < 2; d++) {
		struct obs_disk *x = obs_add_disk(o);

		strcpy(x->name, names[d]);
		for (int i = 0; i < 5; i++) {
			series_push(&x->await, await[d]);
			series_push(&x->iops, iops[d]);
		}
	}
	strcpy(o->tprocs[0].comm, "dd");
	o->tprocs[0].blkio_s = 2;
	struct obs_tproc *t = obs_add_tproc(o);
	t->pid = 5000;
	strcpy(t->comm, "cron");
	t->blkio_s = 0.5;
	rules_cpu(o, &fs);
	for (int i = 0; i < fs.n; i++)
		if (fs.v[i].rule == RULE_CPU_IOWAIT)
			f = &fs.v[i];
	assert_non_null(f);
	assert_string_equal(f->summary, "CPUs sit idle waiting for I/O a large part of the time, most of it on loop0");
	assert_string_equal(f->evidence[1], "busiest disk loop0: 12 I/O/s at 80.0 ms await (iostat -x; the most "
			    "request time per second)");
	assert_string_equal(f->evidence[2], "dd (pid 4242) waited 2.00 s for block I/O in 5 s (stat delayacct_blkio_ticks)");
	assert_string_equal(f->evidence[3], "cron (pid 5000) waited 0.50 s for block I/O in 5 s (stat delayacct_blkio_ticks)");
	assert_int_equal(f->pid, 4242);
	findings_free(&fs);
	obs_free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syscall_parse),
		cmocka_unit_test(test_wchan_stack_parse),
		cmocka_unit_test(test_bpf_recs),
		cmocka_unit_test(test_states_split),
		cmocka_unit_test(test_model),
		cmocka_unit_test(test_lock_contention),
		cmocka_unit_test(test_d_state_waits),
		cmocka_unit_test(test_zombie_parents),
		cmocka_unit_test(test_mem_growth),
		cmocka_unit_test(test_tcp_refused),
		cmocka_unit_test(test_iowait_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
