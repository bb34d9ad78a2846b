#include "model/pid.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/delta.h"

/* Counters of a task, or zeros when it is new in the interval. */
static const struct proc_pid_rec zero_rec = { .fd_stat = -1, .fd_sched = -1, .fd_statm = -1 };

/* sysstat's interval: the /proc/uptime difference in centiseconds (itv),
 * and SP_VALUE's denominator itv * HZ / 100 in ticks, both integers there. */
static void intervals(const struct pid_params *p, double *itv_cs, double *itv_ticks)
{
	long long cs = llround(p->dt_s * 100.0);
	long long ticks = cs * p->hz / 100;	/* integer, as sysstat */

	*itv_cs = (double)cs;
	*itv_ticks = (double)ticks;
}

/* pidstat's SP_VALUE: percentage of ticks over the interval's ticks. */
static double sp_value(double delta, double itv_ticks)
{
	return itv_ticks > 0 ? delta / itv_ticks * 100.0 : NAN;
}

/* pidstat's S_VALUE: per second, with the interval in centiseconds. */
static double s_value(double delta, double itv_cs)
{
	return itv_cs > 0 ? delta / itv_cs * 100.0 : NAN;
}

/* pidstat 12.6 read_proc_pid_sched(): run-queue wait ns -> whole ticks. */
static uint64_t wait_ticks(const struct proc_pid_rec *r, long hz)
{
	return r->sched.wait_ns * (uint64_t)hz / 1000000000ull;
}

static void model_cpu(const struct proc_pid_rec *pr, const struct proc_pid_rec *c,
		      double itv_ticks, long hz, int p_ncpus, struct pid_row *out)
{
	const struct proc_pid_stat *ps = &pr->stat, *cs = &c->stat;
	uint64_t pu = ps->utime - ps->guest_time, cu = cs->utime - cs->guest_time;

	/* sysstat: "User time already includes guest time"; when utime - guest
	 * goes backwards (the two are sampled apart in the kernel) it prints 0. */
	out->cpu.usr = cu < pu ? 0.0 : sp_value((double)(cu - pu), itv_ticks);
	out->cpu.system = sp_value(delta_u64(ps->stime, cs->stime), itv_ticks);
	out->cpu.guest = sp_value(delta_u64(ps->guest_time, cs->guest_time), itv_ticks);
	if ((c->have & PROC_PID_SCHEDSTAT) && (pr == &zero_rec || (pr->have & PROC_PID_SCHEDSTAT)))
		out->cpu.wait = sp_value(delta_u64(wait_ticks(pr, hz), wait_ticks(c, hz)), itv_ticks);
	else
		out->cpu.wait = NAN;
	out->cpu.cpu = sp_value(delta_u64(ps->utime + ps->stime, cs->utime + cs->stime), itv_ticks);
	out->cpu.cpu_smp = p_ncpus > 0 ? out->cpu.cpu / p_ncpus : out->cpu.cpu;
	out->cpu.processor = cs->processor;
	out->active_cpu = cs->utime != ps->utime || cs->stime != ps->stime;
}

static void model_mem(const struct proc_pid_rec *pr, const struct proc_pid_rec *c,
		      const struct pid_params *p, double itv_cs, struct pid_row *out)
{
	const struct proc_pid_stat *ps = &pr->stat, *cs = &c->stat;
	uint64_t rss = cs->rss > 0 ? (uint64_t)cs->rss : 0;

	out->mem.minflt_s = s_value(delta_u64(ps->minflt, cs->minflt), itv_cs);
	out->mem.majflt_s = s_value(delta_u64(ps->majflt, cs->majflt), itv_cs);
	out->mem.vsz_kb = cs->vsize >> 10;
	out->mem.rss_kb = rss * (uint64_t)p->page_kb;
	out->mem.mem_pct = p->mem_total_kb ?
		pct((double)out->mem.rss_kb, (double)p->mem_total_kb) : NAN;
	out->active_mem = cs->minflt != ps->minflt || cs->majflt != ps->majflt ||
			  cs->vsize != ps->vsize || cs->rss != ps->rss;
}

static void model_io(const struct proc_pid_rec *pr, const struct proc_pid_rec *c,
		     double itv_cs, struct pid_row *out)
{
	const struct proc_pid_io *pi = pr->io, *ci = c->io;
	static const struct proc_pid_io zero_io;

	out->io.iodelay = delta_u64(pr->stat.delayacct_blkio_ticks, c->stat.delayacct_blkio_ticks);
	out->active_io = c->stat.delayacct_blkio_ticks != pr->stat.delayacct_blkio_ticks;
	if (pr == &zero_rec)
		pi = &zero_io;
	if (!ci || !pi) {
		out->io.rd_kbs = out->io.wr_kbs = out->io.ccwr_kbs = NAN;
		return;
	}
	out->io.rd_kbs = s_value(delta_u64(pi->read_bytes, ci->read_bytes), itv_cs) / 1024;
	out->io.wr_kbs = s_value(delta_u64(pi->write_bytes, ci->write_bytes), itv_cs) / 1024;
	out->io.ccwr_kbs = s_value(delta_u64(pi->cancelled_write_bytes, ci->cancelled_write_bytes),
				   itv_cs) / 1024;
	out->active_io |= ci->read_bytes != pi->read_bytes || ci->write_bytes != pi->write_bytes ||
			  ci->cancelled_write_bytes != pi->cancelled_write_bytes;
}

/* pidstat -w: per-second switches; the previous sample's status must be
 * there too unless the task is new (counted from zero). Active when either
 * counter moved (sysstat get_pid_to_display). */
static void model_ctxsw(const struct proc_pid_rec *pr, const struct proc_pid_rec *c,
			double itv_cs, struct pid_row *out)
{
	static const struct proc_pid_status zero_st = { .have = PROC_STATUS_HAVE_CTXT };
	const struct proc_pid_status *ps = pr == &zero_rec ? &zero_st : pr->status;
	const struct proc_pid_status *cs = c->status;

	if (!cs || !ps || !(cs->have & PROC_STATUS_HAVE_CTXT) || !(ps->have & PROC_STATUS_HAVE_CTXT)) {
		out->ctxsw.cswch_s = out->ctxsw.nvcswch_s = NAN;
		return;
	}
	out->ctxsw.cswch_s = s_value(delta_u64(ps->voluntary_ctxt_switches,
					       cs->voluntary_ctxt_switches), itv_cs);
	out->ctxsw.nvcswch_s = s_value(delta_u64(ps->nonvoluntary_ctxt_switches,
						 cs->nonvoluntary_ctxt_switches), itv_cs);
	out->active_ctxsw = cs->voluntary_ctxt_switches != ps->voluntary_ctxt_switches ||
			    cs->nonvoluntary_ctxt_switches != ps->nonvoluntary_ctxt_switches;
}

/* pidstat -v and -s: gauges. Active when one changed; an unreadable fd
 * directory makes the -v test false (sysstat's NO_PID_FD), an unreadable
 * smaps drops the task in sysstat: here its -s figures are unknown and it
 * is not active. */
static void model_gauges(const struct proc_pid_rec *pr, const struct proc_pid_rec *c,
			 struct pid_row *out)
{
	bool pfd = pr == &zero_rec || (pr->have & PROC_PID_FDNR);
	bool pst = pr == &zero_rec || (pr->have & PROC_PID_STACK);

	out->ktab.threads = (double)c->stat.num_threads;
	out->ktab.fd_nr = (c->have & PROC_PID_FDNR) ? (double)c->fd_nr : NAN;
	if ((c->have & PROC_PID_FDNR) && pfd)
		out->active_ktab = c->stat.num_threads != pr->stat.num_threads ||
				   c->fd_nr != pr->fd_nr;
	if (c->have & PROC_PID_STACK) {
		out->stack.size_kb = (double)c->stack.size_kb;
		out->stack.ref_kb = (double)c->stack.ref_kb;
		out->active_stack = pst && (c->stack.size_kb != pr->stack.size_kb ||
					    c->stack.ref_kb != pr->stack.ref_kb);
	} else {
		out->stack.size_kb = out->stack.ref_kb = NAN;
	}
}

/* a - b of two sums of ticks as ms (0 when negative), over n intervals;
 * hz 1000 gives the plain difference (fault counts). */
static double child_ms(int64_t a, int64_t b, long hz, double n)
{
	if (a <= b || hz <= 0)
		return 0.0;
	return (double)(a - b) * 1000.0 / (double)hz / (n > 1 ? n : 1);
}

/* pidstat -R and -T CHILD. */
static void model_rt_child(const struct proc_pid_rec *pr, const struct proc_pid_rec *c,
			   const struct pid_params *p, struct pid_row *out)
{
	const struct proc_pid_stat *ps = &pr->stat, *cs = &c->stat;
	int64_t pu = (int64_t)ps->utime + ps->cutime - (int64_t)ps->guest_time - ps->cguest_time;
	int64_t cu = (int64_t)cs->utime + cs->cutime - (int64_t)cs->guest_time - cs->cguest_time;
	int64_t psys = (int64_t)ps->stime + ps->cstime, csys = (int64_t)cs->stime + cs->cstime;
	int64_t pg = (int64_t)ps->guest_time + ps->cguest_time;
	int64_t cg = (int64_t)cs->guest_time + cs->cguest_time;

	out->rt.prio = cs->rt_priority;
	out->rt.policy = cs->policy;
	out->active_rt = cs->rt_priority > 0;
	out->child.usr_ms = child_ms(cu, pu, p->hz, p->nintervals);
	out->child.system_ms = child_ms(csys, psys, p->hz, p->nintervals);
	out->child.guest_ms = child_ms(cg, pg, p->hz, p->nintervals);
	out->active_child = cu != pu || csys != psys;
	out->child.minflt_nr = child_ms((int64_t)(cs->minflt + cs->cminflt),
					(int64_t)(ps->minflt + ps->cminflt), 1000, p->nintervals);
	out->child.majflt_nr = child_ms((int64_t)(cs->majflt + cs->cmajflt),
					(int64_t)(ps->majflt + ps->cmajflt), 1000, p->nintervals);
	out->active_child_mem = out->child.minflt_nr > 0 || out->child.majflt_nr > 0;
}

/* procps-ng 4.0 top.c: %CPU = tics * Frame_etscale with Frame_etscale =
 * 100 / (Hertz * et) in Irix mode (the default); "process can't use more
 * %cpu than number of threads it has", nor more than all CPUs (Cpu_pmax).
 * %MEM = RES / MemTotal * 100 (RES from statm resident). */
static void model_top(const struct proc_pid_rec *pr, const struct proc_pid_rec *c,
		      const struct pid_params *p, struct pid_row *out)
{
	double tics = delta_u64(pr->stat.utime + pr->stat.stime, c->stat.utime + c->stat.stime);
	double u = p->dt_s > 0 && p->hz > 0 ? tics * 100.0 / ((double)p->hz * p->dt_s) : NAN;
	uint64_t res = c->statm ? c->statm->resident :
		       (c->stat.rss > 0 ? (uint64_t)c->stat.rss : 0);

	if (c->stat.num_threads > 0 && u > 100.0 * (double)c->stat.num_threads)
		u = 100.0 * (double)c->stat.num_threads;
	if (p->ncpus > 0 && u > 100.0 * p->ncpus)
		u = 100.0 * p->ncpus;
	out->top_cpu = u;
	out->top_mem = p->mem_total_kb ?
		pct((double)(res * (uint64_t)p->page_kb), (double)p->mem_total_kb) : NAN;
	out->time_cs = (c->stat.utime + c->stat.stime) * 100 / (uint64_t)(p->hz > 0 ? p->hz : 100);
}

void pid_model_row(const struct proc_pid_rec *prev, const struct proc_pid_rec *cur,
		   const struct pid_params *p, struct pid_row *out)
{
	double itv_cs, itv_ticks;

	memset(out, 0, sizeof(*out));
	out->cur = cur;
	out->prev = prev;
	if (!prev)
		prev = &zero_rec;
	intervals(p, &itv_cs, &itv_ticks);
	model_cpu(prev, cur, itv_ticks, p->hz, p->ncpus, out);
	model_rt_child(prev, cur, p, out);
	model_mem(prev, cur, p, itv_cs, out);
	model_io(prev, cur, itv_cs, out);
	model_ctxsw(prev, cur, itv_cs, out);
	model_gauges(prev, cur, out);
	model_top(prev, cur, p, out);
}

static int key_cmp(const struct proc_pid_rec *a, const struct proc_pid_rec *b)
{
	if (a->pid != b->pid)
		return a->pid < b->pid ? -1 : 1;
	return a->tid < b->tid ? -1 : a->tid > b->tid;
}

int pid_model(const struct proc_pid_sample *prev, const struct proc_pid_sample *cur,
	      const struct pid_params *p, struct pid_row **rows, size_t *n)
{
	struct pid_row *v;
	size_t j = 0;

	*rows = NULL;
	*n = 0;
	v = calloc(cur->n ? cur->n : 1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < cur->n; i++) {
		const struct proc_pid_rec *c = &cur->recs[i], *pr = NULL;

		/* Merge join: both sorted by (pid, tid). */
		while (prev && j < prev->n && key_cmp(&prev->recs[j], c) < 0)
			j++;
		if (prev && j < prev->n && key_cmp(&prev->recs[j], c) == 0 &&
		    prev->recs[j].stat.starttime == c->stat.starttime)
			pr = &prev->recs[j];
		pid_model_row(pr, c, p, &v[i]);
	}
	*rows = v;
	*n = cur->n;
	return 0;
}

void pid_count_states(const struct proc_pid_sample *s, struct pid_counts *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < s->n; i++) {
		if (s->recs[i].tid != 0)
			continue;
		out->total++;
		switch (s->recs[i].stat.state) {
		case 'R': out->running++; break;
		case 'T': case 't': out->stopped++; break;
		case 'Z': out->zombie++; break;
		default: out->sleeping++; break;
		}
	}
}

/* Delta of one counter; backwards counts 0 (procps TRIMz). */
static double trimz(uint64_t prev, uint64_t cur)
{
	return cur >= prev ? (double)(cur - prev) : 0.0;
}

void pid_top_cpu(const struct proc_stat_cpu *prev, const struct proc_stat_cpu *cur,
		 struct pid_top_cpu *out)
{
	static const struct proc_stat_cpu zero;
	double u, n, s, i, w, x, y, z, tot;

	if (!prev)
		prev = &zero;
	u = trimz(prev->user, cur->user);
	n = trimz(prev->nice, cur->nice);
	s = trimz(prev->system, cur->system);
	i = trimz(prev->idle, cur->idle);
	w = trimz(prev->iowait, cur->iowait);
	x = trimz(prev->irq, cur->irq);
	y = trimz(prev->softirq, cur->softirq);
	z = trimz(prev->steal, cur->steal);
	tot = u + n + s + i + w + x + y + z;
	if (tot < 1)
		i = tot = 1;
	out->us = u * 100.0 / tot;
	out->sy = s * 100.0 / tot;
	out->ni = n * 100.0 / tot;
	out->id = i * 100.0 / tot;
	out->wa = w * 100.0 / tot;
	out->hi = x * 100.0 / tot;
	out->si = y * 100.0 / tot;
	out->st = z * 100.0 / tot;
}

void pid_top_mem(const struct mem_free *m, struct pid_top_mem *out)
{
	out->total = (double)m->total / 1024.0;
	out->free = (double)m->free / 1024.0;
	out->used = (double)m->used / 1024.0;
	out->buff_cache = (double)m->buff_cache / 1024.0;
	out->swap_total = (double)m->swap_total / 1024.0;
	out->swap_free = (double)m->swap_free / 1024.0;
	out->swap_used = (double)m->swap_used / 1024.0;
	out->avail = (double)m->available / 1024.0;
}
