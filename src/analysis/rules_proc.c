/* triage pid's rules: see rules_proc.h. */
#include "analysis/rules_proc.h"

#include <math.h>

static void add(struct proc_verdicts *o, enum rule_id r, int lv, double v0, double v1, double v2)
{
	if (lv < 0 || o->n >= PROC_VERDICTS_MAX)
		return;
	o->v[o->n++] = (struct proc_verdict){ r, (enum severity)lv, { v0, v1, v2 } };
}

static void own(const struct pidinfo *m, struct proc_verdicts *o)
{
	char st = m->rec->stat.state;

	add(o, RULE_PROC_FD_LEAK, rule_level(RULE_PROC_FD_LEAK, m->fd_delta, false), m->fd_delta, m->dt_s,
	    m->fd.p ? (double)m->fd.p->nfds : NAN);
	if (m->fd.p)
		add(o, RULE_FD_NEAR_LIMIT, rule_level(RULE_FD_NEAR_LIMIT, m->fd.pct_soft, false),
		    (double)m->fd.p->nfds, (double)m->fd.soft, m->fd.pct_soft);
	if (m->nthr)
		add(o, RULE_CPU_SINGLE_THREAD, rule_level(RULE_CPU_SINGLE_THREAD, m->thr[0].row.cpu.cpu, false),
		    m->thr[0].rec->tid, m->thr[0].row.cpu.cpu, m->nthreads);
	add(o, RULE_PROC_SWAPPED, rule_level(RULE_PROC_SWAPPED, m->swap_kb, false), m->swap_kb, 0, 0);
	add(o, RULE_PROC_PREEMPTED, rule_level(RULE_PROC_PREEMPTED, m->invol_s, false), m->invol_s,
	    m->row.cpu.cpu, 0);
	add(o, RULE_PROC_D_STATE, rule_level(RULE_PROC_D_STATE, st == 'D', false), 0, 0, 0);
	add(o, RULE_PROC_ZOMBIE, rule_level(RULE_PROC_ZOMBIE, st == 'Z', false), m->rec->stat.ppid, 0, 0);
	add(o, RULE_PROC_MAJOR_FAULTS, rule_level(RULE_PROC_MAJOR_FAULTS, m->row.mem.majflt_s, false),
	    m->row.mem.majflt_s, 0, 0);
	if (m->fd.p)
		add(o, RULE_PROC_DELETED_OPEN, rule_level(RULE_PROC_DELETED_OPEN, m->fd.p->deleted, false),
		    m->fd.p->deleted, 0, 0);
}

/* Its cgroup and sockets. cgroup.cpu_throttled judges from the table's
 * least number of throttled periods; cgroup.oom_kill is critical for kills
 * in the interval, info for earlier ones (as the report); a listener whose
 * accept queue reached its backlog drops connections (the per-process face
 * of tcp.listen_overflow: its warning threshold is any drop). */
static void env(const struct pidinfo *m, struct proc_verdicts *o)
{
	if (m->cg_known) {
		const struct cgroup_rates *c = &m->cgr;

		/* throttled periods in the interval: rate x interval */
		if (c->throttled_s * m->dt_s >= rule_defs[RULE_CGROUP_CPU_THROTTLED].min - 1e-9)
			add(o, RULE_CGROUP_CPU_THROTTLED, rule_level(RULE_CGROUP_CPU_THROTTLED, c->throttled_pct, false),
			    c->throttled_pct, c->throttled_time_s, 0);
		add(o, RULE_CGROUP_MEMORY_NEAR_LIMIT, rule_level(RULE_CGROUP_MEMORY_NEAR_LIMIT, c->mem_pct_max, false),
		    c->mem_pct_max, m->cg_mem_current, m->cg_mem_max);
		if (c->oom_kill > 0)
			add(o, RULE_CGROUP_OOM_KILL, rule_level(RULE_CGROUP_OOM_KILL, c->oom_kill, false),
			    m->cg_oom_kills, c->oom_kill, 0);
		else if (m->cg_oom_kills > 0)
			add(o, RULE_CGROUP_OOM_KILL, SEV_INFO, m->cg_oom_kills, c->oom_kill, 0);
	}
	for (int i = 0; i < m->nlisten; i++) {
		const struct sd_sock *s = m->listen[i].s;

		if (s->wqueue && s->rqueue >= s->wqueue)
			add(o, RULE_TCP_LISTEN_OVERFLOW, SEV_WARNING, s->sport, s->rqueue, s->wqueue);
	}
	add(o, RULE_TCP_CLOSE_WAIT, rule_level(RULE_TCP_CLOSE_WAIT, (double)m->close_wait, false),
	    (double)m->close_wait, 0, 0);
}

void rules_proc(const struct pidinfo *m, struct proc_verdicts *out)
{
	out->n = 0;
	own(m, out);
	env(m, out);
}
