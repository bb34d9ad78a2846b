/* Per-process aggregation of thread samples (see threads.h). Samples are
 * sorted by (pid, tid), the model by pid: each sample is one merge pass. */
#include "model/threads.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/syscall_names.h"
#include "sample/sample_threads.h"

void threads_model_init(struct threads_model *m, long hz, long page)
{
	memset(m, 0, sizeof(*m));
	m->hz = hz > 0 ? hz : 100;
	m->page = page > 0 ? page : 4096;
}

void threads_model_free(struct threads_model *m)
{
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* The process pid, inserted in order when new. */
static struct threads_proc *proc_at(struct threads_model *m, int pid)
{
	size_t lo = 0, hi = m->n;

	if (m->n && m->v[m->n - 1].pid < pid) {
		lo = m->n;
	} else {
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (m->v[mid].pid == pid)
				return &m->v[mid];
			if (m->v[mid].pid < pid)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		struct threads_proc *v = realloc(m->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		m->v = v;
		m->cap = cap;
	}
	memmove(&m->v[lo + 1], &m->v[lo], (m->n - lo) * sizeof(*m->v));
	m->n++;
	memset(&m->v[lo], 0, sizeof(*m->v));
	m->v[lo].pid = pid;
	return &m->v[lo];
}

bool threads_wait_is_lock(const char *syscall, const char *wchan, const char *frame)
{
	static const char *const locks[] = {
		"futex_", "mutex_lock", "__mutex_lock", "rwsem_down", "down_read", "down_write",
		"__down", "rt_mutex", "rtlock",
	};
	const char *w[2] = { wchan, frame };

	if (!strcmp(syscall, "futex") || !strcmp(syscall, "futex_waitv"))
		return true;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; w[k] && i < sizeof(locks) / sizeof(locks[0]); i++)
			if (!strncmp(w[k], locks[i], strlen(locks[i])))
				return true;
	return false;
}

static void sc_name(const struct thread_rec *t, char *out, size_t size)
{
	const char *n;

	out[0] = '\0';
	if (t->sc != THREAD_SC_IN)
		return;
	n = syscall_name(t->nr);
	if (n)
		snprintf(out, size, "%s", n);
	else
		snprintf(out, size, "#%ld", t->nr);
}

static void add_wait(struct threads_proc *p, const struct thread_rec *t)
{
	char sc[24];
	struct threads_wait *w;

	sc_name(t, sc, sizeof(sc));
	if (threads_wait_is_lock(sc, t->wchan, t->frames[0]))
		p->lock++;
	for (int i = 0; i < p->nwaits; i++) {
		w = &p->waits[i];
		if (w->state == t->state && !strcmp(w->syscall, sc) && !strcmp(w->wchan, t->wchan) &&
		    !strcmp(w->frame, t->frames[0])) {
			w->n++;
			return;
		}
	}
	if (p->nwaits == THREADS_MAX_WAITS) {
		p->waits_other++;
		return;
	}
	w = &p->waits[p->nwaits++];
	w->state = t->state;
	memcpy(w->syscall, sc, sizeof(sc));
	memcpy(w->wchan, t->wchan, sizeof(w->wchan));
	memcpy(w->frame, t->frames[0], sizeof(w->frame));
	w->arg0 = t->arg0;
	w->n = 1;
}

/* The thread (pid, tid) of a sample, from cursor *j on (both sorted). */
static const struct thread_rec *prev_thread(const struct thread_sample *s, size_t *j, int pid, int tid)
{
	while (*j < s->nt && (s->t[*j].pid < pid || (s->t[*j].pid == pid && s->t[*j].tid < tid)))
		(*j)++;
	if (*j < s->nt && s->t[*j].pid == pid && s->t[*j].tid == tid)
		return &s->t[*j];
	return NULL;
}

static void add_proc_rec(struct threads_model *m, struct threads_proc *p, const struct thread_proc_rec *r,
			 double t)
{
	double rss = (double)(r->rss_pages > 0 ? r->rss_pages : 0) * (double)m->page;

	p->ppid = r->ppid;
	p->kthread = r->kthread;
	p->state = r->state;
	memcpy(p->comm, r->comm, sizeof(p->comm));
	p->nthreads = r->nthreads;
	if (!p->nrss) {
		p->rss_first = rss;
		p->t_first = t;
		p->blkio_first = r->blkio_ticks;
	}
	p->rss_last = rss;
	p->t_last = t;
	p->blkio_last = r->blkio_ticks;
	p->nrss++;
	/* regression sums on t relative to the window's start (precision) */
	t -= m->t_first;
	p->st += t;
	p->sr += rss;
	p->stt += t * t;
	p->str += t * rss;
	p->srr += rss * rss;
}

int threads_model_add(struct threads_model *m, const struct thread_sample *prev,
		      const struct thread_sample *cur)
{
	double dt = prev ? cur->up_s - prev->up_s : 0;
	size_t j = 0, pj = 0;

	if (!m->nsamples)
		m->t_first = cur->up_s;
	m->t_last = cur->up_s;
	m->nsamples++;
	m->source = cur->source;
	if (cur->denied > m->denied)
		m->denied = cur->denied;
	m->have_stack |= cur->have_stack;
	for (size_t i = 0; i < cur->np; i++) {
		const struct thread_proc_rec *r = &cur->p[i];
		struct threads_proc *p = proc_at(m, r->pid);

		if (!p)
			return -ENOMEM;
		add_proc_rec(m, p, r, cur->up_s);
		while (j < cur->nt && cur->t[j].pid < r->pid)
			j++;
		for (; j < cur->nt && cur->t[j].pid == r->pid; j++) {
			const struct thread_rec *t = &cur->t[j];
			const struct thread_rec *o = prev ? prev_thread(prev, &pj, t->pid, t->tid) : NULL;

			p->samples++;
			if (t->state == 'R')
				p->running++;
			else
				add_wait(p, t);
			p->dstate += t->state == 'D';
			if (o && dt > 0 && t->slices != UINT64_MAX && o->slices != UINT64_MAX &&
			    t->slices >= o->slices) {
				p->slices += t->slices - o->slices;
				p->slice_threads++;
				p->slices_s += dt;
			}
		}
	}
	return 0;
}

static int wait_cmp(const void *a, const void *b)
{
	const struct threads_wait *x = a, *y = b;

	return y->n - x->n;
}

void threads_model_end(struct threads_model *m)
{
	m->nzombies = 0;
	for (size_t i = 0; i < m->n; i++)
		m->nzombies += m->v[i].state == 'Z';
	for (size_t i = 0; i < m->n; i++)
		qsort(m->v[i].waits, (size_t)m->v[i].nwaits, sizeof(m->v[i].waits[0]), wait_cmp);
}

double threads_proc_pct(const struct threads_proc *p, int n)
{
	return p->samples > 0 ? 100.0 * n / p->samples : NAN;
}

double threads_proc_wakeups(const struct threads_proc *p)
{
	return p->slices_s > 0 ? (double)p->slices / p->slices_s : NAN;
}

void threads_proc_growth(const struct threads_proc *p, double *slope, double *r2)
{
	double n = p->nrss, sxx, sxy, syy;

	*slope = *r2 = NAN;
	if (p->nrss < 3)
		return;
	sxx = p->stt - p->st * p->st / n;
	sxy = p->str - p->st * p->sr / n;
	syy = p->srr - p->sr * p->sr / n;
	if (sxx <= 0)
		return;
	*slope = sxy / sxx;
	/* r^2 = sxy^2 / (sxx syy); a flat RSS (syy 0) has nothing to fit */
	*r2 = syy > 0 ? sxy * sxy / (sxx * syy) : 0;
}

double threads_proc_blkio_s(const struct threads_proc *p, long hz)
{
	if (p->blkio_last < p->blkio_first || hz <= 0)
		return NAN;
	return (double)(p->blkio_last - p->blkio_first) / (double)hz;
}

static void merge_wait(struct threads_proc *p, const struct sample_twait *t)
{
	struct threads_wait *w;

	for (int i = 0; i < p->nwaits; i++) {
		w = &p->waits[i];
		if (w->state == t->state && !strcmp(w->syscall, t->syscall) && !strcmp(w->wchan, t->wchan) &&
		    !strcmp(w->frame, t->frame)) {
			w->n += (int)t->n;
			return;
		}
	}
	if (p->nwaits == THREADS_MAX_WAITS) {
		p->waits_other += (int)t->n;
		return;
	}
	w = &p->waits[p->nwaits++];
	w->state = t->state;
	snprintf(w->syscall, sizeof(w->syscall), "%s", t->syscall);
	snprintf(w->wchan, sizeof(w->wchan), "%s", t->wchan);
	snprintf(w->frame, sizeof(w->frame), "%s", t->frame);
	w->arg0 = t->arg0;
	w->n = (int)t->n;
}

int threads_model_merge(struct threads_model *m, const struct sample_threads *st)
{
	if (!m->nsamples)
		m->t_first = st->up_s;
	m->t_last = st->up_s;
	m->nsamples++;
	m->source = !strcmp(st->source, "bpf") ? "bpf" : "/proc";
	if (st->denied > m->denied)
		m->denied = st->denied;
	m->have_stack |= st->have_stack;
	if (st->hz > 0)
		m->hz = st->hz;
	if (st->page > 0)
		m->page = st->page;
	for (size_t i = 0; i < st->n; i++) {
		const struct sample_tproc *r = &st->p[i];
		struct threads_proc *p = proc_at(m, r->pid);
		struct thread_proc_rec pr = {
			.pid = r->pid, .ppid = r->ppid, .kthread = r->kthread, .state = r->state,
			.nthreads = r->nthreads, .rss_pages = r->rss_pages, .blkio_ticks = r->blkio_ticks,
		};

		if (!p)
			return -ENOMEM;
		memcpy(pr.comm, r->comm, sizeof(pr.comm));
		add_proc_rec(m, p, &pr, st->up_s);
		p->samples += (int)r->samples;
		p->running += (int)r->running;
		p->dstate += (int)r->dstate;
		p->lock += (int)r->lock;
		p->waits_other += (int)r->waits_other;
		for (int k = 0; k < r->nwaits; k++)
			merge_wait(p, sample_tproc_wait(st, r, k));
		if (st->dt > 0 && r->slice_threads) {
			p->slices += r->slices;
			p->slice_threads += (int)r->slice_threads;
			p->slices_s += st->dt * r->slice_threads;
		}
	}
	return 0;
}

static int to_rec(const struct threads_proc *p, struct sample_threads *st, struct sample_tproc *r)
{
	r->pid = p->pid, r->ppid = p->ppid;
	r->kthread = p->kthread;
	r->state = p->state;
	memcpy(r->comm, p->comm, sizeof(r->comm));
	r->nthreads = p->nthreads;
	r->samples = (uint32_t)p->samples, r->running = (uint32_t)p->running;
	r->dstate = (uint32_t)p->dstate, r->lock = (uint32_t)p->lock;
	r->slices = p->slices;
	r->slice_threads = (uint32_t)p->slice_threads;
	r->waits_other = (uint32_t)p->waits_other;
	for (int k = 0; k < p->nwaits && k < SAMPLE_TWAITS; k++) {
		struct sample_twait *w = sample_threads_add_wait(st, r);

		if (!w)
			return -ENOMEM;
		w->state = p->waits[k].state;
		memcpy(w->syscall, p->waits[k].syscall, sizeof(w->syscall));
		memcpy(w->wchan, p->waits[k].wchan, sizeof(w->wchan));
		memcpy(w->frame, p->waits[k].frame, sizeof(w->frame));
		w->arg0 = p->waits[k].arg0;
		w->n = (uint32_t)p->waits[k].n;
	}
	return 0;
}

void threads_model_reset(struct threads_model *m)
{
	m->n = 0;
	m->nsamples = m->nzombies = m->denied = 0;
	m->t_first = m->t_last = 0;
	m->source = NULL;
	m->have_stack = false;
}

/* The kernel's own idling: no rule judges it, so it is not kept. */
static bool idle_kthread(const struct threads_proc *p)
{
	return p->kthread && !p->dstate;
}

int threads_model_aggregate(struct threads_model *m, const struct thread_sample *prev,
			    const struct thread_sample *cur, struct sample_threads *out)
{
	int err;

	threads_model_reset(m);
	err = threads_model_add(m, prev, cur);
	out->up_s = cur->up_s;
	out->dt = prev ? cur->up_s - prev->up_s : 0;
	snprintf(out->source, sizeof(out->source), "%s", cur->source ? cur->source : "/proc");
	out->denied = cur->denied;
	out->have_stack = cur->have_stack;
	out->hz = (int)m->hz;
	out->page = (int)m->page;
	if (!err)
		err = sample_threads_reserve(out, out->n + m->n);
	if (!err) {
		/* the waits at once: 10,000 processes' are ~4.6 MB, which the
		 * doubling copied twice over, in fresh pages, every sample */
		size_t nw = out->nw;

		for (size_t i = 0; i < m->n; i++)
			if (!idle_kthread(&m->v[i]))
				nw += (size_t)(m->v[i].nwaits < SAMPLE_TWAITS ? m->v[i].nwaits : SAMPLE_TWAITS);
		err = sample_threads_reserve_waits(out, nw);
	}
	for (size_t i = 0; !err && i < m->n; i++) {
		const struct threads_proc *p = &m->v[i];
		struct sample_tproc *r;

		if (idle_kthread(p))
			continue;
		r = sample_threads_add(out);
		if (!r) {
			err = -ENOMEM;
			break;
		}
		err = to_rec(p, out, r);
		/* the raw pages back: the model keeps bytes */
		r->rss_pages = (int64_t)(p->rss_last / (double)m->page);
		r->blkio_ticks = p->blkio_last;
	}
	return err;
}
