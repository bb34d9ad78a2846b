/* The recorded cgroups (codec section 0x0b00) and thread states (0x0c00):
 * v2 and v1 fixtures round-trip to the same counters and re-encode to the
 * same bytes; an unchanged group encodes byte-identically (what the store's
 * delta compression feeds on); the bound keeps the shallowest groups;
 * damage is refused; thread-state aggregates merged into the model give
 * the figures of the model fed the raw thread samples. */
#include "test.h"

#include "model/threads.h"
#include "sample/codec.h"
#include "sample/sample_cgroups.h"
#include "sample/sample_threads.h"

static void take_cg(const char *dir, int max, struct sample *s)
{
	struct sample_want w = { .cgroups = true, .cgroups_max = max };
	struct root r;

	assert_int_equal(root_open(&r, dir), 0);
	sample_init(s);
	assert_int_equal(sample_take(&r, &w, NULL, s), 0);
	root_close(&r);
}

static void encode(const struct sample *s, struct bw *w)
{
	memset(w, 0, sizeof(*w));
	sample_encode(s, w);
	assert_int_equal(w->err, 0);
}

static void same_group(const struct cgroup_sample *a, const struct cgroup_sample *b)
{
	assert_string_equal(a->path, b->path);
	assert_memory_equal(&a->cpu, &b->cpu, sizeof(a->cpu));
	assert_memory_equal(&a->mem, &b->mem, sizeof(a->mem));
	assert_memory_equal(&a->pids, &b->pids, sizeof(a->pids));
	assert_memory_equal(&a->io, &b->io, sizeof(a->io));
	for (int i = 0; i < PSI__COUNT; i++) {
		assert_int_equal(a->psi_err[i], b->psi_err[i]);
		if (!a->psi_err[i])
			assert_memory_equal(&a->psi[i], &b->psi[i], sizeof(a->psi[i]));
	}
}

static void roundtrip(const char *dir, int groups, enum cgroup_layout layout)
{
	struct sample a, b;
	struct bw w1, w2;

	take_cg(dir, 0, &a);
	assert_true(a.have_cgroups);
	assert_int_equal(a.cgroups.n, groups);
	assert_int_equal(a.cgroups.m.layout, layout);
	encode(&a, &w1);
	sample_init(&b);
	assert_int_equal(sample_decode(w1.p, w1.len, &b), 0);
	assert_true(b.have_cgroups);
	assert_int_equal(b.cgroups.n, a.cgroups.n);
	assert_memory_equal(&b.cgroups.m, &a.cgroups.m, sizeof(a.cgroups.m));
	for (int i = 0; i < a.cgroups.n; i++)
		same_group(&a.cgroups.s[i], &b.cgroups.s[i]);
	assert_non_null(cgroup_snapshot_find(&b.cgroups, a.cgroups.s[a.cgroups.n - 1].path));
	encode(&b, &w2);
	assert_int_equal(w2.len, w1.len);
	assert_memory_equal(w2.p, w1.p, w1.len);
	bw_free(&w1), bw_free(&w2);
	sample_free(&a), sample_free(&b);
}

static void test_cgroups_v2(void **state)
{
	(void)state;
	roundtrip(FIXTURES "cg_v2/t0", 5, CG_UNIFIED);
	roundtrip(FIXTURES "cg_v2/t1", 5, CG_UNIFIED);
}

static void test_cgroups_v1(void **state)
{
	struct sample a;
	const struct cgroup_sample *g;

	(void)state;
	roundtrip(FIXTURES "cg_v1/t0", 3, CG_LEGACY);
	roundtrip(FIXTURES "cg_hybrid/t0", 2, CG_HYBRID);
	/* the v1 counters are the readers' (tests/unit/test_cgroup.c's values) */
	take_cg(FIXTURES "cg_v1/t0", 0, &a);
	g = cgroup_snapshot_find(&a.cgroups, "/docker/abc");
	assert_non_null(g);
	assert_int_equal(g->cpu.version, 1);
	assert_int_equal(g->mem.version, 1);
	assert_true(g->cpu.quota_us == 20000 && g->cpu.period_us == 100000);
	sample_free(&a);
}

/* Unchanged groups are byte-identical between samples: the group's bytes
 * in t0's encoding appear verbatim in an encoding of t0 with one group
 * changed, and the changed group's bytes do not. */
static void test_cgroups_delta(void **state)
{
	struct sample a;
	struct bw w1, w2, g;
	size_t same = 0;

	(void)state;
	take_cg(FIXTURES "cg_v2/t0", 0, &a);
	encode(&a, &w1);
	a.cgroups.s[1].mem.current += 4096;	/* one group moved */
	encode(&a, &w2);
	assert_int_equal(w1.len, w2.len);
	for (int i = 0; i < a.cgroups.n; i++) {
		struct cgroup_snapshot one = a.cgroups;

		one.s = &a.cgroups.s[i];
		one.n = 1;
		memset(&g, 0, sizeof(g));
		sample_encode_cgroups(&one, &g);
		/* the group's own bytes: past the mounts header */
		assert_non_null(memmem(w2.p, w2.len, g.p + g.len - 200, 200));
		same += memmem(w1.p, w1.len, g.p + g.len - 200, 200) != NULL;
		bw_free(&g);
	}
	assert_int_equal(same, (size_t)a.cgroups.n);
	for (size_t i = 0, diff = 0; i < w1.len; i++) {
		diff += w1.p[i] != w2.p[i];
		if (i == w1.len - 1)
			assert_true(diff >= 1 && diff <= 2);	/* 4096 more: one or two bytes */
	}
	bw_free(&w1), bw_free(&w2);
	sample_free(&a);
}

/* At most max groups: the shallowest, then by path; truncated said. */
static void test_cgroups_bound(void **state)
{
	struct sample a, b;
	struct bw w;

	(void)state;
	take_cg(FIXTURES "cg_v2/t0", 2, &a);
	assert_int_equal(a.cgroups.n, 2);
	assert_true(a.cgroups.truncated);
	assert_string_equal(a.cgroups.s[0].path, "/");
	assert_string_equal(a.cgroups.s[1].path, "/app.slice");
	encode(&a, &w);
	sample_init(&b);
	assert_int_equal(sample_decode(w.p, w.len, &b), 0);
	assert_true(b.cgroups.truncated);
	bw_free(&w);
	sample_free(&a), sample_free(&b);
	/* no cgroup fs: the error is recorded, not a section of nothing */
	take_cg(FIXTURES "psi/t0", 0, &a);
	assert_false(a.have_cgroups);
	assert_int_equal(a.cgroups_err, -ENOENT);
	encode(&a, &w);
	sample_init(&b);
	assert_int_equal(sample_decode(w.p, w.len, &b), 0);
	assert_false(b.have_cgroups);
	assert_int_equal(b.cgroups_err, -ENOENT);
	bw_free(&w);
	sample_free(&a), sample_free(&b);
}

/* The section's offset in an encoding (after the u16 tag, u32 length). */
static size_t section_at(const struct bw *w, uint16_t tag)
{
	size_t off = 28;	/* the header */

	while (off + 6 <= w->len) {
		uint16_t t = (uint16_t)(w->p[off] | w->p[off + 1] << 8);
		uint32_t n = (uint32_t)w->p[off + 2] | (uint32_t)w->p[off + 3] << 8 |
			     (uint32_t)w->p[off + 4] << 16 | (uint32_t)w->p[off + 5] << 24;

		if (t == tag)
			return off + 6;
		off += 6 + n;
	}
	fail_msg("no section %#x", tag);
	return 0;
}

static void test_cgroups_damage(void **state)
{
	struct sample a, b;
	struct bw w;
	size_t at;

	(void)state;
	take_cg(FIXTURES "cg_v2/t0", 0, &a);
	encode(&a, &w);
	at = section_at(&w, SAMPLE_TAG_CGROUPS);
	/* cut anywhere inside the section: damage, never a crash */
	for (size_t cut = at; cut < w.len; cut += 7) {
		sample_init(&b);
		assert_int_equal(sample_decode(w.p, cut, &b), -EBADMSG);
		sample_free(&b);
	}
	/* a layout past the known ones */
	w.p[at] = 9;
	sample_init(&b);
	assert_int_equal(sample_decode(w.p, w.len, &b), -EBADMSG);
	sample_free(&b);
	bw_free(&w);
	/* groups out of path order, and a path that is not absolute */
	memcpy(a.cgroups.s[1].path, "/zzzzzzzzz", 11);
	encode(&a, &w);
	sample_init(&b);
	assert_int_equal(sample_decode(w.p, w.len, &b), -EBADMSG);
	sample_free(&b);
	bw_free(&w);
	a.cgroups.s[0].path[0] = 'x';
	encode(&a, &w);
	sample_init(&b);
	assert_int_equal(sample_decode(w.p, w.len, &b), -EBADMSG);
	sample_free(&b);
	bw_free(&w);
	sample_free(&a);
}

/* Sample k (0..2) at uptime 100+k: process 10 with threads 10, 11 in futex
 * and 12 running; process 20 with one thread in D in read (fd 3); RSS
 * growing 256 pages a sample. */
static void tsample(struct thread_sample *s, int k)
{
	static const uint64_t sl[3][3] = { { 100, 200, 50 }, { 120, 230, 60 }, { 140, 260, 70 } };
	struct thread_proc_rec *p;
	struct thread_rec *t;

	memset(s, 0, sizeof(*s));
	s->up_s = 100 + k;
	s->source = "/proc";
	for (int q = 0; q < 2; q++) {
		p = thread_sample_add_proc(s);
		p->pid = q ? 20 : 10;
		p->ppid = 1;
		strcpy(p->comm, q ? "reader" : "worker");
		p->nthreads = q ? 1 : 3;
		p->rss_pages = 1000 + 256 * k;
		p->blkio_ticks = (uint64_t)(q * 10 * k);
	}
	for (int i = 0; i < 3; i++) {
		t = thread_sample_add_thread(s);
		t->pid = 10;
		t->tid = 10 + i;
		t->slices = sl[k][i];
		t->state = i < 2 ? 'S' : 'R';
		t->sc = i < 2 ? THREAD_SC_IN : THREAD_SC_RUNNING;
		t->nr = 202;	/* futex on x86_64 */
		if (i < 2)
			strcpy(t->wchan, "futex_do_wait");
	}
	t = thread_sample_add_thread(s);
	t->pid = t->tid = 20;
	t->state = 'D';
	t->sc = THREAD_SC_IN;
	t->nr = 0;	/* read */
	t->arg0 = 3;
	t->slices = 7;
	strcpy(t->wchan, "folio_wait_bit_common");
}

static void same_proc(const struct threads_proc *a, const struct threads_proc *b)
{
	double s1, r1, s2, r2;

	assert_int_equal(a->pid, b->pid);
	assert_string_equal(a->comm, b->comm);
	assert_int_equal(a->samples, b->samples);
	assert_int_equal(a->running, b->running);
	assert_int_equal(a->dstate, b->dstate);
	assert_int_equal(a->lock, b->lock);
	assert_int_equal(a->nwaits, b->nwaits);
	for (int i = 0; i < a->nwaits; i++) {
		assert_string_equal(a->waits[i].syscall, b->waits[i].syscall);
		assert_string_equal(a->waits[i].wchan, b->waits[i].wchan);
		assert_int_equal(a->waits[i].n, b->waits[i].n);
	}
	assert_true(a->slices == b->slices);
	assert_int_equal(a->slice_threads, b->slice_threads);
	assert_true(fabs(a->slices_s - b->slices_s) < 1e-9);
	threads_proc_growth(a, &s1, &r1);
	threads_proc_growth(b, &s2, &r2);
	assert_true(fabs(s1 - s2) < 1e-6 && fabs(r1 - r2) < 1e-9);
	assert_true(threads_proc_blkio_s(a, 100) == threads_proc_blkio_s(b, 100));
}

/* Aggregated per sample, recorded, decoded and merged: the model the
 * report builds from a recording is the one it builds live. */
static void test_threads_equiv(void **state)
{
	struct thread_sample s[3];
	struct threads_model live, rec, scratch;
	struct bw w;
	struct br r;

	(void)state;
	threads_model_init(&live, 100, 4096);
	threads_model_init(&rec, 100, 4096);
	threads_model_init(&scratch, 100, 4096);
	for (int k = 0; k < 3; k++) {
		struct sample_threads *agg = sample_threads_new(), *back = NULL;

		tsample(&s[k], k);
		assert_int_equal(threads_model_add(&live, k ? &s[k - 1] : NULL, &s[k]), 0);
		assert_int_equal(threads_model_aggregate(&scratch, k ? &s[k - 1] : NULL, &s[k], agg), 0);
		assert_int_equal(agg->n, 2);
		memset(&w, 0, sizeof(w));
		sample_encode_threads(agg, &w);
		r = (struct br){ w.p, w.len, 0, 0 };
		assert_int_equal(sample_decode_threads(&r, &back), 0);
		assert_int_equal(back->n, 2);
		assert_int_equal(back->p[1].dstate, 1);
		assert_string_equal(sample_tproc_wait(back, &back->p[1], 0)->wchan, "folio_wait_bit_common");
		assert_true(sample_tproc_wait(back, &back->p[1], 0)->arg0 == 3);
		/* cut short: damage */
		for (size_t cut = 0; cut < w.len; cut += 5) {
			struct sample_threads *x = NULL;

			r = (struct br){ w.p, cut, 0, 0 };
			assert_int_equal(sample_decode_threads(&r, &x), -EBADMSG);
			assert_null(x);
		}
		assert_int_equal(threads_model_merge(&rec, back), 0);
		sample_threads_free(agg);
		sample_threads_free(back);
		bw_free(&w);
	}
	threads_model_end(&live);
	threads_model_end(&rec);
	assert_int_equal(live.n, rec.n);
	assert_int_equal(live.nsamples, rec.nsamples);
	for (size_t i = 0; i < live.n; i++)
		same_proc(&live.v[i], &rec.v[i]);
	assert_int_equal(rec.v[0].lock, 6);
	assert_true(threads_proc_wakeups(&rec.v[0]) == threads_proc_wakeups(&live.v[0]));
	for (int k = 0; k < 3; k++)
		thread_sample_free(&s[k]);
	threads_model_free(&live);
	threads_model_free(&rec);
	threads_model_free(&scratch);
}

/* In a whole sample: the section round-trips beside the others. */
static void test_threads_section(void **state)
{
	struct thread_sample s0;
	struct threads_model m;
	struct sample a, b;
	struct bw w;

	(void)state;
	tsample(&s0, 0);
	sample_init(&a);
	a.threads = sample_threads_new();
	threads_model_init(&m, 100, 4096);
	assert_int_equal(threads_model_aggregate(&m, NULL, &s0, a.threads), 0);
	threads_model_free(&m);
	a.threads->delayacct = 1;
	a.have_threads = true;
	encode(&a, &w);
	sample_init(&b);
	assert_int_equal(sample_decode(w.p, w.len, &b), 0);
	assert_true(b.have_threads);
	assert_int_equal(b.threads->n, 2);
	assert_int_equal(b.threads->delayacct, 1);
	assert_true(b.threads->up_s == 100);
	bw_free(&w);
	sample_free(&a), sample_free(&b);
	/* not sampled: the error travels */
	sample_init(&a);
	a.threads_err = -EACCES;
	encode(&a, &w);
	sample_init(&b);
	assert_int_equal(sample_decode(w.p, w.len, &b), 0);
	assert_false(b.have_threads);
	assert_int_equal(b.threads_err, -EACCES);
	bw_free(&w);
	sample_free(&a), sample_free(&b);
	thread_sample_free(&s0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cgroups_v2),
		cmocka_unit_test(test_cgroups_v1),
		cmocka_unit_test(test_cgroups_delta),
		cmocka_unit_test(test_cgroups_bound),
		cmocka_unit_test(test_cgroups_damage),
		cmocka_unit_test(test_threads_equiv),
		cmocka_unit_test(test_threads_section),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
