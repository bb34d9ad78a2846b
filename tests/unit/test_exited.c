/* Processes that ended between two samples (issue 12): the exit program's
 * record as /proc would have shown it (sources/exited.c), the codec's
 * sections 0x0400 and 0x0401, the loop handing a skipped record's exits to
 * the next one yielded, the per-interval model (model/exited.c), the
 * report's collector (cmd/triage_collect_exited.c) and dump's exits group
 * (model/dump.c). Values by hand. */
#include "test.h"

#include "bpf/exitstat.h"
#include "cmd/triage_collect.h"
#include "model/dump.h"
#include "model/exited.h"
#include "sample/codec.h"
#include "sample/loop.h"
#include "sources/exited.h"

static void test_from_rec(void **state)
{
	struct exitstat_rec r = {
		.tgid = 4242, .tid = 4243, .ppid = 17, .euid = 1000, .exit_code = 3 << 8,
		.start_boottime = 123456789000ULL, .exit_boottime = 125000000000ULL,
		/* ticks sampled 30 ms user, 20 ms system; 52,345,678 ns run */
		.utime = 30000000, .stime = 20000000, .sum_exec = 52345678,
		.minflt = 150, .majflt = 2, .nvcsw = 7, .nivcsw = 3, .maxrss = 300,
		.rchar = 1, .wchar = 2, .syscr = 3, .syscw = 4, .read_bytes = 8192,
		.write_bytes = 4096, .cancelled_write_bytes = 512, .prio = 120, .static_prio = 120,
		.comm = "fbchild",
	};
	struct exited_task t;

	(void)state;
	exited_from_rec(&r, 100, 4096, 1000000000LL, &t);
	assert_int_equal(t.pid, 4242);
	assert_int_equal(t.tid, 4243);
	assert_int_equal(t.ppid, 17);
	assert_int_equal(t.uid, 1000);
	assert_int_equal(t.exit_code, 768);
	assert_string_equal(t.comm, "fbchild");
	/* cputime_adjust: stime = 20e6 * 52345678 / 50e6 = 20938271 ns (2 ticks),
	 * utime = 52345678 - 20938271 = 31407407 ns (3 ticks) */
	assert_int_equal(t.stime, 2);
	assert_int_equal(t.utime, 3);
	assert_int_equal(t.starttime, 12345);	/* 123.456789 s in 10-ms ticks */
	assert_int_equal(t.maxrss_kb, 1200);	/* 300 pages of 4 kB */
	assert_int_equal(t.priority, 20);
	assert_int_equal(t.nice, 0);
	assert_int_equal(t.minflt, 150);
	assert_int_equal(t.io.read_bytes, 8192);
	assert_int_equal(t.io.cancelled_write_bytes, 512);
	assert_true(t.exit_ns == 126000000000LL);
	/* a floor from the kernel's last split (prev_cputime) holds */
	r.prev_utime = 40000000, r.prev_stime = 15000000;	/* 55 ms >= the runtime */
	exited_from_rec(&r, 100, 4096, 0, &t);
	assert_int_equal(t.utime, 4);
	assert_int_equal(t.stime, 1);
}

static struct exited_task task(int pid, uint64_t start, uint64_t ut, uint64_t st, const char *comm, int ppid)
{
	struct exited_task t = { .pid = pid, .tid = pid, .ppid = ppid, .starttime = start,
				 .utime = ut, .stime = st, .priority = 20 };

	snprintf(t.comm, sizeof(t.comm), "%s", comm);
	return t;
}

static void encode(const struct sample *s, struct bw *w)
{
	memset(w, 0, sizeof(*w));
	sample_encode(s, w);
	assert_int_equal(w->err, 0);
}

/* A minimal recorded sample: uptime only. */
static void minimal(struct sample *s, double up)
{
	char text[64];
	int n = snprintf(text, sizeof(text), "%.2f 100.00\n", up);

	sample_init(s);
	s->want = SAMPLE_BIT(UPTIME);
	assert_int_equal(buf_reserve(&s->raw[SAMPLE_UPTIME], (size_t)n), 0);
	memcpy(s->raw[SAMPLE_UPTIME].p, text, (size_t)n + 1);
	s->raw[SAMPLE_UPTIME].len = (size_t)n;
	assert_int_equal(sample_parse_part(s, SAMPLE_UPTIME), 0);
}

static void test_codec(void **state)
{
	struct exited_task a = task(100, 500, 30, 10, "worker", 1);
	struct exited_task b = task(200, 900, 4, 1, "fbchild", 50);
	struct sample s, d;
	struct bw w1, w2;

	(void)state;
	minimal(&s, 1000);
	a.io.read_bytes = 14336, a.minflt = 400, a.nvcsw = 9, a.exit_ns = 1796300000123456789LL;
	a.exit_code = 9, a.maxrss_kb = 1200, a.nice = -5, a.priority = 15;
	assert_int_equal(exited_list_add(&s.exited, &a), 0);
	assert_int_equal(exited_list_add(&s.exited, &b), 0);
	s.exited.dropped = 7;
	s.have_exited = true;
	encode(&s, &w1);
	sample_init(&d);
	assert_int_equal(sample_decode(w1.p, w1.len, &d), 0);
	assert_true(d.have_exited);
	assert_int_equal(d.exited.n, 2);
	assert_int_equal(d.exited.dropped, 7);
	assert_memory_equal(&d.exited.v[0], &a, sizeof(a));
	assert_memory_equal(&d.exited.v[1], &b, sizeof(b));
	assert_int_equal(d.exited_err, 0);
	encode(&d, &w2);
	assert_int_equal(w2.len, w1.len);
	assert_memory_equal(w2.p, w1.p, w1.len);
	/* cut inside the section: damaged */
	sample_free(&d);
	sample_init(&d);
	assert_int_equal(sample_decode(w1.p, w1.len - 5, &d), -EBADMSG);
	sample_free(&d);
	bw_free(&w1), bw_free(&w2);
	/* the no-BPF note; no 0x0400: the exits are not known */
	sample_free(&s);
	minimal(&s, 1000);
	s.exited_err = -EPERM;
	snprintf(s.exited_why, sizeof(s.exited_why), "processes that end between samples are not recorded: x");
	encode(&s, &w1);
	sample_init(&d);
	assert_int_equal(sample_decode(w1.p, w1.len, &d), 0);
	assert_false(d.have_exited);
	assert_int_equal(d.exited_err, -EPERM);
	assert_string_equal(d.exited_why, s.exited_why);
	sample_free(&d), sample_free(&s);
	bw_free(&w1);
}

/* A task record of a later version (more fields after comm) still reads. */
static void test_codec_later_fields(void **state)
{
	struct exited_task a = task(100, 500, 30, 10, "worker", 1);
	struct exited_list l = { 0 }, out = { 0 };
	struct bw w = { 0 }, w2 = { 0 };
	struct br r;
	uint16_t len;

	(void)state;
	assert_int_equal(exited_list_add(&l, &a), 0);
	sample_encode_exited(&l, &w);
	assert_int_equal(w.err, 0);
	/* u32 n, u64 dropped, u16 len: grow the task by 4 bytes */
	len = (uint16_t)(w.p[12] | w.p[13] << 8);
	for (size_t i = 0; i < 14 + (size_t)len; i++)
		bw_bytes(&w2, &w.p[i], 1);
	bw_u32(&w2, 0xdeadbeef);
	w2.p[12] = (uint8_t)(len + 4);
	w2.p[13] = (uint8_t)((len + 4) >> 8);
	r = (struct br){ w2.p, w2.len, 0, 0 };
	assert_int_equal(sample_decode_exited(&r, &out), 0);
	assert_int_equal(out.n, 1);
	assert_memory_equal(&out.v[0], &a, sizeof(a));
	exited_list_free(&l), exited_list_free(&out);
	bw_free(&w), bw_free(&w2);
}

static void rec(struct proc_pid_sample *s, int pid, uint64_t start, uint64_t ut, uint64_t st,
		const char *comm, int ppid)
{
	static struct proc_pid_status status = { .have = PROC_STATUS_HAVE_CTXT, .voluntary_ctxt_switches = 4 };
	static struct proc_pid_io io = { .read_bytes = 4096 };
	struct proc_pid_rec r = { .pid = pid, .fd_stat = -1, .fd_sched = -1, .fd_statm = -1 };

	r.have = PROC_PID_STAT | PROC_PID_STATUS | PROC_PID_IO;
	r.stat.pid = pid, r.stat.state = 'R', r.stat.ppid = ppid, r.stat.starttime = start;
	r.stat.utime = ut, r.stat.stime = st, r.stat.minflt = 100, r.stat.num_threads = 1;
	snprintf(r.stat.comm, sizeof(r.stat.comm), "%s", comm);
	r.status = &status;
	r.io = &io;
	assert_int_equal(proc_pid_sample_append(s, &r), 0);
}

static void test_model(void **state)
{
	struct proc_pid_sample older = { 0 }, newer = { 0 };
	struct exited_list ex = { 0 };
	struct exited_rows rows;
	struct pid_params p = { .dt_s = 5, .hz = 100, .page_kb = 4, .mem_total_kb = 1000000, .ncpus = 2 };
	struct exited_task t;

	(void)state;
	rec(&older, 100, 500, 10, 5, "worker", 1);	/* alive at the older sample */
	rec(&older, 300, 700, 1, 1, "zomb", 1);
	rec(&newer, 300, 700, 2, 1, "zomb", 1);	/* a zombie the newer scan still has */
	t = task(100, 500, 30, 10, "worker", 1);
	t.minflt = 400, t.io.read_bytes = 4096 + 10240, t.nvcsw = 24;
	assert_int_equal(exited_list_add(&ex, &t), 0);
	t = task(200, 900, 4, 1, "fbchild", 50);	/* started and ended in the interval */
	assert_int_equal(exited_list_add(&ex, &t), 0);
	t = task(300, 700, 2, 1, "zomb", 1);
	assert_int_equal(exited_list_add(&ex, &t), 0);
	t = task(100, 950, 2, 0, "again", 1);	/* the PID reused, ended too */
	assert_int_equal(exited_list_add(&ex, &t), 0);
	assert_int_equal(exited_model(&older, &newer, &ex, &p, &rows), 0);
	assert_int_equal(rows.n, 3);
	/* pid 100: (30 + 10) - (10 + 5) = 25 ticks over 500: 5 %; user 20, system 5 */
	assert_int_equal(rows.rows[0].cur->pid, 100);
	assert_non_null(rows.rows[0].prev);
	assert_float_equal(rows.rows[0].cpu.cpu, 5.0, 1e-9);
	assert_float_equal(rows.rows[0].cpu.usr, 4.0, 1e-9);
	assert_float_equal(rows.rows[0].cpu.system, 1.0, 1e-9);
	assert_float_equal(rows.rows[0].top_cpu, 5.0, 1e-9);
	assert_int_equal(rows.rows[0].time_cs, 40);
	assert_float_equal(rows.rows[0].mem.minflt_s, 60.0, 1e-9);	/* 300 in 5 s */
	assert_float_equal(rows.rows[0].io.rd_kbs, 2.0, 1e-9);		/* 10 kB in 5 s */
	assert_float_equal(rows.rows[0].ctxsw.cswch_s, 4.0, 1e-9);	/* 20 in 5 s */
	assert_float_equal(exited_ticks(&rows, 0), 25, 1e-9);
	assert_int_equal(rows.rows[0].cur->stat.state, 'X');
	assert_int_equal(rows.rows[0].mem.rss_kb, 0);
	/* pid 200: all of it, 5 ticks: 1 % */
	assert_int_equal(rows.rows[1].cur->pid, 200);
	assert_null(rows.rows[1].prev);
	assert_float_equal(rows.rows[1].cpu.cpu, 1.0, 1e-9);
	assert_string_equal(exited_row_task(&rows, 1)->comm, "fbchild");
	/* the reused PID counts from zero: 2 ticks, 0.4 % */
	assert_int_equal(rows.rows[2].cur->pid, 100);
	assert_null(rows.rows[2].prev);
	assert_float_equal(rows.rows[2].cpu.cpu, 0.4, 1e-9);
	exited_rows_free(&rows);
	/* no older sample: everything since the start */
	assert_int_equal(exited_model(NULL, NULL, &ex, &p, &rows), 0);
	assert_int_equal(rows.n, 4);
	assert_float_equal(rows.rows[0].cpu.cpu, 8.0, 1e-9);
	exited_rows_free(&rows);
	exited_list_free(&ex);
	proc_pid_sample_free(&older), proc_pid_sample_free(&newer);
}

struct list_feed {
	struct bw rec[4];
	int n, i;
};

static int list_next(void *ctx, const void **data, size_t *len, bool *restart)
{
	struct list_feed *f = ctx;

	*restart = false;
	if (f->i >= f->n)
		return 1;
	*data = f->rec[f->i].p;
	*len = f->rec[f->i].len;
	f->i++;
	return 0;
}

/* A coarser interval skips records: their exits go to the next one yielded. */
static void test_loop_carry(void **state)
{
	static const struct sample_want want = { .parts = SAMPLE_BIT(UPTIME) };
	struct list_feed f = { .n = 4 };
	struct sample_loop lp;
	struct sample_step st;
	struct sample s;
	int got = 0;

	(void)state;
	for (int i = 0; i < 4; i++) {
		struct exited_task t = task(1000 + i, 10, 1, 1, "x", 1);

		minimal(&s, 1000 + i);
		s.t_ns = 1000000000LL * (1000 + i);
		assert_int_equal(exited_list_add(&s.exited, &t), 0);
		s.have_exited = i != 3;		/* the last record does not know its exits */
		encode(&s, &f.rec[i]);
		sample_free(&s);
	}
	sample_loop_open_feed(&lp, "test", &want, (struct sample_feed){ .ctx = &f, .next = list_next });
	lp.interval = 2;
	while (sample_loop_next(&lp, &st) == 0) {
		if (got == 0) {
			assert_int_equal(st.newer->exited.n, 1);
		} else {
			/* record 2 yielded: record 1's exits, then its own */
			assert_true(st.newer->have_exited);
			assert_int_equal(st.newer->exited.n, 2);
			assert_int_equal(st.newer->exited.v[0].pid, 1001);
			assert_int_equal(st.newer->exited.v[1].pid, 1002);
		}
		got++;
	}
	assert_int_equal(got, 2);	/* record 3 is 1 s after record 2: left out */
	sample_loop_close(&lp);
	/* every second record from record 1: record 3 does not know, so the
	 * interval 1 -> 3 does not either */
	f.i = 1;
	sample_loop_open_feed(&lp, "test", &want, (struct sample_feed){ .ctx = &f, .next = list_next });
	lp.interval = 2;
	got = 0;
	while (sample_loop_next(&lp, &st) == 0)
		if (got++ == 1)
			assert_false(st.newer->have_exited);
	assert_int_equal(got, 2);
	sample_loop_close(&lp);
	for (int i = 0; i < 4; i++)
		bw_free(&f.rec[i]);
}

/* The report's collector over two recorded samples 10 s apart: 40 children
 * of pid 50 that each used 25 ticks, one worker that used 300 ticks after
 * the first sample, the parent alive in both scans. */
static void test_collect(void **state)
{
	struct obs *o = obs_new();
	struct collect *c = collect_new(o, 0);
	struct sample s[2];
	const struct obs_proc *named = NULL;

	(void)state;
	assert_non_null(c);
	for (int i = 0; i < 2; i++) {
		minimal(&s[i], 1000 + 10 * i);
		s[i].recorded = true;
		s[i].have_procs = true;
		s[i].have_exited = true;
		rec(&s[i].procs, 50, 100, 5, 5, "spawner", 1);
	}
	rec(&s[0].procs, 60, 200, 100, 0, "worker", 1);
	{
		struct exited_task t = task(60, 200, 400, 0, "worker", 1);	/* 300 ticks here */

		assert_int_equal(exited_list_add(&s[1].exited, &t), 0);
	}
	for (int i = 0; i < 40; i++) {
		struct exited_task t = task(1000 + i, 300 + (uint64_t)i, 20, 5, "fbchild", 50);

		assert_int_equal(exited_list_add(&s[1].exited, &t), 0);
	}
	{
		struct exited_task t = task(999, 90, 77, 0, "before", 1);	/* in the first: before the window */

		assert_int_equal(exited_list_add(&s[0].exited, &t), 0);
	}
	assert_int_equal(collect_sample(c, &s[0], NULL, 0), 0);
	assert_int_equal(collect_sample(c, &s[1], NULL, 1), 0);
	collect_last(c, NULL);
	assert_true(o->exited.known);
	assert_float_equal(o->exited.n, 41, 1e-9);
	/* (300 + 40 x 25) ticks in 10 s at 100 Hz: 130 % of one CPU */
	assert_float_equal(o->exited.cpu_pct, 130, 1e-9);
	assert_int_equal(o->exited.ppid, 50);
	assert_string_equal(o->exited.comm, "fbchild");
	assert_string_equal(o->exited.parent_comm, "spawner");
	assert_float_equal(o->exited.group_n, 40, 1e-9);
	assert_float_equal(o->exited.group_cpu_pct, 100, 1e-9);
	for (int i = 0; i < o->nprocs; i++)
		if (o->procs[i].pid == 60)
			named = &o->procs[i];
	assert_non_null(named);		/* 30 %: offered to the rules, ended */
	assert_int_equal(named->state, 'X');
	assert_float_equal(named->cpu_pct, 30, 1e-9);
	collect_free(c);
	obs_free(o);
	/* the parent ended in the window too: its name from its exit */
	o = obs_new();
	c = collect_new(o, 0);
	assert_non_null(c);
	proc_pid_sample_free(&s[1].procs);
	rec(&s[1].procs, 60, 0, 0, 0, "other", 1);
	{
		struct exited_task t = task(50, 100, 9, 9, "spawner2", 1);

		assert_int_equal(exited_list_add(&s[1].exited, &t), 0);
	}
	proc_pid_sample_free(&s[0].procs);
	rec(&s[0].procs, 60, 200, 100, 0, "worker", 1);
	assert_int_equal(collect_sample(c, &s[0], NULL, 0), 0);
	assert_int_equal(collect_sample(c, &s[1], NULL, 1), 0);
	collect_last(c, NULL);
	assert_int_equal(o->exited.ppid, 50);
	assert_string_equal(o->exited.parent_comm, "spawner2");
	collect_free(c);
	obs_free(o);
	sample_free(&s[0]), sample_free(&s[1]);
}

/* dump --select exits: every ended process of the newer sample, the zombie
 * the newer scan still holds too, with its share of the interval. */
static void test_dump(void **state)
{
	struct sample s[2];
	struct dump_rows rows = { 0 };
	struct exited_task t;
	const struct dump_exit *e;

	(void)state;
	for (int i = 0; i < 2; i++) {
		minimal(&s[i], 1000 + 10 * i);
		s[i].t_ns = (int64_t)(1790000000 + 10 * i) * 1000000000LL;
		s[i].have_procs = true;
	}
	rec(&s[0].procs, 100, 50000, 10, 5, "worker", 1);	/* alive at the older sample */
	rec(&s[1].procs, 300, 99000, 2, 1, "zomb", 7);	/* a zombie the newer scan has */
	t = task(100, 50000, 30, 10, "worker", 1);
	t.exit_code = 3 << 8, t.exit_ns = 1790000005250000000LL, t.minflt = 9, t.maxrss_kb = 800;
	t.io.read_bytes = 4096;
	assert_int_equal(exited_list_add(&s[1].exited, &t), 0);
	t = task(300, 99000, 2, 1, "zomb", 7);
	t.exit_code = 9;	/* SIGKILL */
	assert_int_equal(exited_list_add(&s[1].exited, &t), 0);
	/* not known: no rows */
	assert_int_equal(dump_model(&s[0], &s[1], 10, 1u << DUMP_EXITS, &rows), 0);
	assert_int_equal(rows.n, 0);
	s[1].have_exited = true;
	assert_int_equal(dump_model(&s[0], &s[1], 10, 1u << DUMP_EXITS, &rows), 0);
	assert_int_equal(rows.n, 2);
	assert_int_equal(rows.v[0].g, DUMP_EXITS);
	assert_string_equal(rows.v[0].inst, "worker");
	e = &rows.v[0].v.exit;
	assert_float_equal(e->pid, 100, 1e-9);
	assert_float_equal(e->ppid, 1, 1e-9);
	/* booted at 1790000010 - 1010 s: started 500 s later */
	assert_float_equal(e->start_time, 1789999500, 1e-3);
	assert_float_equal(e->exit_time, 1790000005.25, 1e-6);
	assert_float_equal(e->utime_ticks, 30, 1e-9);
	assert_float_equal(e->stime_ticks, 10, 1e-9);
	/* (30 + 10) - (10 + 5) = 25 ticks in 10 s: 2.5 %, 2 user, 0.5 system */
	assert_float_equal(e->cpu_pct, 2.5, 1e-9);
	assert_float_equal(e->usr_pct, 2.0, 1e-9);
	assert_float_equal(e->sys_pct, 0.5, 1e-9);
	assert_float_equal(e->minflt, 9, 1e-9);
	assert_float_equal(e->maxrss_kb, 800, 1e-9);
	assert_float_equal(e->read_bytes, 4096, 1e-9);
	assert_float_equal(e->exit_code, 3, 1e-9);
	assert_true(isnan(e->signal));
	e = &rows.v[1].v.exit;	/* the zombie: all of its 3 ticks, killed */
	assert_float_equal(e->cpu_pct, 0.3, 1e-9);
	assert_true(isnan(e->exit_code));
	assert_float_equal(e->signal, 9, 1e-9);
	/* without the older scan its share is unknown */
	rows.n = 0;
	s[0].have_procs = false;
	assert_int_equal(dump_model(&s[0], &s[1], 10, 1u << DUMP_EXITS, &rows), 0);
	assert_int_equal(rows.n, 2);
	assert_true(isnan(rows.v[0].v.exit.cpu_pct));
	assert_float_equal(rows.v[0].v.exit.utime_ticks, 30, 1e-9);
	dump_rows_free(&rows);
	sample_free(&s[0]), sample_free(&s[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_from_rec),
		cmocka_unit_test(test_codec),
		cmocka_unit_test(test_codec_later_fields),
		cmocka_unit_test(test_model),
		cmocka_unit_test(test_loop_carry),
		cmocka_unit_test(test_collect),
		cmocka_unit_test(test_dump),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
