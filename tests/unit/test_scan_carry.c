/* The recorder's scan with the task iterator (proc_pid_scan_opts.carry): a
 * process whose change signature did not move is copied from the previous
 * sample without reading a file; the others are read from /proc, giving the
 * same record as a scan without the iterator. Offline on the pids fixture
 * (t0, then t1 whose files differ) with hand-made feeds; live on children of
 * this test with the real iterator when it can be loaded (root, BTF). */
#include "test.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bpf/tasks_api.h"
#include "sample/codec.h"
#include "sources/proc_pid_scan.h"
#include "sources/task_feed.h"

static const unsigned WANT = PROC_PID_STATUS | PROC_PID_IO | PROC_PID_STATM | PROC_PID_SCHEDSTAT |
			     PROC_PID_CMDLINE | PROC_PID_FDNR;

/* The codec's bytes of one record: what a recording keeps of it. */
static void rec_bytes(const struct proc_pid_rec *rec, struct bw *w)
{
	struct proc_pid_sample one = { 0 };

	memset(w, 0, sizeof(*w));
	assert_int_equal(proc_pid_sample_append(&one, rec), 0);
	sample_encode_procs(&one, w);
	assert_int_equal(w->err, 0);
	proc_pid_sample_free(&one);
}

static void assert_same_rec(const struct proc_pid_rec *a, const struct proc_pid_rec *b)
{
	struct bw wa, wb;

	assert_non_null(a);
	assert_non_null(b);
	rec_bytes(a, &wa);
	rec_bytes(b, &wb);
	assert_int_equal(wa.len, wb.len);
	assert_memory_equal(wa.p, wb.p, wa.len);
	bw_free(&wa), bw_free(&wb);
}

static void scan_dir(const char *dir, const struct proc_pid_scan_opts *o, struct proc_pid_sample *prev,
		     struct proc_pid_sample *out)
{
	struct root r;

	assert_int_equal(root_open(&r, dir), 0);
	assert_int_equal(proc_pid_scan(&r, o, prev, out), 0);
	root_close(&r);
}

/* A feed of the fixture's processes: signature and state of each. */
static void feed_set(struct task_feed *f, struct task_feed_item *v, const int *pids,
		     const uint64_t *sigs, const char *states, size_t n)
{
	memset(v, 0, n * sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		v[i].stat.pid = pids[i];
		v[i].stat.state = states[i];
		v[i].sig = sigs[i];
	}
	f->v = v;
	f->n = n;
}

static void test_carry_fixture(void **state)
{
	static const int pids[] = { 1, 42, 100, 300, 500 };
	/* t0's signatures; in t1: 1, 42 and 300 the same (carried, though 1's
	 * io and 300's stat and status differ in t1), 100 moved, 500 the same
	 * but running. 400 (only in t1) is not in the feed: not scanned. */
	static const uint64_t sig0[] = { 11, 12, 13, 14, 15 }, sig1[] = { 11, 12, 99, 14, 15 };
	struct task_feed_item v0[5], v1[5];
	struct task_feed f0, f1;
	/* no kept fds across two trees: a kept fd reads its own tree's file */
	struct proc_pid_scan_opts plain = { .want = WANT }, o = { .want = WANT };
	struct proc_pid_sample p0, p1, a, b;
	const struct proc_pid_rec *ra, *rb;
	size_t nkept;
	int stat_fd;
	(void)state;

	scan_dir(FIXTURES "pids/t0", &plain, NULL, &p0);
	scan_dir(FIXTURES "pids/t1", &plain, NULL, &p1);
	/* The first sample with a feed: everything read, as without one. */
	feed_set(&f0, v0, pids, sig0, "SSSSS", 5);
	o.feed = &f0;
	o.carry = true;
	scan_dir(FIXTURES "pids/t0", &o, NULL, &a);
	assert_int_equal(a.nprocs, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_same_rec(proc_pid_sample_find(&a, pids[i], 0), proc_pid_sample_find(&p0, pids[i], 0));
		assert_true(proc_pid_sample_find(&a, pids[i], 0)->feed_sig == sig0[i]);
	}
	/* The next: carried from a where the signature held, read where not. */
	feed_set(&f1, v1, pids, sig1, "SSSSR", 5);
	o.feed = &f1;
	scan_dir(FIXTURES "pids/t1", &o, &a, &b);
	assert_int_equal(b.nprocs, 5);
	assert_null(proc_pid_sample_find(&b, 400, 0));
	assert_same_rec(proc_pid_sample_find(&b, 1, 0), proc_pid_sample_find(&p0, 1, 0));
	assert_same_rec(proc_pid_sample_find(&b, 42, 0), proc_pid_sample_find(&p0, 42, 0));
	assert_same_rec(proc_pid_sample_find(&b, 300, 0), proc_pid_sample_find(&p0, 300, 0));
	assert_same_rec(proc_pid_sample_find(&b, 100, 0), proc_pid_sample_find(&p1, 100, 0));
	assert_same_rec(proc_pid_sample_find(&b, 500, 0), proc_pid_sample_find(&p1, 500, 0));
	/* t1's io of 1 differs (wchar 204800): the copy kept t0's 0 */
	rb = proc_pid_sample_find(&b, 1, 0);
	assert_non_null(rb->io);
	assert_int_equal(rb->io->wchar, 0);
	assert_int_equal(proc_pid_sample_find(&p1, 1, 0)->io->wchar, 204800);
	assert_true(rb->feed_sig == 11 && proc_pid_sample_find(&b, 100, 0)->feed_sig == 99);
	proc_pid_sample_free(&a), proc_pid_sample_free(&b);
	/* Within one tree with kept fds: a carried record takes them along. */
	o.feed = &f0;
	o.max_kept_fds = 64;
	scan_dir(FIXTURES "pids/t0", &o, NULL, &a);
	ra = proc_pid_sample_find(&a, 1, 0);
	stat_fd = ra->fd_stat;
	assert_true(stat_fd >= 0 && a.nkept > 0);
	nkept = a.nkept;
	scan_dir(FIXTURES "pids/t0", &o, &a, &b);
	rb = proc_pid_sample_find(&b, 1, 0);
	assert_int_equal(rb->fd_stat, stat_fd);
	assert_int_equal(ra->fd_stat, -1);
	assert_int_equal(a.nkept, 0);
	assert_int_equal(b.nkept, nkept);
	for (size_t i = 0; i < 5; i++)
		assert_same_rec(proc_pid_sample_find(&b, pids[i], 0), proc_pid_sample_find(&p0, pids[i], 0));
	proc_pid_sample_free(&a), proc_pid_sample_free(&b);
	o.feed = &f1;
	o.max_kept_fds = 0;
	/* Without carry the feed's stat figures are used (top): not a copy. */
	o.carry = false;
	scan_dir(FIXTURES "pids/t0", &o, NULL, &a);
	scan_dir(FIXTURES "pids/t1", &o, &a, &b);
	assert_true(proc_pid_sample_find(&b, 1, 0)->io->wchar == 204800);
	proc_pid_sample_free(&a), proc_pid_sample_free(&b);
	proc_pid_sample_free(&p0), proc_pid_sample_free(&p1);
}

/* Children that sleep until told (a byte on the pipe), then touch memory
 * and burn a little CPU, then sleep again. */
#define NKIDS 4

static void kid(int rfd)
{
	char c;

	for (;;) {
		if (read(rfd, &c, 1) != 1)
			_exit(0);
		volatile char *p = malloc(1 << 20);
		for (int i = 0; p && i < (1 << 20); i += 4096)
			p[i] = 1;
		for (volatile long i = 0; i < 20000000; i++)
			;
	}
}

struct kids {
	pid_t pid[NKIDS];
	int wfd[NKIDS];
};

static void kids_start(struct kids *k)
{
	for (int i = 0; i < NKIDS; i++) {
		int fds[2];

		assert_int_equal(pipe(fds), 0);
		k->pid[i] = fork();
		assert_true(k->pid[i] >= 0);
		if (k->pid[i] == 0) {
			close(fds[1]);
			alarm(60);	/* ends by itself */
			kid(fds[0]);
		}
		close(fds[0]);
		k->wfd[i] = fds[1];
	}
}

static void kids_stop(struct kids *k)
{
	for (int i = 0; i < NKIDS; i++) {
		close(k->wfd[i]);
		waitpid(k->pid[i], NULL, 0);
	}
}

/* Until every child sleeps (state S in /proc/PID/stat): up to 5 s. */
static void kids_settle(const struct root *r, const struct kids *k)
{
	struct proc_pid_scan_opts o = { .pids = k->pid, .npids = NKIDS };
	struct proc_pid_sample s;

	for (int tries = 0; tries < 500; tries++) {
		int asleep = 0;

		assert_int_equal(proc_pid_scan(r, &o, NULL, &s), 0);
		for (size_t i = 0; i < s.n; i++)
			asleep += s.recs[i].stat.state == 'S';
		proc_pid_sample_free(&s);
		if (asleep == NKIDS)
			return;
		usleep(10000);
	}
	fail_msg("the children did not go to sleep");
}

static void iter_feed(struct tasks_iter *it, struct buf *b, struct task_feed *f)
{
	assert_int_equal(tasks_iter_read(it, b), 0);
	assert_int_equal(task_feed_build(b->p, b->len, sysconf(_SC_CLK_TCK), sysconf(_SC_PAGESIZE), f), 0);
}

static void test_carry_live(void **state)
{
	struct root r;
	struct bpf_env_err e = { 0 };
	struct tasks_iter *it = NULL;
	struct kids k;
	struct buf b = { 0 };
	struct task_feed f;
	struct proc_pid_sample a, c, plain;
	struct proc_pid_scan_opts o = { .want = WANT, .carry = true }, po = { .want = WANT };
	(void)state;

	assert_int_equal(root_open(&r, "/"), 0);
	bpf_env_verbose(false);
	if (tasks_iter_open(&r, &it, &e)) {
		root_close(&r);
		skip();
	}
	kids_start(&k);
	o.pids = po.pids = k.pid;
	o.npids = po.npids = NKIDS;
	kids_settle(&r, &k);
	/* First pass: read; asleep since, so the second copies every child,
	 * and a /proc scan now gives the same records. */
	iter_feed(it, &b, &f);
	o.feed = &f;
	assert_int_equal(proc_pid_scan(&r, &o, NULL, &a), 0);
	task_feed_free(&f);
	iter_feed(it, &b, &f);
	o.feed = &f;
	assert_int_equal(proc_pid_scan(&r, &o, &a, &c), 0);
	task_feed_free(&f);
	assert_int_equal(proc_pid_scan(&r, &po, NULL, &plain), 0);
	assert_int_equal(c.nprocs, NKIDS);
	for (int i = 0; i < NKIDS; i++) {
		assert_true(proc_pid_sample_find(&c, k.pid[i], 0)->feed_sig ==
			    proc_pid_sample_find(&a, k.pid[i], 0)->feed_sig);
		assert_same_rec(proc_pid_sample_find(&c, k.pid[i], 0), proc_pid_sample_find(&plain, k.pid[i], 0));
	}
	proc_pid_sample_free(&a), proc_pid_sample_free(&plain);
	/* Child 0 runs (CPU, 1 MiB more RSS) and sleeps again: its signature
	 * moved, it is read afresh, and still equals /proc's record. */
	assert_int_equal(write(k.wfd[0], "x", 1), 1);
	usleep(50000);
	kids_settle(&r, &k);
	iter_feed(it, &b, &f);
	o.feed = &f;
	assert_int_equal(proc_pid_scan(&r, &o, &c, &a), 0);
	task_feed_free(&f);
	assert_int_equal(proc_pid_scan(&r, &po, NULL, &plain), 0);
	assert_true(proc_pid_sample_find(&a, k.pid[0], 0)->feed_sig !=
		    proc_pid_sample_find(&c, k.pid[0], 0)->feed_sig);
	assert_true(proc_pid_sample_find(&a, k.pid[0], 0)->statm->resident >
		    proc_pid_sample_find(&c, k.pid[0], 0)->statm->resident);
	for (int i = 0; i < NKIDS; i++)
		assert_same_rec(proc_pid_sample_find(&a, k.pid[i], 0), proc_pid_sample_find(&plain, k.pid[i], 0));
	proc_pid_sample_free(&a), proc_pid_sample_free(&c), proc_pid_sample_free(&plain);
	kids_stop(&k);
	buf_free(&b);
	tasks_iter_close(it);
	root_close(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_carry_fixture),
		cmocka_unit_test(test_carry_live),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
