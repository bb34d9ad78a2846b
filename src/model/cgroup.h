/* One cgroup over an interval: CPU in cores against its quota, CFS bandwidth
 * throttling (Documentation/scheduler/sched-bwc.rst), memory against its
 * limits, pids against pids.max, I/O rates, PSI, and event deltas.
 * Levels (memory %, pids %) need one sample; rates need two. Everything
 * unknown is NAN. */
#ifndef TRIAGE_MODEL_CGROUP_H
#define TRIAGE_MODEL_CGROUP_H

#include "model/psi.h"
#include "sources/cgroup.h"

struct cgroup_rates {
	double dt_s;			/* the interval, NAN with one sample */
	/* CPU */
	double quota_cores;		/* quota_us / period_us; NAN without a quota */
	double cpu_cores;		/* usage delta ns / (dt_s * 1e9): 1.0 = one CPU busy */
	double user_cores, system_cores;
	double cpu_pct_quota;		/* cpu_cores / quota_cores * 100 */
	double periods_s;		/* nr_periods delta / dt_s */
	double throttled_s;		/* nr_throttled delta / dt_s: throttled periods per s */
	double throttled_pct;		/* nr_throttled delta / nr_periods delta * 100 */
	double throttled_time_s;	/* throttled time delta (s) / dt_s: seconds
					 * stalled per second, summed over CPUs */
	double throttled_total_pct;	/* level: nr_throttled / nr_periods since creation */
	/* memory */
	double mem_pct_max;		/* current / effective max * 100 (the lowest limit
					 * of the group and its ancestors) */
	double mem_pct_high;		/* current / memory.high * 100 (v2) */
	double mem_peak_pct_max;	/* peak / effective max * 100 */
	double ev_high, ev_max, ev_oom, ev_oom_kill;	/* memory.events deltas (v2) */
	double oom_kill;		/* oom kills in the interval: v2 ev_oom_kill, v1 oom_control */
	double failcnt;			/* v1 memory.failcnt delta */
	double pgmajfault_s;		/* major faults per s */
	/* pids, io */
	double pids_pct;		/* pids.current / pids.max * 100 */
	double io_rbytes_s, io_wbytes_s, io_rios_s, io_wios_s;
	struct psi_rate psi[PSI__COUNT];	/* stall % of the interval */
	/* ranking: the highest of mem_pct_max, pids_pct, throttled_pct and
	 * cpu_pct_quota (all in % of what the limit allows); NAN when no limit */
	double score;
};

/* prev may be NULL (one sample): levels only, rates NAN. dt_s from the two
 * samples' /proc/uptime. */
void cgroup_model(const struct cgroup_sample *prev, const struct cgroup_sample *cur,
		  double dt_s, struct cgroup_rates *out);

/* Its resident memory, what a leak grows: memory.stat anon + shmem (v1
 * total_rss + total_shmem) when read, else memory.current (which counts
 * the page cache, reclaimed before the group hits its limit). Bytes. */
double cgroup_resident(const struct cgroup_sample *s);

/* Is there anything to rank: a limit, or throttling or OOM kills seen? */
bool cgroup_model_limited(const struct cgroup_sample *s);

/* One row of the ranking. */
struct cgroup_ranked {
	const struct cgroup_sample *s;	/* in cur */
	struct cgroup_rates r;
};

/* Model every group of cur against the same path in prev (NULL or dt_s not
 * positive: one sample, levels only) and keep those with a limit,
 * throttling or OOM kills in the interval, highest score first (unknown
 * last), then most throttled per second, then by path. *rows is malloc'd
 * (n of them); *groups counts every group modelled. Returns 0 or -ENOMEM. */
int cgroup_model_rank(const struct cgroup_snapshot *prev, const struct cgroup_snapshot *cur,
		      double dt_s, struct cgroup_ranked **rows, int *n, int *groups);

#endif
