/* The report's --pid: triage pid's verdicts as findings (rules_proc.h). */
#include "analysis/rules_proc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/obs.h"

void proc_verdict_text(char *out, size_t size, const struct proc_verdict *h, const char *wchan)
{
	const double *v = h->v;

	switch (h->rule) {
	case RULE_PROC_FD_LEAK:
		snprintf(out, size, "fd count grew by %.0f in %.1f s (now %.0f): likely leak", v[0], v[1], v[2]);
		break;
	case RULE_FD_NEAR_LIMIT:
		snprintf(out, size, "%.0f fds open of a soft limit of %.0f (%.1f%%): \"Too many open files\" is near",
			v[0], v[1], v[2]);
		break;
	case RULE_CPU_SINGLE_THREAD:
		snprintf(out, size, "thread %.0f uses %.1f%% of a CPU (of %.0f threads): single-thread bound",
			v[0], v[1], v[2]);
		break;
	case RULE_CGROUP_CPU_THROTTLED:
		snprintf(out, size, "its cgroup was throttled in %.1f%% of CFS periods (%.3f s/s stalled): CPU quota too low",
			v[0], v[1]);
		break;
	case RULE_CGROUP_MEMORY_NEAR_LIMIT:
		snprintf(out, size, "its cgroup uses %.1f%% of its memory limit: reclaim, then OOM kill, are near", v[0]);
		break;
	case RULE_CGROUP_OOM_KILL:
		snprintf(out, size, "%.0f OOM kill(s) recorded in its cgroup (%s in the interval)", v[0],
			isnan(v[1]) ? "-" : (v[1] > 0 ? "some" : "none"));
		break;
	case RULE_PROC_SWAPPED:
		snprintf(out, size, "%.0f kB of it is swapped out: memory pressure", v[0]);
		break;
	case RULE_PROC_PREEMPTED:
		snprintf(out, size, "%.0f involuntary context switches/s: it is preempted, CPU contention", v[0]);
		break;
	case RULE_PROC_D_STATE:
		snprintf(out, size, "in uninterruptible sleep (D)%s%s: waiting for I/O or a kernel lock",
			 wchan && wchan[0] ? " in " : "", wchan ? wchan : "");
		break;
	case RULE_PROC_ZOMBIE:
		snprintf(out, size, "zombie: its parent %.0f has not reaped it", v[0]);
		break;
	case RULE_TCP_LISTEN_OVERFLOW:
		snprintf(out, size, "port %.0f: accept queue full (%.0f of backlog %.0f): the application does not accept fast enough",
			v[0], v[1], v[2]);
		break;
	case RULE_TCP_CLOSE_WAIT:
		snprintf(out, size, "%.0f sockets in CLOSE-WAIT: the peer closed, this process has not", v[0]);
		break;
	case RULE_PROC_MAJOR_FAULTS:
		snprintf(out, size, "%.0f major page faults/s: it pages in from disk", v[0]);
		break;
	case RULE_PROC_DELETED_OPEN:
		snprintf(out, size, "%.0f deleted file(s) held open: their space is not freed until closed", v[0]);
		break;
	default:
		snprintf(out, size, "%s", rule_defs[h->rule].metric);
		break;
	}
}

/* The host rules already said it: the same rule on this process, or on its
 * cgroup (the cgroup rules name "cgroup:PATH"). */
static bool made(const struct findings *fs, enum rule_id r, const struct obs *o)
{
	for (int i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];

		if (f->rule != r)
			continue;
		if (f->pid == o->focus_pid)
			return true;
		if (o->focus_cgroup[0] && !strncmp(f->resource, "cgroup:", 7) &&
		    !strcmp(f->resource + 7, o->focus_cgroup))
			return true;
	}
	return false;
}

void rules_focus(const struct obs *o, struct findings *fs)
{
	const struct pidinfo *m = o->focus_info;
	struct proc_verdicts v;

	if (!m || !m->rec)
		return;
	rules_proc(m, &v);
	for (int i = 0; i < v.n; i++) {
		const struct proc_verdict *pv = &v.v[i];
		const struct rule_def *d = &rule_defs[pv->rule];
		double lim = pv->sev == SEV_CRITICAL ? d->crit : d->warn;
		struct finding *f;
		char text[256];

		if (made(fs, pv->rule, o))
			continue;
		f = findings_add(fs, pv->rule, pv->sev, isfinite(lim) && lim > 0 ? fabs(pv->v[0]) / lim : 1,
				 "pid:%d", o->focus_pid);
		if (!f)
			return;
		finding_name_proc(f, o->focus_pid, m->rec->stat.comm);
		proc_verdict_text(text, sizeof(text), pv, o->focus_wchan);
		finding_summary(f, "%s (pid %d): %s", m->rec->stat.comm, o->focus_pid, text);
		finding_evidence(f, "%s", d->metric);
		if (isfinite(m->dt_s))
			finding_evidence(f, "triage pid's rules over the window's first and last sample of it (%.1f s)",
					 m->dt_s);
	}
}
