/* triage stat's arithmetic: scaled counts, rates and ratios from the
 * counters' raw sums (sources/perf_event.h). */
#ifndef TRIAGE_MODEL_PERF_STAT_H
#define TRIAGE_MODEL_PERF_STAT_H

#include <stdbool.h>
#include <stddef.h>

#include "sources/perf_event.h"

/* What a counter's fds gave: its event, open error and raw sums. */
struct perf_stat_in {
	enum perf_ev ev;
	int err;			/* 0, or why it could not be opened (-errno) */
	struct perf_read sum;
};

enum perf_stat_state {
	PSTAT_OK,
	PSTAT_NOT_SUPPORTED,	/* ENOENT/EOPNOTSUPP/ENODEV/EINVAL: not here */
	PSTAT_NOT_COUNTED,	/* opened but never scheduled (time_running 0) */
	PSTAT_NO_PERMISSION,	/* EACCES/EPERM */
	PSTAT_GONE,		/* the target left before it could be opened */
};

struct perf_stat_ev {
	enum perf_ev ev;
	enum perf_stat_state state;
	double value;		/* scaled: raw * enabled / running; NAN unless OK */
	double running_pct;	/* running / enabled * 100 (< 100: multiplexed) */
	double per_s;		/* value per second of task-clock (or of wall time) */
};

/* Verdicts of the interpretation line, from the derived ratios. */
enum perf_stat_verdict {
	PVERD_NONE,		/* nothing to say (no CPU time) */
	PVERD_NO_HW,		/* no hardware counters: IPC unknown */
	PVERD_STALLED_MEM,	/* IPC < 0.7 with a cache-miss rate >= 10% */
	PVERD_STALLED,		/* IPC < 0.7, misses low or unknown */
	PVERD_MODERATE,		/* 0.7 <= IPC < 1.5 */
	PVERD_HIGH_IPC,		/* IPC >= 1.5: instruction-bound */
	PVERD_OFF_CPU,		/* command: < 0.5 CPUs utilized: mostly waiting */
};

struct perf_stat_model {
	struct perf_stat_ev ev[PEV__COUNT];
	size_t n;
	double elapsed_s;	/* wall time of the measurement */
	double cpu_s;		/* task-clock (or cpu-clock) in seconds, NAN if absent */
	double cpus_utilized;	/* cpu_s / elapsed_s */
	double ghz;		/* cycles / task-clock ns */
	double ipc;		/* instructions / cycles */
	double branch_miss_pct;	/* branch-misses / branches */
	double cache_miss_pct;	/* cache-misses / cache-references */
	double llc_miss_pct;	/* LLC-load-misses / LLC-loads */
	enum perf_stat_verdict verdict;
	int n_not_supported;
};

/* Compute the model of n counters measured over elapsed_s seconds of wall
 * time. system_wide: CPUs utilized is not a verdict (an idle box is fine). */
void perf_stat_model(const struct perf_stat_in *in, size_t n, double elapsed_s,
		     bool system_wide, struct perf_stat_model *out);

/* The model entry of ev, or NULL when it was not asked for. */
const struct perf_stat_ev *perf_stat_find(const struct perf_stat_model *m, enum perf_ev ev);

#endif
