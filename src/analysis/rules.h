/* The rules of the triage report and their thresholds: ONE table.
 *
 * Each rule has a stable id (part of the interface: scripts match on it), the
 * metric it compares, its warning and critical thresholds, how much of the
 * window must be past the threshold, the next commands to run and the usual
 * action. The README's rule table is printed from this table
 * (`triage --rules`), so the two cannot drift apart.
 *
 * The rules themselves (rules_*.c) are pure functions of the observations
 * (analysis/obs.h): they never read /proc and never print. */
#ifndef TRIAGE_ANALYSIS_RULES_H
#define TRIAGE_ANALYSIS_RULES_H

#include <stdbool.h>
#include <stdio.h>

enum rule_id {
	RULE_CPU_SATURATED,
	RULE_CPU_SINGLE_THREAD,
	RULE_CPU_IOWAIT,
	RULE_CPU_STEAL,
	RULE_CPU_SOFTIRQ,
	RULE_MEM_LOW_AVAILABLE,
	RULE_MEM_SWAPPING,
	RULE_MEM_PRESSURE,
	RULE_MEM_OOM_KILL,
	RULE_MEM_GROWTH,
	RULE_MEM_DIRTY,
	RULE_DISK_SATURATED,
	RULE_DISK_SLOW,
	RULE_DISK_ERRORS,
	RULE_FS_FULL,
	RULE_FS_INODES_FULL,
	RULE_FS_DELETED_OPEN,
	RULE_FD_NEAR_LIMIT,
	RULE_NET_ERRORS,
	RULE_NET_SATURATED,
	RULE_NET_SOFTNET,
	RULE_TCP_RETRANS,
	RULE_TCP_LISTEN_OVERFLOW,
	RULE_TCP_TIME_WAIT,
	RULE_TCP_CLOSE_WAIT,
	RULE_TCP_SYN_FLOOD,
	RULE_TCP_REFUSED,
	RULE_TCP_RESETS,
	RULE_TASK_D_STATE,
	RULE_TASK_ZOMBIES,
	RULE_TASK_FORK_STORM,
	RULE_TASK_LOCK_CONTENTION,
	RULE_CGROUP_CPU_THROTTLED,
	RULE_CGROUP_MEMORY_NEAR_LIMIT,
	RULE_CGROUP_OOM_KILL,
	RULE_KERNEL_ERRORS,
	/* one process (triage pid, analysis/rules_proc.c) */
	RULE_PROC_FD_LEAK,
	RULE_PROC_PREEMPTED,
	RULE_PROC_SWAPPED,
	RULE_PROC_MAJOR_FAULTS,
	RULE_PROC_D_STATE,
	RULE_PROC_ZOMBIE,
	RULE_PROC_DELETED_OPEN,
	RULE__COUNT
};

#define RULE_MAX_NEXT 4

struct rule_def {
	const char *id;		/* "cpu.saturated" */
	const char *kind;	/* resource kind it is about: cpu, mem, disk ... */
	char use;		/* the USE cell it judges: 'U', 'S' or 'E' */
	const char *metric;	/* what is compared, with its source */
	const char *unit;	/* unit of warn/crit */
	double warn, crit;	/* thresholds, exceeded strictly; NAN when that level is not used */
	bool below;		/* fires below the threshold instead (free memory ...) */
	double frac;		/* share of the intervals that must pass (0: total or instant) */
	const char *metric2;	/* a second metric, starting "and"/"or" (NULL: none) */
	double warn2, crit2;
	bool below2;
	const char *unit2;
	double min;		/* least activity before the rule judges (0: none) */
	const char *min_what;
	const char *next[RULE_MAX_NEXT];	/* triage subcommands first, classic tools second */
	const char *action;
};

extern const struct rule_def rule_defs[RULE__COUNT];

/* The table as Markdown (the README's copy is checked against it). */
void rules_print_markdown(FILE *f);

struct obs;
struct series;
struct findings;

/* Run every rule over the observations, appending findings (unranked).
 * Returns 0 (a finding that cannot be allocated is dropped). */
int rules_run(const struct obs *o, struct findings *out);

/* Each family of rules (rules_cpu.c, rules_mem.c ...). */
void rules_cpu(const struct obs *o, struct findings *out);
void rules_mem(const struct obs *o, struct findings *out);
void rules_disk(const struct obs *o, struct findings *out);
void rules_fs(const struct obs *o, struct findings *out);
void rules_net(const struct obs *o, struct findings *out);
void rules_task(const struct obs *o, struct findings *out);
void rules_cgroup(const struct obs *o, struct findings *out);
void rules_kernel(const struct obs *o, struct findings *out);
void rules_threads(const struct obs *o, struct findings *out);	/* rules_threads.c */
/* mem.growth alone (rules_threads calls it): processes (o->tprocs) and
 * cgroups (o->cgroups' mem_fit); the report over a recorded window runs it
 * once more over the whole window, where slow leaks show. */
void rules_mem_growth(const struct obs *o, struct findings *out);
struct finding;
/* task.d_state's evidence from the thread samples: the waits grouped. */
void rules_threads_dstate(const struct obs *o, struct finding *f);
/* cpu.iowait's evidence: the processes with the most block-I/O delay. */
void rules_threads_blkio(const struct obs *o, struct finding *f);
/* rules_task.c: the processes that ended in a recorded window (o->exited) as
 * evidence of f when their CPU is at least min_pct of one CPU; name: their
 * parent becomes f's process when f names none yet. */
void rules_exited(const struct obs *o, struct finding *f, double min_pct, bool name);

/* Severity of value v against rule r's warn/crit (second=true: warn2/crit2):
 * -1 below the warning threshold, else SEV_WARNING or SEV_CRITICAL. NAN: -1. */
int rule_level(enum rule_id r, double v, bool second);
/* Same for a series scaled by scale (thresholds * scale), sustained: the level
 * reached in at least rule_need() intervals. *k gets the intervals past the
 * warning threshold (or past critical when that is the level). */
int rule_level_series(const struct obs *o, enum rule_id r, const struct series *s,
		      double scale, bool second, int *k);

/* Intervals needed to count as "most of the window" for rule r (at least 1). */
int rule_need(const struct obs *o, enum rule_id r);

/* "4 of 5 s" (k intervals out of the window; "4 of 5 samples" when the
 * intervals are not whole seconds). Writes into buf and returns it. */
const char *rule_window_str(const struct obs *o, int k, char *buf, size_t size);

#endif
