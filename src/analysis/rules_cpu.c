/* cpu.saturated, cpu.single_thread, cpu.iowait, cpu.steal, cpu.softirq. */
#include <math.h>
#include <stdio.h>

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "analysis/rules.h"

/* The busiest entry of the process list: threads (tid != pid, or a process
 * with one thread) or processes (tid == pid). */
static const struct obs_proc *top_cpu(const struct obs *o, bool threads)
{
	const struct obs_proc *best = NULL;

	for (int i = 0; i < o->nprocs; i++) {
		const struct obs_proc *p = &o->procs[i];

		bool thread = p->tid != p->pid || p->nthreads == 1;

		if (isnan(p->cpu_pct) || (threads ? !thread : p->tid != p->pid))
			continue;
		if (!best || p->cpu_pct > best->cpu_pct)
			best = p;
	}
	return best;
}

/* Processes that ended in a recorded window count when they used this much. */
#define EXITED_MIN_PCT 10

static void name_top(struct finding *f, const struct obs *o, bool threads)
{
	const struct obs_proc *p = top_cpu(o, threads);
	/* short-lived processes that together outweigh the busiest: their parent is named */
	bool group = !threads && o->exited.known && o->exited.group_cpu_pct >= EXITED_MIN_PCT &&
		     (!p || o->exited.group_cpu_pct > p->cpu_pct);

	if (!threads)
		rules_exited(o, f, EXITED_MIN_PCT, group);
	if (!p)
		return;
	if (threads && p->tid != p->pid)
		finding_evidence(f, "busiest thread: %s (pid %d, tid %d) at %.0f%% of one CPU "
				 "(/proc/PID/task/TID/stat)", p->comm, p->pid, p->tid, p->cpu_pct);
	else if (threads)
		finding_evidence(f, "busiest thread: %s (pid %d, single-threaded) at %.0f%% of one CPU "
				 "(/proc/PID/stat)", p->comm, p->pid, p->cpu_pct);
	else if (p->state == 'X')
		finding_evidence(f, "busiest process: %s (pid %d, ended in the window) at %.0f%% of one CPU "
				 "(recorded exit)", p->comm, p->pid, p->cpu_pct);
	else
		finding_evidence(f, "busiest process: %s (pid %d) at %.0f%% of one CPU (/proc/PID/stat)",
				 p->comm, p->pid, p->cpu_pct);
	if (!f->pid) {
		finding_name_proc(f, p->pid, p->comm);
		finding_next_first(f, "triage pid %d", p->pid);
	}
}

static void saturated(const struct obs *o, struct findings *out)
{
	const struct obs_host *h = &o->host;
	char w[64];
	int k = 0, k2 = 0, lv = -1, lv2;
	double psi = series_mean(&h->psi_cpu_some), runq = series_mean(&h->runq);
	struct finding *f;

	if ((o->have & HAVE_SCHED) && h->ncpu > 0)
		lv = rule_level_series(o, RULE_CPU_SATURATED, &h->runq, h->ncpu, false, &k);
	bool by_runq = lv >= 0;
	/* PSI cpu "some" also counts tasks held back by a CPU limit: a cgroup
	 * throttled by its quota (kernel/sched/psi.c sees them runnable, not
	 * running) or confined to a busy cpuset. With the CPUs at least half
	 * idle the host is not short of CPU: cgroup.cpu_throttled names the
	 * limit instead. */
	double idle = series_mean(&h->cpu_idle);
	lv2 = !isnan(idle) && idle >= 50 ? -1 : rule_level(RULE_CPU_SATURATED, psi, true);
	if (lv2 > lv)
		lv = lv2;
	if (lv < 0)
		return;
	double impact = fmax(runq / h->ncpu / rule_defs[RULE_CPU_SATURATED].warn,
			     psi / rule_defs[RULE_CPU_SATURATED].warn2);
	f = findings_add(out, RULE_CPU_SATURATED, lv, isnan(impact) ? 1 : impact, "cpu");
	if (!f)
		return;
	if (by_runq)
		finding_summary(f, "More runnable tasks than CPUs for most of the window: tasks wait for a CPU");
	else
		finding_summary(f, "Tasks stalled waiting for a CPU %.0f%% of the window (PSI)", psi);
	if ((o->have & HAVE_SCHED) && h->ncpu > 0) {
		k2 = series_count_ge(&h->runq, h->ncpu + 0.5);
		finding_evidence(f, "vmstat r=%.0f peak, %.1f mean on %d CPUs; above %d in %s (/proc/stat procs_running)",
				 series_max(&h->runq), runq, h->ncpu, h->ncpu, rule_window_str(o, k2, w, sizeof(w)));
	}
	if (!isnan(psi))
		finding_evidence(f, "PSI cpu some %.1f%% of the window (/proc/pressure/cpu)", psi);
	if (!isnan(h->load1))
		finding_evidence(f, "load average 1 min %.2f (/proc/loadavg)", h->load1);
	name_top(f, o, false);
}

/* One CPU busy while the others have room: a thread that cannot use more. */
static void single_thread(const struct obs *o, struct findings *out)
{
	const struct rule_def *d = &rule_defs[RULE_CPU_SINGLE_THREAD];
	const struct obs_cpu *hot = NULL;
	const struct obs_proc *t;
	double room = NAN;
	char w[64];
	int khot = 0;

	if (!(o->have & HAVE_CPU) || o->ncpus < 2)
		return;
	for (int i = 0; i < o->ncpus; i++) {
		int k = 0;

		if (rule_level_series(o, RULE_CPU_SINGLE_THREAD, &o->cpus[i].busy, 1, false, &k) < 0)
			continue;
		if (!hot || series_mean(&o->cpus[i].busy) > series_mean(&hot->busy)) {
			hot = &o->cpus[i];
			khot = k;
		}
	}
	/* The others' room: their mean idle (100 - busy). */
	double sum = 0;
	int n = 0;
	for (int i = 0; i < o->ncpus; i++) {
		double b = series_mean(&o->cpus[i].busy);

		if (&o->cpus[i] == hot || isnan(b))
			continue;
		sum += 100 - b;
		n++;
	}
	t = top_cpu(o, true);
	if (hot) {
		room = n ? sum / n : NAN;
	} else if (t && t->cpu_pct > d->warn) {
		/* A hot thread the scheduler moves around: no single CPU stays busy. */
		double busy = series_mean(&o->host.cpu_busy);
		room = 100 - busy;	/* % of all CPUs idle, at least this much elsewhere */
		room = room * o->ncpus / (o->ncpus - 1);
	} else {
		return;
	}
	if (rule_level(RULE_CPU_SINGLE_THREAD, room, true) < 0)
		return;
	bool hot_thread = t && t->cpu_pct > d->warn;
	struct finding *f;
	if (hot)
		f = findings_add(out, RULE_CPU_SINGLE_THREAD, SEV_WARNING, series_mean(&hot->busy) / d->warn,
				 "cpu:%d", hot->id);
	else
		f = findings_add(out, RULE_CPU_SINGLE_THREAD, SEV_WARNING,
				 (hot_thread ? t->cpu_pct : d->warn) / d->warn, "cpu");
	if (!f)
		return;
	if (hot) {
		finding_summary(f, "CPU %d is busy while the other CPUs are %.0f%% idle: one thread is the limit",
				hot->id, room);
		finding_evidence(f, "cpu%d busy %.0f%% mean, %.0f%% peak; above %g%% in %s (/proc/stat cpu%d)",
				 hot->id, series_mean(&hot->busy), series_max(&hot->busy), d->warn,
				 rule_window_str(o, khot, w, sizeof(w)), hot->id);
	} else {
		finding_summary(f, "One thread uses a whole CPU while the others are %.0f%% idle", room);
	}
	finding_evidence(f, "the other %d CPU(s) %.0f%% idle on average (/proc/stat)", o->ncpus - 1, room);
	if (hot_thread) {
		name_top(f, o, true);
		finding_next_first(f, "triage pidstat -t -p %d 1 5", t->pid);
	}
}

/* A host-wide CPU percentage against its rule, sustained. */
static struct finding *host_pct(const struct obs *o, struct findings *out, enum rule_id r,
				 const struct series *s, const char *what, const char *summary)
{
	char w[64];
	int k = 0, lv;
	struct finding *f;

	if (!(o->have & HAVE_CPU))
		return NULL;
	lv = rule_level_series(o, r, s, 1, false, &k);
	if (lv < 0)
		return NULL;
	f = findings_add(out, r, lv, series_mean(s) / rule_defs[r].warn, "cpu");
	if (!f)
		return NULL;
	finding_summary(f, "%s", summary);
	finding_evidence(f, "%s %.1f%% mean, %.1f%% peak of all %d CPUs; above %g%% in %s (/proc/stat)",
			 what, series_mean(s), series_max(s), o->host.ncpu, rule_defs[r].warn,
			 rule_window_str(o, k, w, sizeof(w)));
	return f;
}

/* cpu.iowait: the busiest disk by await x IOPS (the time requests spent in
 * it per second), and the processes with the most block-I/O delay. */
static void iowait_who(const struct obs *o, struct finding *f)
{
	const struct obs_disk *best = NULL;
	double bv = 0;

	for (int i = 0; i < o->ndisks; i++) {
		double v = series_mean(&o->disks[i].await) * series_mean(&o->disks[i].iops);

		if (v > bv) {
			bv = v;
			best = &o->disks[i];
		}
	}
	if (best) {
		finding_evidence(f, "busiest disk %s: %.0f I/O/s at %.1f ms await (iostat -x; the most request time "
				 "per second)", best->name, series_mean(&best->iops), series_mean(&best->await));
		finding_summary(f, "CPUs sit idle waiting for I/O a large part of the time, most of it on %s", best->name);
		finding_next_first(f, "triage iostat -xz 1 5");
	}
	rules_threads_blkio(o, f);
}

static void softirq(const struct obs *o, struct findings *out)
{
	const struct obs_cpu *worst = NULL;
	int lv = -1, kw = 0;
	char w[64];

	if (!(o->have & HAVE_CPU))
		return;
	for (int i = 0; i < o->ncpus; i++) {
		int k = 0, l = rule_level_series(o, RULE_CPU_SOFTIRQ, &o->cpus[i].softirq, 1, false, &k);

		if (l > lv || (l == lv && l >= 0 && series_mean(&o->cpus[i].softirq) > series_mean(&worst->softirq))) {
			lv = l;
			worst = &o->cpus[i];
			kw = k;
		}
	}
	if (lv < 0)
		return;
	struct finding *f = findings_add(out, RULE_CPU_SOFTIRQ, lv,
					 series_mean(&worst->softirq) / rule_defs[RULE_CPU_SOFTIRQ].warn,
					 "cpu:%d", worst->id);
	if (!f)
		return;
	finding_summary(f, "CPU %d spends %.0f%% of its time in softirq (network or block completions)",
			worst->id, series_mean(&worst->softirq));
	finding_evidence(f, "cpu%d %%soft %.1f%% mean, %.1f%% peak; above %g%% in %s (/proc/stat cpu%d)",
			 worst->id, series_mean(&worst->softirq), series_max(&worst->softirq),
			 rule_defs[RULE_CPU_SOFTIRQ].warn, rule_window_str(o, kw, w, sizeof(w)), worst->id);
}

void rules_cpu(const struct obs *o, struct findings *out)
{
	saturated(o, out);
	single_thread(o, out);
	struct finding *f = host_pct(o, out, RULE_CPU_IOWAIT, &o->host.cpu_iowait, "%iowait",
				     "CPUs sit idle waiting for I/O a large part of the time");

	if (f)
		iowait_who(o, f);
	host_pct(o, out, RULE_CPU_STEAL, &o->host.cpu_steal, "%steal",
		 "The hypervisor takes CPU time away from this machine (steal)");
	softirq(o, out);
}
