/* The whole recorded window's growth fits (triage_window.h). Processes are
 * keyed by PID and start time (a reused PID starts a new fit), cgroups by
 * path; both arrays sorted, so a sample is one pass with binary searches.
 * Time is the recorded wall clock (uptime restarts at a reboot). */
#include "cmd/triage_window.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/cgroup.h"
#include "model/growth.h"
#include "model/mem.h"

#define WIN_FIT 0.9		/* the fits worth handing to the rule (rules_threads.c judges) */

struct win_proc {
	int pid;
	uint64_t start;			/* stat starttime */
	char comm[64];
	struct growth_fit fit;		/* RSS bytes against seconds */
};

struct win_cg {
	char path[256];
	struct growth_fit fit;		/* resident bytes (cgroup_resident) */
	double max_eff, current;	/* the last sample's */
};

struct triage_window {
	struct win_proc *p;
	size_t np, capp;
	struct win_cg *c;
	size_t nc, capc;
	double mem_avail;		/* the last sample's, bytes */
	long page;
	int nsamples;
	bool procs, cgroups;		/* seen in some sample */
};

struct triage_window *triage_window_new(void)
{
	struct triage_window *w = calloc(1, sizeof(*w));

	if (w) {
		w->page = sysconf(_SC_PAGESIZE);
		w->mem_avail = NAN;
	}
	return w;
}

void triage_window_free(struct triage_window *w)
{
	if (!w)
		return;
	free(w->p);
	free(w->c);
	free(w);
}

/* The slot of key in a sorted array of n elements of size sz (cmp against
 * the key), inserted zeroed when new; NULL on ENOMEM. */
static void *slot(void **arr, size_t *n, size_t *cap, size_t sz, const void *key,
		  int (*cmp)(const void *key, const void *elem), bool *fresh)
{
	size_t lo = 0, hi = *n;
	char *a = *arr;

	*fresh = false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp(key, a + mid * sz);

		if (c == 0)
			return a + mid * sz;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		char *p = realloc(a, nc * sz);

		if (!p)
			return NULL;
		*arr = a = p;
		*cap = nc;
	}
	memmove(a + (lo + 1) * sz, a + lo * sz, (*n - lo) * sz);
	memset(a + lo * sz, 0, sz);
	(*n)++;
	*fresh = true;
	return a + lo * sz;
}

static int cmp_pid(const void *key, const void *elem)
{
	int a = *(const int *)key, b = ((const struct win_proc *)elem)->pid;

	return (a > b) - (a < b);
}

static int cmp_path(const void *key, const void *elem)
{
	return strcmp(key, ((const struct win_cg *)elem)->path);
}

static int add_procs(struct triage_window *w, const struct proc_pid_sample *ps, double t)
{
	for (size_t i = 0; i < ps->n; i++) {
		const struct proc_pid_rec *r = &ps->recs[i];
		struct win_proc *p;
		bool fresh;

		if (r->tid != 0)
			continue;
		p = slot((void **)&w->p, &w->np, &w->capp, sizeof(*p), &r->pid, cmp_pid, &fresh);
		if (!p)
			return -ENOMEM;
		if (fresh || p->start != r->stat.starttime) {
			memset(p, 0, sizeof(*p));	/* a new process, or the PID reused */
			p->pid = r->pid;
			p->start = r->stat.starttime;
		}
		snprintf(p->comm, sizeof(p->comm), "%s", r->stat.comm);
		growth_add(&p->fit, t, (double)(r->stat.rss > 0 ? r->stat.rss : 0) * (double)w->page);
	}
	return 0;
}

static int add_cgroups(struct triage_window *w, const struct cgroup_snapshot *cs, double t)
{
	for (int i = 0; i < cs->n; i++) {
		const struct cgroup_sample *g = &cs->s[i];
		struct win_cg *c;
		bool fresh;

		if (!g->mem.version || strlen(g->path) >= sizeof(c->path))
			continue;
		c = slot((void **)&w->c, &w->nc, &w->capc, sizeof(*c), g->path, cmp_path, &fresh);
		if (!c)
			return -ENOMEM;
		if (fresh)
			memcpy(c->path, g->path, strlen(g->path) + 1);	/* fits: checked above */
		growth_add(&c->fit, t, cgroup_resident(g));
		c->current = (double)g->mem.current;
		c->max_eff = g->mem.max_eff != CGROUP_UNLIMITED && g->mem.max_eff ? (double)g->mem.max_eff : NAN;
	}
	return 0;
}

int triage_window_add(struct triage_window *w, const struct sample *s)
{
	double t = (double)s->t_ns / 1e9;
	int err = 0;

	w->nsamples++;
	if (sample_has(s, SAMPLE_MEMINFO)) {
		struct mem_free mf;

		mem_model_free(&s->mem, &mf);
		w->mem_avail = mf.available * 1024.0;
	}
	if (s->have_procs) {
		w->procs = true;
		err = add_procs(w, &s->procs, t);
	}
	if (!err && s->have_cgroups) {
		w->cgroups = true;
		err = add_cgroups(w, &s->cgroups, t);
	}
	return err;
}

static bool steady(const struct growth_fit *g, double *slope, double *r2)
{
	growth_result(g, slope, r2);
	return *slope > 0 && *r2 >= WIN_FIT && g->last > g->first;
}

double triage_window_obs(const struct triage_window *w, struct obs *o)
{
	double span = 0, slope, r2;

	o->host.mem_avail = w->mem_avail;
	o->thread_samples = w->nsamples;
	if (w->procs)
		o->have |= HAVE_THREADS;
	if (w->cgroups)
		o->have |= HAVE_CGROUP;
	for (size_t i = 0; i < w->np; i++) {
		const struct win_proc *p = &w->p[i];
		struct obs_tproc *t;

		span = fmax(span, p->fit.t_last - p->fit.t_first);
		if (!steady(&p->fit, &slope, &r2) || !(t = obs_add_tproc(o)))
			continue;
		t->pid = p->pid;
		memcpy(t->comm, p->comm, sizeof(t->comm));
		t->state = 'S';
		t->rss_first = p->fit.first;
		t->rss_last = p->fit.last;
		t->rss_slope = slope;
		t->rss_r2 = r2;
		t->rss_window_s = p->fit.t_last - p->fit.t_first;
		t->rss_n = p->fit.n;
	}
	for (size_t i = 0; i < w->nc; i++) {
		const struct win_cg *c = &w->c[i];
		struct obs_cgroup *oc;

		span = fmax(span, c->fit.t_last - c->fit.t_first);
		if (!steady(&c->fit, &slope, &r2) || !(oc = obs_add_cgroup(o)))
			continue;
		snprintf(oc->path, sizeof(oc->path), "%s", c->path);
		oc->mem_fit = c->fit;
		oc->mem_max_eff = c->max_eff;
		oc->mem_current = c->current;
	}
	return span;
}
