/* One process judged by the one rule table (issue 13, "one rule engine"):
 * triage pid PID runs these over model/pidinfo's arithmetic. The rules are
 * the table's proc.* rows and the host rules that apply to one process
 * (fd.near_limit, cpu.single_thread, cgroup.cpu_throttled,
 * cgroup.memory_near_limit, cgroup.oom_kill, tcp.close_wait,
 * tcp.listen_overflow), with the table's thresholds: the report and
 * triage pid cannot disagree. Pure: no I/O. */
#ifndef TRIAGE_ANALYSIS_RULES_PROC_H
#define TRIAGE_ANALYSIS_RULES_PROC_H

#include "analysis/finding.h"
#include "analysis/rules.h"
#include "model/pidinfo.h"

#define PROC_VERDICTS_MAX 24

struct proc_verdict {
	enum rule_id rule;
	enum severity sev;
	double v[3];		/* the numbers behind it (views/pid.c says which) */
};

struct proc_verdicts {
	int n;
	struct proc_verdict v[PROC_VERDICTS_MAX];
};

/* Judge m (after pidinfo_model and pidinfo_model_sockets) into out. */
void rules_proc(const struct pidinfo *m, struct proc_verdicts *out);

/* One verdict as a sentence, what the numbers say and the usual cause, into
 * out. wchan (the process's wait channel, may be NULL) is the kernel's text:
 * views escape the result. */
void proc_verdict_text(char *out, size_t size, const struct proc_verdict *v, const char *wchan);

struct obs;

/* triage --pid: the focus process (o->focus_info) judged by rules_proc, its
 * verdicts that the host rules did not already make added to fs as findings
 * on "pid:N", so that triage --pid and triage pid say the same. Nothing
 * without o->focus_info. */
void rules_focus(const struct obs *o, struct findings *fs);

#endif
