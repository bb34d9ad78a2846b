/* task.d_state, task.zombies, task.fork_storm, cgroup.cpu_throttled,
 * cgroup.memory_near_limit, cgroup.oom_kill, kernel.errors. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/finding.h"
#include "analysis/klog.h"
#include "analysis/obs.h"
#include "analysis/rules.h"

#define MiB (1024.0 * 1024)

static void d_state(const struct obs *o, struct findings *out)
{
	const struct obs_host *h = &o->host;
	double busy = series_mean(&h->cpu_busy);
	char w[64];
	int k = 0, lv, named = 0;

	if (!(o->have & HAVE_SCHED))
		return;
	lv = rule_level_series(o, RULE_TASK_D_STATE, &h->blocked, 1, false, &k);
	/* Only when the CPUs have room: then the load is not CPU work. */
	if (lv < 0 || (!isnan(busy) && rule_level(RULE_TASK_D_STATE, busy, true) < 0))
		return;
	struct finding *f = findings_add(out, RULE_TASK_D_STATE, lv,
					 series_mean(&h->blocked) / rule_defs[RULE_TASK_D_STATE].warn, "tasks");
	if (!f)
		return;
	finding_summary(f, "%.0f tasks stuck in uninterruptible sleep (D) while CPUs are %.0f%% busy",
			series_mean(&h->blocked), busy);
	finding_evidence(f, "vmstat b=%.0f peak, %.1f mean; above %g in %s (/proc/stat procs_blocked)",
			 series_max(&h->blocked), series_mean(&h->blocked), rule_defs[RULE_TASK_D_STATE].warn,
			 rule_window_str(o, k, w, sizeof(w)));
	rules_threads_dstate(o, f);
	if (!isnan(h->load1))
		finding_evidence(f, "load average %.2f counts them (/proc/loadavg)", h->load1);
	for (int i = 0; i < o->nprocs && named < 3; i++)
		if (o->procs[i].state == 'D' && o->procs[i].tid == o->procs[i].pid) {
			finding_evidence(f, "in D: %s (pid %d)", o->procs[i].comm, o->procs[i].pid);
			if (!named++)
				finding_name_proc(f, o->procs[i].pid, o->procs[i].comm);
		}
}

/* The parents holding the zombies (thread samples: state Z and ppid). */
static void zombie_parents(const struct obs *o, struct finding *f)
{
	struct { int ppid, n; } par[16];
	int np = 0, other = 0;

	for (int i = 0; i < o->ntprocs; i++) {
		int k = 0;

		if (o->tprocs[i].state != 'Z' || o->tprocs[i].gone)
			continue;	/* a zombie reaped during the window is not held */
		while (k < np && par[k].ppid != o->tprocs[i].ppid)
			k++;
		if (k == np && np == 16) {
			other++;
			continue;
		}
		if (k == np)
			par[np++] = (typeof(par[0])){ o->tprocs[i].ppid, 0 };
		par[k].n++;
	}
	for (int a = 0; a < np; a++)	/* most zombies first; few parents */
		for (int b = a + 1; b < np; b++)
			if (par[b].n > par[a].n) {
				typeof(par[0]) t = par[a];
				par[a] = par[b];
				par[b] = t;
			}
	for (int k = 0; k < np && k < 3; k++) {
		const struct obs_tproc *p = obs_tproc_find(o, par[k].ppid);
		const char *comm = p ? p->comm : "?";

		finding_evidence(f, "%d of them are children of %s (pid %d), which does not reap them (wait())",
				 par[k].n, comm, par[k].ppid);
		if (k == 0) {
			finding_summary(f, "%.0f zombie processes: %s (pid %d) does not reap %d of them",
					o->host.nr_zombie, comm, par[k].ppid, par[k].n);
			finding_name_proc(f, par[k].ppid, comm);
			finding_next_first(f, "triage pid %d", par[k].ppid);
		}
		if (p && p->cgroup[0] && strcmp(p->cgroup, "/") != 0)
			finding_evidence(f, "cgroup of %s (pid %d): %s", comm, par[k].ppid, p->cgroup);
	}
	if (np > 3 || other)
		finding_evidence(f, "and more parents (%d listed)", np < 3 ? np : 3);
}

static void zombies(const struct obs *o, struct findings *out)
{
	int lv = rule_level(RULE_TASK_ZOMBIES, o->host.nr_zombie, false);

	if (lv < 0)
		return;
	struct finding *f = findings_add(out, RULE_TASK_ZOMBIES, lv,
					 o->host.nr_zombie / rule_defs[RULE_TASK_ZOMBIES].warn, "tasks");
	if (!f)
		return;
	finding_summary(f, "%.0f zombie processes: their parent does not reap them", o->host.nr_zombie);
	finding_evidence(f, "%.0f processes in state Z of %.0f tasks (/proc/PID/stat)", o->host.nr_zombie,
			 o->host.nr_tasks);
	zombie_parents(o, f);
}

void rules_exited(const struct obs *o, struct finding *f, double min_pct, bool name)
{
	const struct obs_exited *e = &o->exited;

	if (!e->known || e->n < 1 || !(e->cpu_pct >= min_pct))
		return;
	finding_evidence(f, "%.0f processes ended in the window, %.0f%% of one CPU together "
			 "(recorded exits); most: %.0f named %s, children of %s (pid %d), %.0f%% of one CPU",
			 e->n, e->cpu_pct, e->group_n, e->comm,
			 e->parent_comm[0] ? e->parent_comm : "?", e->ppid, e->group_cpu_pct);
	if (name && !f->pid && e->ppid > 0) {
		finding_name_proc(f, e->ppid, e->parent_comm[0] ? e->parent_comm : "?");
		finding_next_first(f, "triage pid %d", e->ppid);
	}
}

static void fork_storm(const struct obs *o, struct findings *out)
{
	const struct series *s = &o->host.forks;
	char w[64];
	int k = 0, lv;

	if (!(o->have & HAVE_SCHED))
		return;
	lv = rule_level_series(o, RULE_TASK_FORK_STORM, s, 1, false, &k);
	if (lv < 0)
		return;
	struct finding *f = findings_add(out, RULE_TASK_FORK_STORM, lv,
					 series_mean(s) / rule_defs[RULE_TASK_FORK_STORM].warn, "tasks");
	if (!f)
		return;
	finding_summary(f, "%.0f new processes per second: something spawns processes in a loop", series_mean(s));
	finding_evidence(f, "sar -w proc/s %.0f mean, %.0f peak; above %g in %s (/proc/stat processes)",
			 series_mean(s), series_max(s), rule_defs[RULE_TASK_FORK_STORM].warn,
			 rule_window_str(o, k, w, sizeof(w)));
	rules_exited(o, f, 0, true);
}

static void cgroup(const struct obs *o, const struct obs_cgroup *c, struct findings *out)
{
	const struct rule_def *thr = &rule_defs[RULE_CGROUP_CPU_THROTTLED];
	double tp = series_mean(&c->throttled_pct);
	double mp = c->mem_max > 0 ? c->mem_current / c->mem_max * 100 : NAN;
	int lv;
	struct finding *f;

	(void)o;
	lv = rule_level(RULE_CGROUP_CPU_THROTTLED, tp, false);
	if (lv >= 0 && c->nr_throttled >= thr->min &&
	    (f = findings_add(out, RULE_CGROUP_CPU_THROTTLED, lv, tp / thr->warn, "cgroup:%s", c->path))) {
		finding_summary(f, "cgroup %s is CPU-throttled in %.0f%% of its periods", c->path, tp);
		finding_evidence(f, "nr_throttled +%.0f, throttled %.0f ms in %.0f s (cpu.stat)",
				 c->nr_throttled, c->throttled_ms, o->window_s);
		if (!isnan(c->quota_cpus))
			finding_evidence(f, "quota %.2f CPU (cpu.max / cpu.cfs_quota_us)", c->quota_cpus);
		finding_next_first(f, "triage cgroup %s", c->path);
	}
	lv = rule_level(RULE_CGROUP_MEMORY_NEAR_LIMIT, mp, false);
	if (lv >= 0 && (f = findings_add(out, RULE_CGROUP_MEMORY_NEAR_LIMIT, lv,
					 mp / rule_defs[RULE_CGROUP_MEMORY_NEAR_LIMIT].warn, "cgroup:%s", c->path))) {
		finding_summary(f, "cgroup %s uses %.0f%% of its memory limit", c->path, mp);
		finding_evidence(f, "memory.current %.1f MiB of memory.max %.1f MiB", c->mem_current / MiB, c->mem_max / MiB);
		finding_next_first(f, "triage cgroup %s", c->path);
	}
	if (c->oom_kill_window > 0 &&
	    (f = findings_add(out, RULE_CGROUP_OOM_KILL, SEV_CRITICAL, c->oom_kill_window, "cgroup:%s", c->path))) {
		finding_summary(f, "%.0f process(es) OOM-killed in cgroup %s during the window", c->oom_kill_window, c->path);
		finding_evidence(f, "memory.events oom_kill +%.0f (%.0f in all); limit %.1f MiB", c->oom_kill_window,
				 c->oom_kill_total, c->mem_max / MiB);
		finding_next_first(f, "triage cgroup %s", c->path);
	} else if (c->oom_kill_total > 0 &&
		   (f = findings_add(out, RULE_CGROUP_OOM_KILL, SEV_INFO, 0, "cgroup:%s", c->path))) {
		finding_summary(f, "cgroup %s had %.0f OOM kill(s) before the window", c->path, c->oom_kill_total);
		finding_evidence(f, "memory.events oom_kill %.0f", c->oom_kill_total);
	}
}

/* Kernel log lines that mean trouble. OOM kills, I/O errors and SYN flooding
 * caused by a full accept queue are the evidence of their own rules. */
static void kernel(const struct obs *o, struct findings *out)
{
	int nwin = 0, nboot = 0, crit = 0;
	bool overflow = false;
	struct finding *f;

	for (int i = 0; i < out->n; i++)
		if (out->v[i].rule == RULE_TCP_LISTEN_OVERFLOW)
			overflow = true;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < o->nklog; i++) {
			const struct obs_klog *l = &o->klog[i];

			if (l->kind == KLOG_OTHER || l->kind == KLOG_OOM || l->kind == KLOG_IOERR ||
			    (l->kind == KLOG_SYNFLOOD && overflow && l->in_window))
				continue;
			if (pass == 0) {
				if (l->in_window) {
					nwin++;
					crit += l->kind == KLOG_HARDWARE || l->kind == KLOG_LOCKUP || l->kind == KLOG_HUNG;
				} else {
					nboot++;
				}
				continue;
			}
			if (nwin && !l->in_window)
				continue;
			finding_evidence(f, "[%.1f s] %s: %s (kernel log)", l->ts, klog_kind_name(l->kind), l->text);
		}
		if (pass == 1 || (!nwin && !nboot))
			break;
		f = findings_add(out, RULE_KERNEL_ERRORS, nwin ? (crit ? SEV_CRITICAL : SEV_WARNING) : SEV_INFO,
				 nwin ? nwin : 0, "kernel");
		if (!f)
			return;
		if (nwin)
			finding_summary(f, "The kernel logged %d error line(s) during the window", nwin);
		else
			finding_summary(f, "The kernel logged %d error line(s) since boot, none during the window", nboot);
	}
}

void rules_task(const struct obs *o, struct findings *out)
{
	d_state(o, out);
	zombies(o, out);
	fork_storm(o, out);
}

void rules_cgroup(const struct obs *o, struct findings *out)
{
	if (o->have & HAVE_CGROUP)
		for (int i = 0; i < o->ncgroups; i++)
			cgroup(o, &o->cgroups[i], out);
}

void rules_kernel(const struct obs *o, struct findings *out)
{
	if (o->have & HAVE_KLOG)
		kernel(o, out);
}
