#include "analysis/obs.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void series_init(struct series *s)
{
	s->n = 0;
	for (int i = 0; i < OBS_MAX_INTERVALS; i++)
		s->v[i] = NAN;
}

void series_push(struct series *s, double v)
{
	if (s->n < OBS_MAX_INTERVALS)
		s->v[s->n++] = v;
}

double series_max(const struct series *s)
{
	double m = NAN;

	for (int i = 0; i < s->n; i++)
		if (!isnan(s->v[i]) && (isnan(m) || s->v[i] > m))
			m = s->v[i];
	return m;
}

double series_mean(const struct series *s)
{
	double sum = 0;
	int k = 0;

	for (int i = 0; i < s->n; i++)
		if (!isnan(s->v[i])) {
			sum += s->v[i];
			k++;
		}
	return k ? sum / k : NAN;
}

int series_count_ge(const struct series *s, double thr)
{
	int k = 0;

	for (int i = 0; i < s->n; i++)
		if (!isnan(s->v[i]) && s->v[i] >= thr)
			k++;
	return k;
}

int series_known(const struct series *s)
{
	int k = 0;

	for (int i = 0; i < s->n; i++)
		if (!isnan(s->v[i]))
			k++;
	return k;
}

static void host_init(struct obs_host *h)
{
	struct series *all[] = {
		&h->cpu_usr, &h->cpu_sys, &h->cpu_iowait, &h->cpu_irq, &h->cpu_softirq,
		&h->cpu_steal, &h->cpu_idle, &h->cpu_busy, &h->runq, &h->blocked, &h->forks,
		&h->psi_cpu_some, &h->psi_mem_some, &h->psi_mem_full, &h->psi_io_some,
		&h->psi_io_full, &h->mem_avail_pct, &h->swap_in, &h->swap_out, &h->dirty_pct,
		&h->tcp_out_segs, &h->tcp_retrans, &h->tcp_attempt_fails, &h->tcp_out_rsts, &h->tcp_estab_resets, &h->listen_overflows, &h->listen_drops,
		&h->syn_cookies, &h->syn_drops, &h->softnet_drops, &h->softnet_squeezes,
	};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		series_init(all[i]);
	h->ncpu = 0;
	h->mem_total = h->mem_avail = h->swap_total = h->swap_free = NAN;
	h->oom_kill_window = h->oom_kill_boot = NAN;
	h->dirty_kb = h->writeback_kb = h->dirty_thresh_kb = h->dirty_bg_kb = NAN;
	h->file_nr = h->file_max = NAN;
	h->tcp_estab = h->tcp_time_wait = h->tcp_close_wait = h->tcp_syn_recv = NAN;
	h->ntw_dest = 0;
	h->port_range = NAN;
	h->nr_dstate = h->nr_zombie = h->nr_tasks = NAN;
	h->load1 = h->loadavg_running = NAN;
	h->softnet_cpu = -1;
	h->softnet_cpu_drops = h->softnet_cpu_squeezes = NAN;
}

struct obs *obs_new(void)
{
	struct obs *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	host_init(&o->host);
	o->interval_s = o->window_s = o->t_end = NAN;
	o->delayacct = -1;
	return o;
}

void obs_free(struct obs *o)
{
	if (!o)
		return;
	free(o->cpus);
	free(o->disks);
	free(o->nets);
	free(o->fss);
	free(o->procs);
	free(o->listens);
	free(o->cgroups);
	free(o->klog);
	free(o->unchecked);
	free(o->tprocs);
	free(o);
}

/* Grow *arr (of *n elements of size sz) by one zeroed element. */
static void *grow(void **arr, int *n, size_t sz)
{
	char *p;

	if ((*n & (*n - 1)) == 0) {	/* 0, 1, 2, 4 ...: double */
		size_t cap = *n ? (size_t)*n * 2 : 4;
		p = realloc(*arr, cap * sz);
		if (!p)
			return NULL;
		*arr = p;
	}
	p = (char *)*arr + (size_t)*n * sz;
	memset(p, 0, sz);
	(*n)++;
	return p;
}

#define GROW(o, arr, n) grow((void **)&(o)->arr, &(o)->n, sizeof(*(o)->arr))

struct obs_cpu *obs_add_cpu(struct obs *o)
{
	struct obs_cpu *c = GROW(o, cpus, ncpus);

	if (c) {
		series_init(&c->busy);
		series_init(&c->softirq);
		series_init(&c->iowait);
	}
	return c;
}

struct obs_disk *obs_add_disk(struct obs *o)
{
	struct obs_disk *d = GROW(o, disks, ndisks);

	if (d) {
		d->rotational = -1;
		series_init(&d->util);
		series_init(&d->aqu);
		series_init(&d->await);
		series_init(&d->iops);
		d->errors = NAN;
	}
	return d;
}

struct obs_net *obs_add_net(struct obs *o)
{
	struct obs_net *n = GROW(o, nets, nnets);

	if (n) {
		n->speed_mbps = NAN;
		series_init(&n->rx_bps);
		series_init(&n->tx_bps);
		series_init(&n->errs);
		series_init(&n->drops);
	}
	return n;
}

struct obs_fs *obs_add_fs(struct obs *o)
{
	struct obs_fs *f = GROW(o, fss, nfss);

	if (f) {
		f->size = f->avail = f->used = f->files = f->ffree = NAN;
		f->deleted = NAN;
	}
	return f;
}

struct obs_proc *obs_add_proc(struct obs *o)
{
	struct obs_proc *p = GROW(o, procs, nprocs);

	if (p) {
		p->cpu_pct = p->nfds = p->fd_soft = p->close_wait = NAN;
		p->state = '?';
		p->nthreads = 0;
	}
	return p;
}

struct obs_listen *obs_add_listen(struct obs *o)
{
	struct obs_listen *l = GROW(o, listens, nlistens);

	if (l)
		l->queued = l->backlog = l->queued_max = NAN;
	return l;
}

struct obs_cgroup *obs_add_cgroup(struct obs *o)
{
	struct obs_cgroup *c = GROW(o, cgroups, ncgroups);

	if (c) {
		c->quota_cpus = NAN;
		series_init(&c->throttled_pct);
		c->nr_throttled = c->throttled_ms = NAN;
		c->mem_current = c->mem_max = NAN;
		c->oom_kill_window = c->oom_kill_total = NAN;
		memset(&c->mem_fit, 0, sizeof(c->mem_fit));
		c->mem_max_eff = NAN;
	}
	return c;
}

struct obs_klog *obs_add_klog(struct obs *o)
{
	return GROW(o, klog, nklog);
}

struct obs_tproc *obs_add_tproc(struct obs *o)
{
	struct obs_tproc *t = GROW(o, tprocs, ntprocs);

	if (t) {
		t->running_pct = t->dstate_pct = t->lock_pct = t->wakeups = NAN;
		t->rss_first = t->rss_last = t->rss_slope = t->rss_r2 = t->rss_window_s = NAN;
		t->blkio_s = t->oom_score = NAN;
	}
	return t;
}

/* df's Use%: used / (used + available to non-root), rounded up by df. */
double obs_fs_used_pct(const struct obs_fs *f)
{
	return f->used + f->avail > 0 ? f->used / (f->used + f->avail) * 100 : NAN;
}

double obs_fs_inodes_pct(const struct obs_fs *f)
{
	return f->files > 0 ? (f->files - f->ffree) / f->files * 100 : NAN;
}


void obs_unchecked(struct obs *o, const char *what, const char *fmt, ...)
{
	struct obs_unchecked *u = NULL;
	va_list ap;
	bool seen = false;

	va_start(ap, fmt);
	for (int i = 0; i < o->nunchecked; i++)
		seen |= strcmp(o->unchecked[i].what, what) == 0;	/* once per thing */
	if (!seen)
		u = GROW(o, unchecked, nunchecked);
	if (u) {
		snprintf(u->what, sizeof(u->what), "%s", what);
		vsnprintf(u->why, sizeof(u->why), fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): ap is va_start()ed above */
	}
	va_end(ap);
}

const struct obs_tproc *obs_tproc_find(const struct obs *o, int pid)
{
	int lo = 0, hi = o->ntprocs;

	while (lo < hi) {	/* filled in pid order */
		int mid = (lo + hi) / 2;

		if (o->tprocs[mid].pid == pid)
			return &o->tprocs[mid];
		if (o->tprocs[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct obs_proc *obs_focus(const struct obs *o)
{
	for (int i = 0; o->focus_pid && i < o->nprocs; i++)
		if (o->procs[i].pid == o->focus_pid && o->procs[i].tid == o->focus_pid)
			return &o->procs[i];
	return NULL;
}
