/* The sample, its codec and the loop: a fixture's sample encodes, decodes to
 * the same parsed values and re-encodes to the same bytes; damage is
 * refused; the loop over a feed yields (older, newer, elapsed). */
#include "test.h"

#include "sample/codec.h"
#include "sample/loop.h"

static const struct sample_want all_want = {
	.parts = SAMPLE_HOST_ALL,
	.procs = true,
	.blocks = true,
	.links = true,
	.scan = { .want = PROC_PID_STATUS | PROC_PID_IO | PROC_PID_STATM | PROC_PID_CMDLINE },
};

static void take(const char *dir, struct sample *s)
{
	struct root r;

	assert_int_equal(root_open(&r, dir), 0);
	sample_init(s);
	assert_int_equal(sample_take(&r, &all_want, NULL, s), 0);
	root_close(&r);
}

static void encode(const struct sample *s, struct bw *w)
{
	memset(w, 0, sizeof(*w));
	sample_encode(s, w);
	assert_int_equal(w->err, 0);
}

static void test_roundtrip(void **state)
{
	struct sample a, b;
	struct bw w1, w2;

	(void)state;
	take(FIXTURES "triage_busy/t0", &a);
	assert_true(sample_has(&a, SAMPLE_STAT));
	assert_true(sample_has(&a, SAMPLE_DISKSTATS));
	assert_false(sample_has(&a, SAMPLE_INTERRUPTS));	/* not in the fixture */
	assert_int_equal(a.err[SAMPLE_INTERRUPTS], -ENOENT);
	encode(&a, &w1);
	sample_init(&b);
	assert_int_equal(sample_decode(w1.p, w1.len, &b), 0);
	assert_false(b.live);
	assert_int_equal(b.have, a.have);
	assert_int_equal(b.err[SAMPLE_INTERRUPTS], -ENOENT);
	assert_true(b.up.up_s == a.up.up_s);
	assert_int_equal(b.stat.ncpu, a.stat.ncpu);
	assert_memory_equal(&b.stat.all, &a.stat.all, sizeof(a.stat.all));
	assert_int_equal(b.disks.n, a.disks.n);
	assert_true(b.mem.v[0] == a.mem.v[0]);
	assert_true(a.have_blocks && b.have_blocks);
	assert_true(a.blocks.ndisks > 0);
	assert_int_equal(b.blocks.ndisks, a.blocks.ndisks);
	assert_string_equal(b.blocks.disk[0].name, a.blocks.disk[0].name);
	assert_int_equal(b.blocks.disk[0].rotational, a.blocks.disk[0].rotational);
	assert_true(a.nlinks > 0);
	assert_int_equal(b.nlinks, a.nlinks);
	assert_string_equal(b.links[0].name, a.links[0].name);
	assert_int_equal(b.links[0].link.speed_mbps, a.links[0].link.speed_mbps);
	encode(&b, &w2);
	assert_int_equal(w2.len, w1.len);
	assert_memory_equal(w2.p, w1.p, w1.len);
	bw_free(&w1), bw_free(&w2);
	sample_free(&a), sample_free(&b);
}

static void test_procs_roundtrip(void **state)
{
	struct sample a, b;
	struct bw w1, w2;
	const struct proc_pid_rec *ra, *rb;

	(void)state;
	take(FIXTURES "pids/t0", &a);
	assert_true(a.have_procs);
	assert_true(a.procs.n >= 5);
	encode(&a, &w1);
	sample_init(&b);
	assert_int_equal(sample_decode(w1.p, w1.len, &b), 0);
	assert_true(b.have_procs);
	assert_int_equal(b.procs.n, a.procs.n);
	for (size_t i = 0; i < a.procs.n; i++) {
		ra = &a.procs.recs[i], rb = &b.procs.recs[i];
		assert_int_equal(rb->pid, ra->pid);
		assert_string_equal(rb->stat.comm, ra->stat.comm);
		assert_true(rb->stat.utime == ra->stat.utime && rb->stat.starttime == ra->stat.starttime);
		assert_int_equal(!!rb->status, !!ra->status);
		if (ra->status)
			assert_true(rb->status->vm_rss_kb == ra->status->vm_rss_kb);
		if (ra->cmdline)
			assert_string_equal(rb->cmdline, ra->cmdline);
	}
	assert_non_null(proc_pid_sample_find(&b.procs, 42, 0));
	encode(&b, &w2);
	assert_int_equal(w2.len, w1.len);
	assert_memory_equal(w2.p, w1.p, w1.len);
	bw_free(&w1), bw_free(&w2);
	sample_free(&a), sample_free(&b);
}

/* The kernel-log section: raw /dev/kmsg record text, read back by kmsg_parse. */
static void test_kmsg_roundtrip(void **state)
{
	static const char recs[] = "3,101,5000000,-;segfault: a.out[9]: segfault at 0\n"
				   "6,102,6000000,-;line one\\x0aline two\n SUBSYSTEM=x\n";
	struct sample a, b;
	struct bw w;

	(void)state;
	sample_init(&a);
	a.have_kmsg = true;
	assert_int_equal(buf_reserve(&a.kmsg, sizeof(recs)), 0);
	memcpy(a.kmsg.p, recs, sizeof(recs));
	a.kmsg.len = sizeof(recs) - 1;
	encode(&a, &w);
	sample_init(&b);
	assert_int_equal(sample_decode(w.p, w.len, &b), 0);
	assert_true(b.have_kmsg);
	assert_int_equal(b.kmsg.len, a.kmsg.len);
	assert_memory_equal(b.kmsg.p, recs, a.kmsg.len);
	bw_free(&w);
	sample_free(&a);
	/* an unreadable log is said as such */
	sample_init(&a);
	a.kmsg_err = -EPERM;
	encode(&a, &w);
	sample_free(&b);
	sample_init(&b);
	assert_int_equal(sample_decode(w.p, w.len, &b), 0);
	assert_false(b.have_kmsg);
	assert_int_equal(b.kmsg_err, -EPERM);
	bw_free(&w);
	sample_free(&a), sample_free(&b);
}

static void test_damage(void **state)
{
	struct sample a, b;
	struct bw w;

	(void)state;
	take(FIXTURES "triage_busy/t0", &a);
	encode(&a, &w);
	for (size_t cut = 1; cut < w.len; cut += 97) {
		sample_init(&b);
		int err = sample_decode(w.p, w.len - cut, &b);

		/* a cut inside a section is damage; at a section boundary the
		 * record is shorter but whole */
		assert_true(err == -EBADMSG || err == 0);
		sample_free(&b);
	}
	sample_init(&b);
	assert_int_equal(sample_decode(w.p, 10, &b), -EBADMSG);
	sample_free(&b);
	w.p[0] ^= 0xff;
	sample_init(&b);
	assert_int_equal(sample_decode(w.p, w.len, &b), -EPROTONOSUPPORT);
	sample_free(&b);
	bw_free(&w);
	sample_free(&a);
}

/* A feed over a list of encoded records. */
struct list_feed {
	struct bw rec[6];
	int n, i;
	int restart_at;		/* this record starts anew (0: none) */
};

static int list_next(void *ctx, const void **data, size_t *len, bool *restart)
{
	struct list_feed *f = ctx;

	*restart = false;
	if (f->i >= f->n)
		return 1;
	*restart = f->restart_at && f->i == f->restart_at;
	*data = f->rec[f->i].p;
	*len = f->rec[f->i].len;
	f->i++;
	return 0;
}

static void test_loop_feed(void **state)
{
	static const char *const dirs[] = { "t0", "t1", "t2", "t3", "t4", "t5" };
	struct list_feed f = { .n = 6 };
	struct sample_loop lp;
	struct sample_step st;
	struct sample s;
	double up[6];
	int got = 0;

	(void)state;
	for (int i = 0; i < 6; i++) {
		char dir[256];

		snprintf(dir, sizeof(dir), FIXTURES "triage_busy/%s", dirs[i]);
		take(dir, &s);
		up[i] = s.up.up_s;
		s.t_ns = 1000000000LL * (1000 + i);	/* recorded 1 s apart */
		s.mono_ns = 1;
		encode(&s, &f.rec[i]);
		sample_free(&s);
	}
	sample_loop_open_feed(&lp, "test", &all_want,
			      (struct sample_feed){ .ctx = &f, .next = list_next });
	assert_true(sample_loop_replay(&lp));
	while (sample_loop_next(&lp, &st) == 0) {
		assert_int_equal(st.index, got);
		assert_true(st.newer->up.up_s == up[got]);
		if (got == 0) {
			assert_null(st.older);
		} else {
			assert_true(st.older->up.up_s == up[got - 1]);
			assert_true(fabs(st.elapsed - (round(up[got] * 100) - round(up[got - 1] * 100)) / 100) < 1e-9);
		}
		got++;
	}
	assert_int_equal(got, 6);
	sample_loop_close(&lp);
	/* a coarser interval: every second record (2 s apart) */
	f.i = 0;
	sample_loop_open_feed(&lp, "test", &all_want,
			      (struct sample_feed){ .ctx = &f, .next = list_next });
	lp.interval = 2;
	got = 0;
	while (sample_loop_next(&lp, &st) == 0) {
		assert_int_equal(st.newer->t_ns, 1000000000LL * (1000 + 2 * got));
		got++;
	}
	assert_int_equal(got, 3);
	sample_loop_close(&lp);
	/* keep_first: the first sample stays (moved aside when its slot is
	 * reused); after a restart, the first one after it */
	for (int restart_at = 0; restart_at <= 4; restart_at += 4) {
		f.i = 0;
		f.restart_at = restart_at;
		sample_loop_open_feed(&lp, "test", &all_want,
				      (struct sample_feed){ .ctx = &f, .next = list_next });
		lp.keep_first = true;
		assert_null(sample_loop_first(&lp));
		got = 0;
		while (sample_loop_next(&lp, &st) == 0) {
			int want = restart_at && got >= restart_at ? restart_at : 0;

			assert_non_null(sample_loop_first(&lp));
			assert_true(sample_loop_first(&lp)->up.up_s == up[want]);
			assert_int_equal(sample_loop_first(&lp)->t_ns, 1000000000LL * (1000 + want));
			got++;
		}
		assert_int_equal(got, 6);
		assert_true(sample_loop_first(&lp)->up.up_s == up[restart_at]);
		sample_loop_close(&lp);
	}
	for (int i = 0; i < 6; i++)
		bw_free(&f.rec[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_procs_roundtrip),
		cmocka_unit_test(test_kmsg_roundtrip),
		cmocka_unit_test(test_damage),
		cmocka_unit_test(test_loop_feed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
