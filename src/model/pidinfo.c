#include "model/pidinfo.h"

#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "model/delta.h"

/* Hint thresholds: one table, also in the README. */
#define TCP_CLOSE_WAIT_STATE 8		/* include/net/tcp_states.h */
#define TCP_LISTEN_STATE 10

int pidinfo_own_sockets(const struct sd_table *all, const struct fd_scan *fds, struct sd_table *out)
{
	for (size_t i = 0; i < all->n; i++) {
		const struct sd_sock *s = &all->s[i];

		if (!s->inode || !fd_scan_sock_owner(fds, s->inode))
			continue;
		if (out->n == out->cap) {
			size_t cap = out->cap ? out->cap * 2 : 16;
			void *p = realloc(out->s, cap * sizeof(*out->s));

			if (!p)
				return -ENOMEM;
			out->s = p;
			out->cap = cap;
		}
		out->s[out->n] = *s;
		out->s[out->n].info = 0;	/* tcp_info stays with the full table */
		out->n++;
	}
	return 0;
}

static double ctx_rate(const struct proc_pid_rec *a, const struct proc_pid_rec *b, int invol, double dt)
{
	uint64_t x, y;

	if (!a || !a->status || !b->status || !(a->status->have & PROC_STATUS_HAVE_CTXT) ||
	    !(b->status->have & PROC_STATUS_HAVE_CTXT))
		return NAN;
	x = invol ? a->status->nonvoluntary_ctxt_switches : a->status->voluntary_ctxt_switches;
	y = invol ? b->status->nonvoluntary_ctxt_switches : b->status->voluntary_ctxt_switches;
	return rate(delta_u64(x, y), dt);
}

/* Same task in the previous sample, unless its PID was reused. */
static const struct proc_pid_rec *prev_of(const struct pid_snap *a, const struct proc_pid_rec *c)
{
	const struct proc_pid_rec *p;

	if (!a)
		return NULL;
	p = proc_pid_sample_find(&a->scan, c->pid, c->tid);
	return p && p->stat.starttime == c->stat.starttime ? p : NULL;
}

static int cmp_thr(const void *x, const void *y)
{
	const struct pidinfo_thread *a = x, *b = y;
	double ca = isnan(a->row.cpu.cpu) ? -1 : a->row.cpu.cpu;
	double cb = isnan(b->row.cpu.cpu) ? -1 : b->row.cpu.cpu;

	if (ca != cb)
		return ca < cb ? 1 : -1;
	return a->rec->tid - b->rec->tid;
}

/* The busiest threads: every thread is modelled, the top PIDINFO_THREADS kept. */
static void threads(const struct pid_snap *a, const struct pid_snap *b, int pid,
		    const struct pid_params *p, struct pidinfo *o)
{
	struct pidinfo_thread t;

	for (size_t i = 0; i < b->scan.n; i++) {
		const struct proc_pid_rec *c = &b->scan.recs[i];
		const struct proc_pid_rec *pr;

		if (c->pid != pid || c->tid == 0)
			continue;
		o->nthreads++;
		pr = prev_of(a, c);
		t.rec = c;
		if (a && !pr) {
			/* born during the interval: pidstat counts from zero */
			pid_model_row(NULL, c, p, &t.row);
		} else {
			pid_model_row(pr, c, p, &t.row);
		}
		if (!a)	/* since-boot averages are not "now" */
			t.row.cpu.cpu = t.row.cpu.usr = t.row.cpu.system = NAN;
		t.vol_s = ctx_rate(pr, c, 0, p->dt_s);
		t.invol_s = ctx_rate(pr, c, 1, p->dt_s);
		if (o->nthr < PIDINFO_THREADS) {
			o->thr[o->nthr++] = t;
			qsort(o->thr, (size_t)o->nthr, sizeof(t), cmp_thr);
		} else if (cmp_thr(&t, &o->thr[PIDINFO_THREADS - 1]) < 0) {
			o->thr[PIDINFO_THREADS - 1] = t;
			qsort(o->thr, (size_t)o->nthr, sizeof(t), cmp_thr);
		}
	}
}

/* The levels of the last sample the rules judge. */
static void levels(const struct pid_snap *b, struct pidinfo *o)
{
	o->swap_kb = b->smaps_err ? NAN : (double)b->smaps.swap;
	o->cg_known = !b->cg_err;
	o->cg_oom_kills = o->cg_mem_current = o->cg_mem_max = NAN;
	if (b->cg_err)
		return;
	o->cg_oom_kills = (double)(b->cg->mem.has_events ? b->cg->mem.ev_oom_kill : b->cg->mem.oom_kill);
	o->cg_mem_current = (double)b->cg->mem.current;
	o->cg_mem_max = (double)b->cg->mem.max_eff;
}

static int sockets(const struct pid_snap *b, struct pidinfo *o, struct sd_table *own)
{
	int err;

	memset(&o->sc, 0, sizeof(o->sc));
	if (b->sock_err || b->fd_err)
		return 0;
	err = pidinfo_own_sockets(&b->socks, &b->fds, own);
	if (err)
		return err;
	sock_model_count(own, &o->sc);
	o->nsocks = own->n;
	return 0;
}

int pidinfo_model(const struct pid_snap *a, const struct pid_snap *b, int pid,
		  const struct pid_params *p, struct pidinfo *out)
{
	const struct proc_pid_rec *pr;
	struct pid_params q = *p;

	memset(out, 0, sizeof(*out));
	out->rec = proc_pid_sample_find(&b->scan, pid, 0);
	if (!out->rec)
		return -ESRCH;
	out->dt_s = a && p->dt_s > 0 ? p->dt_s : NAN;
	if (isnan(out->dt_s)) {
		/* one sample: model/pid counts from zero over the uptime; those
		 * since-boot averages are not "now", so they are dropped below */
		a = NULL;
		q.dt_s = !b->up_err && b->up.up_s > 0 ? b->up.up_s : 1.0;
	}
	p = &q;
	pr = prev_of(a, out->rec);
	pid_model_row(pr, out->rec, p, &out->row);
	if (!a) {
		out->row.cpu.cpu = out->row.cpu.usr = out->row.cpu.system = NAN;
		out->row.mem.minflt_s = out->row.mem.majflt_s = NAN;
		out->row.io.rd_kbs = out->row.io.wr_kbs = NAN;
	}
	out->vol_s = ctx_rate(pr, out->rec, 0, p->dt_s);
	out->invol_s = ctx_rate(pr, out->rec, 1, p->dt_s);
	out->age_s = !b->up_err && p->hz > 0 ? b->up.up_s - (double)out->rec->stat.starttime / (double)p->hz : NAN;
	threads(a, b, pid, p, out);
	out->fd_delta = NAN;
	if (!b->fd_err) {
		const struct fd_proc *fp = fd_scan_proc(&b->fds, pid);
		const struct fd_proc *fa = a && !a->fd_err ? fd_scan_proc(&a->fds, pid) : NULL;

		if (fp)
			fds_model_row(&out->fd, fp, b->lim_err ? NULL : &b->lim);
		if (fp && fa && pr)
			out->fd_delta = (double)fp->nfds - (double)fa->nfds;
	}
	if (!b->cg_err)
		cgroup_model(a && !a->cg_err ? a->cg : NULL, b->cg, a ? p->dt_s : NAN, &out->cgr);
	out->ns_known = !b->ns_err && !b->ns1_err;
	for (int i = 0; out->ns_known && i < NS__COUNT; i++) {
		out->ns_differs[i] = !b->ns.err[i] && !b->ns1.err[i] && b->ns.ino[i] != b->ns1.ino[i];
		out->ns_diff += out->ns_differs[i];
	}
	if (!out->ns_known && out->rec->status && out->rec->status->nspid > 0) {
		/* "NSpid: 4242 1": the last value is the PID in its own namespace */
		out->ns_by_nspid = true;
		out->ns_differs[NS_PID] = out->rec->status->nspid != pid;
		out->ns_diff = out->ns_differs[NS_PID];
	}
	levels(b, out);
	return 0;
}

/* Listeners are picked from the process's own sockets. */
int pidinfo_model_sockets(const struct pid_snap *b, struct pidinfo *o, struct sd_table *own)
{
	int err = sockets(b, o, own);

	if (err)
		return err;
	for (size_t i = 0; i < own->n && o->nlisten < PIDINFO_LISTEN; i++) {
		if (own->s[i].proto != IPPROTO_TCP || own->s[i].state != TCP_LISTEN_STATE)
			continue;
		o->listen[o->nlisten].s = &own->s[i];
		o->listen[o->nlisten].fill_pct = sock_model_accept_fill(&own->s[i]);
		o->nlisten++;
	}
	for (int f = 0; f < 2; f++)
		o->close_wait += o->sc.by_state[0][f][TCP_CLOSE_WAIT_STATE];
	return 0;
}
