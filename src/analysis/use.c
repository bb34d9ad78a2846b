/* The USE matrix (Brendan Gregg, "The USE Method": utilization, saturation,
 * errors for every resource; Linux checklist at
 * brendangregg.com/USEmethod/use-linux.html). */
#include "analysis/use.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *use_status_name(enum use_status s)
{
	switch (s) {
	case USE_NA: return "n/a";
	case USE_UNKNOWN: return "unknown";
	case USE_OK: return "ok";
	case USE_WARNING: return "warning";
	case USE_CRITICAL: return "critical";
	}
	return "?";
}

/* A new row of kind (and instance, when inst is not NULL). */
static struct use_row *row_new(struct use_matrix *m, const char *kind, const char *inst)
{
	struct use_row *r;

	if (m->n == m->cap) {
		int cap = m->cap ? m->cap * 2 : 32;
		struct use_row *v = realloc(m->v, (size_t)cap * sizeof(*v));

		if (!v)
			return NULL;
		m->v = v;
		m->cap = cap;
	}
	r = &m->v[m->n++];
	memset(r, 0, sizeof(*r));
	snprintf(r->kind, sizeof(r->kind), "%s", kind);
	if (inst) {
		snprintf(r->instance, sizeof(r->instance), "%s", inst);
		snprintf(r->resource, sizeof(r->resource), "%s:%s", kind, r->instance);
	} else {
		snprintf(r->resource, sizeof(r->resource), "%s", kind);
	}
	r->u.value = r->s.value = r->e.value = NAN;
	r->u.peak = r->s.peak = r->e.peak = NAN;
	r->rank = NAN;
	return r;
}

static struct use_row *row(struct use_matrix *m, const char *kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* row(m, kind, NULL) for the aggregate, row(m, kind, "%d", id) for an instance. */
static struct use_row *row(struct use_matrix *m, const char *kind, const char *fmt, ...)
{
	char inst[144];
	va_list ap;

	va_start(ap, fmt);
	if (fmt)
		vsnprintf(inst, sizeof(inst), fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): ap is va_start()ed above */
	va_end(ap);
	return row_new(m, kind, fmt ? inst : NULL);
}

static void cell(struct use_cell *c, double v, double peak, const char *unit, const char *source)
{
	c->value = v;
	c->peak = peak;
	c->unit = unit;
	c->source = source;
	c->status = isnan(v) ? USE_UNKNOWN : USE_OK;
}

static void cell_series(struct use_cell *c, const struct series *s, const char *unit, const char *source)
{
	cell(c, series_mean(s), series_max(s), unit, source);
}

/* Sum of two series, element-wise (NAN if either is). */
static struct series *sum2(struct series *out, const struct series *a, const struct series *b)
{
	series_init(out);
	for (int i = 0; i < a->n; i++)
		series_push(out, a->v[i] + b->v[i]);
	return out;
}

static void cpu_rows(const struct obs *o, struct use_matrix *m)
{
	const struct obs_host *h = &o->host;
	struct series rq;
	struct use_row *r;

	if (!(r = row(m, "cpu", NULL)))
		return;
	cell_series(&r->u, &h->cpu_busy, "%", "busy, all CPUs (/proc/stat; mpstat 100-%idle-%iowait-%steal)");
	series_init(&rq);
	for (int i = 0; i < h->runq.n; i++)
		series_push(&rq, h->ncpu > 0 ? h->runq.v[i] / h->ncpu : NAN);
	cell_series(&r->s, &rq, "runnable/CPU", "run queue per CPU (/proc/stat procs_running; vmstat r)");
	r->e.status = USE_NA;
	r->rank = r->u.value;
	for (int i = 0; i < o->ncpus; i++) {
		const struct obs_cpu *c = &o->cpus[i];

		if (!(r = row(m, "cpu", "%d", c->id)))
			return;
		cell_series(&r->u, &c->busy, "%", "busy (/proc/stat cpuN)");
		cell_series(&r->s, &c->softirq, "% soft", "softirq share (/proc/stat cpuN %soft)");
		r->e.status = USE_NA;
		r->rank = r->u.value;
	}
	if (o->have & HAVE_PSI) {
		static const char *src[3] = {
			"PSI some, % of the window (/proc/pressure/cpu)",
			"PSI some, % of the window (/proc/pressure/memory)",
			"PSI some, % of the window (/proc/pressure/io)",
		};
		const struct series *s[3] = { &h->psi_cpu_some, &h->psi_mem_some, &h->psi_io_some };
		const char *name[3] = { "cpu", "memory", "io" };

		for (int i = 0; i < 3; i++) {
			if (!(r = row(m, "psi", "%s", name[i])))
				return;
			r->u.status = USE_NA;
			cell_series(&r->s, s[i], "%", src[i]);
			r->e.status = USE_NA;
			r->rank = r->s.value;
		}
	}
}

static void mem_rows(const struct obs *o, struct use_matrix *m)
{
	const struct obs_host *h = &o->host;
	struct series used, sw;
	struct use_row *r;

	if (!(r = row(m, "memory", NULL)))
		return;
	series_init(&used);
	for (int i = 0; i < h->mem_avail_pct.n; i++)
		series_push(&used, 100 - h->mem_avail_pct.v[i]);
	cell_series(&r->u, &used, "%", "used: 100 - MemAvailable/MemTotal (/proc/meminfo)");
	if (o->have & HAVE_PSI)
		cell_series(&r->s, &h->psi_mem_some, "% stalled", "PSI memory some (/proc/pressure/memory)");
	else
		cell_series(&r->s, sum2(&sw, &h->swap_in, &h->swap_out), "kB/s swap", "swap in+out (/proc/vmstat; vmstat si+so)");
	cell(&r->e, h->oom_kill_window, NAN, "OOM kills", "vmstat oom_kill in the window (/proc/vmstat)");
	r->rank = r->u.value;
	if (!(r = row(m, "swap", NULL)))
		return;
	cell(&r->u, h->swap_total > 0 ? (h->swap_total - h->swap_free) / h->swap_total * 100 :
		    h->swap_total == 0 ? 0 : NAN, NAN, "%", "used of SwapTotal (/proc/meminfo)");
	cell_series(&r->s, sum2(&sw, &h->swap_in, &h->swap_out), "kB/s", "si+so (/proc/vmstat pswpin, pswpout)");
	r->e.status = USE_NA;
	r->rank = r->u.value;
}

static void disk_net_rows(const struct obs *o, struct use_matrix *m)
{
	struct use_row *r;
	struct series s;

	for (int i = 0; i < o->ndisks; i++) {
		const struct obs_disk *d = &o->disks[i];

		if (!(r = row(m, "disk", "%s", d->name)))
			return;
		cell_series(&r->u, &d->util, "%", "%util (/proc/diskstats; iostat -x)");
		cell_series(&r->s, &d->aqu, "queued", "aqu-sz (/proc/diskstats; iostat -x)");
		cell(&r->e, d->errors, NAN, "errors", "I/O error lines in the window (kernel log)");
		r->rank = r->u.value;
	}
	for (int i = 0; i < o->nnets; i++) {
		const struct obs_net *n = &o->nets[i];

		if (!(r = row(m, "net", "%s", n->name)))
			return;
		series_init(&s);
		if (n->speed_mbps > 0) {
			for (int k = 0; k < n->rx_bps.n; k++)
				series_push(&s, fmax(n->rx_bps.v[k], n->tx_bps.v[k]) * 8 / (n->speed_mbps * 1e6) * 100);
			cell_series(&r->u, &s, "% of link", "max(rx,tx) of speed (/proc/net/dev, sys/class/net)");
		} else {
			for (int k = 0; k < n->rx_bps.n; k++)
				series_push(&s, (n->rx_bps.v[k] + n->tx_bps.v[k]) / 1024);
			cell_series(&r->u, &s, "KiB/s", "rx+tx, link speed unknown (/proc/net/dev)");
		}
		cell_series(&r->s, &n->drops, "drops/s", "rx+tx drops (/proc/net/dev)");
		cell_series(&r->e, &n->errs, "errors/s", "rx+tx errors (/proc/net/dev)");
		r->rank = n->speed_mbps > 0 ? r->u.value : NAN;
	}
}

static void tcp_fd_fs_rows(const struct obs *o, struct use_matrix *m)
{
	const struct obs_host *h = &o->host;
	struct use_row *r;
	struct series s;

	if ((o->have & (HAVE_TCP | HAVE_SOCK)) && (r = row(m, "tcp", NULL))) {
		cell(&r->u, h->tcp_estab, NAN, "established", "TCP ESTAB sockets (sock_diag; ss -s)");
		cell_series(&r->s, sum2(&s, &h->listen_overflows, &h->listen_drops), "drops/s",
			    "accept-queue overflows (/proc/net/netstat ListenOverflows+ListenDrops)");
		series_init(&s);
		for (int i = 0; i < h->tcp_out_segs.n; i++)
			series_push(&s, h->tcp_out_segs.v[i] > 0 ? h->tcp_retrans.v[i] / h->tcp_out_segs.v[i] * 100 : NAN);
		cell_series(&r->e, &s, "% retrans", "RetransSegs/OutSegs (/proc/net/snmp; sar -n ETCP)");
	}
	if ((r = row(m, "fd", NULL))) {
		cell(&r->u, h->file_max > 0 ? h->file_nr / h->file_max * 100 : NAN, NAN, "% of file-max",
		     "allocated file handles (/proc/sys/fs/file-nr)");
		r->s.status = r->e.status = USE_NA;
		r->rank = r->u.value;
	}
	for (int i = 0; i < o->nprocs; i++) {
		const struct obs_proc *p = &o->procs[i];

		if (p->tid != p->pid || !(p->fd_soft > 0) || isnan(p->nfds))
			continue;
		if (!(r = row(m, "pid", "%d", p->pid)))
			return;
		cell(&r->u, p->nfds / p->fd_soft * 100, NAN, "% of fd limit",
		     "open fds / RLIMIT_NOFILE (/proc/PID/fd, /proc/PID/limits)");
		cell(&r->s, p->close_wait, NAN, "CLOSE-WAIT", "its TCP sockets in CLOSE-WAIT (sock_diag)");
		r->e.status = USE_NA;
		r->rank = r->u.value;
	}
	for (int i = 0; i < o->nfss; i++) {
		const struct obs_fs *f = &o->fss[i];

		if (!(r = row(m, "fs", "%s", f->mnt)))
			return;
		cell(&r->u, obs_fs_used_pct(f), NAN, "% space", "used (statvfs; df Use%)");
		cell(&r->s, obs_fs_inodes_pct(f), NAN, "% inodes", "inodes used (statvfs; df -i IUse%)");
		r->e.status = USE_NA;
		r->rank = fmax(r->u.value, r->s.value);
	}
}

static void task_cg_kernel_rows(const struct obs *o, struct use_matrix *m)
{
	const struct obs_host *h = &o->host;
	struct use_row *r;

	if ((r = row(m, "tasks", NULL))) {
		cell_series(&r->u, &h->forks, "forks/s", "processes created (/proc/stat processes)");
		cell_series(&r->s, &h->blocked, "in D", "uninterruptible tasks (/proc/stat procs_blocked; vmstat b)");
		cell(&r->e, h->nr_zombie, NAN, "zombies", "processes in state Z (/proc/PID/stat)");
	}
	for (int i = 0; i < o->ncgroups; i++) {
		const struct obs_cgroup *c = &o->cgroups[i];

		if (!(r = row(m, "cgroup", "%s", c->path)))
			return;
		cell(&r->u, c->mem_max > 0 ? c->mem_current / c->mem_max * 100 : NAN, NAN, "% of memory limit",
		     "memory.current / memory.max");
		if (isnan(c->mem_max))
			r->u.status = USE_NA;
		cell_series(&r->s, &c->throttled_pct, "% throttled", "nr_throttled / nr_periods (cpu.stat)");
		if (isnan(c->quota_cpus))
			r->s.status = USE_NA;
		cell(&r->e, c->oom_kill_window, NAN, "OOM kills", "memory.events oom_kill in the window");
		r->rank = fmax(r->u.value, series_mean(&c->throttled_pct));
	}
	if ((o->have & HAVE_KLOG) && (r = row(m, "kernel", NULL))) {
		int n = 0;

		for (int i = 0; i < o->nklog; i++)
			n += o->klog[i].in_window && o->klog[i].kind != KLOG_OTHER;
		r->u.status = r->s.status = USE_NA;
		cell(&r->e, n, NAN, "error lines", "kernel log errors in the window (/dev/kmsg)");
	}
}

/* Mark the cell each finding judged, on its resource row. */
static void mark(struct use_matrix *m, const struct findings *fs)
{
	for (int i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		enum use_status st = f->sev == SEV_CRITICAL ? USE_CRITICAL : f->sev == SEV_WARNING ? USE_WARNING : USE_OK;

		if (st == USE_OK)
			continue;
		for (int k = 0; k < m->n; k++) {
			struct use_row *r = &m->v[k];
			struct use_cell *c;

			if (strcmp(r->resource, f->resource) != 0)
				continue;
			switch (rule_defs[f->rule].use) {
			case 'U': c = &r->u; break;
			case 'S': c = &r->s; break;
			default: c = &r->e; break;
			}
			if (c->status < st)
				c->status = st;
		}
	}
	for (int k = 0; k < m->n; k++) {
		struct use_row *r = &m->v[k];
		enum use_status w = USE_NA;

		if (r->u.status > w) w = r->u.status;
		if (r->s.status > w) w = r->s.status;
		if (r->e.status > w) w = r->e.status;
		r->status = w;
	}
}

int use_build(const struct obs *o, const struct findings *fs, struct use_matrix *m)
{
	if (o->have & (HAVE_CPU | HAVE_SCHED))
		cpu_rows(o, m);
	if (o->have & HAVE_MEM)
		mem_rows(o, m);
	disk_net_rows(o, m);
	tcp_fd_fs_rows(o, m);
	task_cg_kernel_rows(o, m);
	mark(m, fs);
	return 0;
}

void use_free(struct use_matrix *m)
{
	free(m->v);
	m->v = NULL;
	m->n = m->cap = 0;
}
