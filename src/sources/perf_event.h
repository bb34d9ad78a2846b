/* perf_event_open(2): counting and sampling, without libperf.
 *
 * Counting (triage stat): one fd per (event, thread or CPU), each read with
 * read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING,
 * so that a multiplexed counter is scaled as perf stat does:
 *     value * time_enabled / time_running   (tools/perf/util/stat.c)
 * Events are not grouped: on a virtual machine the hardware events fail to
 * open (ENOENT/EOPNOTSUPP) and must not take the software ones with them.
 *
 * Sampling (triage profile): cpu-clock (a software hrtimer event, available
 * where the PMU is not) at a frequency, with sample_type
 *     IP | TID | TIME | CPU | PERIOD | CALLCHAIN
 * into one mmap'ed ring per CPU (or per thread), read with the data_head /
 * data_tail protocol of include/uapi/linux/perf_event.h.
 *
 * Record layouts (include/uapi/linux/perf_event.h, enum perf_event_type):
 *   every record:  struct perf_event_header { u32 type; u16 misc; u16 size; }
 *   SAMPLE:   { u64 ip; u32 pid, tid; u64 time; u32 cpu, res; u64 period;
 *               u64 nr; u64 ips[nr]; }              (for our sample_type)
 *   MMAP:     { u32 pid, tid; u64 addr, len, pgoff; char filename[]; }
 *   MMAP2:    { u32 pid, tid; u64 addr, len, pgoff; u32 maj, min; u64 ino,
 *               ino_generation; u32 prot, flags; char filename[]; }
 *   COMM:     { u32 pid, tid; char comm[]; }
 *   EXIT:     { u32 pid, ppid, tid, ptid; u64 time; }
 *   LOST:     { u64 id; u64 lost; }
 *   LOST_SAMPLES: { u64 lost; }
 * followed, with sample_id_all, by the sample_id trailer (ignored here). */
#ifndef TRIAGE_SOURCES_PERF_EVENT_H
#define TRIAGE_SOURCES_PERF_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/root.h"

/* ---- events ---------------------------------------------------------- */

enum perf_ev {
	PEV_TASK_CLOCK,
	PEV_CONTEXT_SWITCHES,
	PEV_CPU_MIGRATIONS,
	PEV_PAGE_FAULTS,
	PEV_CYCLES,
	PEV_INSTRUCTIONS,
	PEV_BRANCHES,
	PEV_BRANCH_MISSES,
	PEV_CACHE_REFERENCES,
	PEV_CACHE_MISSES,
	PEV_LLC_LOADS,
	PEV_LLC_LOAD_MISSES,
	PEV_CPU_CLOCK,
	PEV__COUNT
};

struct perf_ev_desc {
	const char *name;	/* perf's name: "task-clock", "LLC-load-misses" */
	uint32_t type;		/* PERF_TYPE_SOFTWARE / HARDWARE / HW_CACHE */
	uint64_t config;
	bool hardware;		/* needs the PMU */
};

const struct perf_ev_desc *perf_ev_desc(enum perf_ev ev);

/* Event by perf's name (also "cpu-cycles", "faults", "cs", "migrations").
 * Returns the event or -ENOENT. */
int perf_ev_lookup(const char *name);

/* The events `triage stat` counts by default, in print order. */
extern const enum perf_ev perf_ev_default[];
extern const size_t perf_ev_default_n;

/* ---- counting -------------------------------------------------------- */

/* What to attach to. */
struct perf_target {
	const pid_t *tids;	/* threads (-p: every thread of every PID) */
	size_t ntids;
	int ncpus;		/* system wide: CPUs 0..ncpus-1 (offline ones skipped) */
	bool system_wide;	/* -a: every task, one fd per CPU */
	bool per_cpu;		/* one fd per CPU for tids[0] (and its children) */
	bool inherit;		/* count children created later (-- COMMAND) */
	bool enable_on_exec;	/* start disabled, enable at the child's exec */
	bool exclude_kernel;	/* user space only (perf_event_paranoid >= 2) */
};

/* One value read from a counter fd (read_format TOTAL_TIME_*). */
struct perf_read {
	uint64_t value;
	uint64_t time_enabled;	/* ns the event was enabled */
	uint64_t time_running;	/* ns it was on the PMU (< enabled: multiplexed) */
};

/* One event over all of the target's threads/CPUs. */
struct perf_counter {
	enum perf_ev ev;
	int *fds;		/* nfds, -1 where opening failed */
	size_t nfds;
	int err;		/* 0, or why it could not be opened anywhere (-errno) */
	struct perf_read sum;	/* after perf_counter_read: sums over the fds */
};

/* Open ev on every thread/CPU of t. Opens what it can; sets c->err to the
 * first error when nothing could be opened (ENOENT/EOPNOTSUPP/ENODEV: the
 * event is not supported here; EACCES/EPERM: permission). Returns 0 or
 * -ENOMEM. */
int perf_counter_open(struct perf_counter *c, enum perf_ev ev, const struct perf_target *t);

/* Enable / disable every fd (PERF_EVENT_IOC_ENABLE / DISABLE). */
void perf_counter_enable(struct perf_counter *c, bool on);

/* Read and sum every fd into c->sum. Returns 0 or -errno. */
int perf_counter_read(struct perf_counter *c);

void perf_counter_close(struct perf_counter *c);

/* Parse what read(2) returns for read_format TOTAL_TIME_ENABLED|RUNNING
 * (u64 value, enabled, running). Returns 0 or -EINVAL when len is short. */
int perf_read_parse(const void *buf, size_t len, struct perf_read *out);

/* /proc/sys/kernel/perf_event_paranoid, or -errno. */
int perf_paranoid_read(const struct root *r, int *level);

/* Number of fds a target needs and (pid, cpu) of fd i: system wide, every
 * task on CPU i; per_cpu, tids[0] on CPU i; else thread i on any CPU. */
size_t perf_target_slots(const struct perf_target *t);
void perf_target_slot(const struct perf_target *t, size_t i, pid_t *pid, int *cpu);

/* Highest online CPU + 1 (sources/sys_cpu), else the configured count. */
int perf_ncpus(const struct root *r);

/* ---- the target's threads --------------------------------------------- */

/* Append the thread IDs of pid (from /proc/PID/task/) to *tids. Returns the
 * number added or -errno (-ESRCH/-ENOENT: no such process). */
int perf_pid_tids(const struct root *r, pid_t pid, pid_t **tids, size_t *n);

/* Parse "PID[,PID...]" into pids (at most max). Returns the count or
 * -EINVAL. */
int perf_pid_list_parse(const char *s, pid_t *pids, size_t max);

#endif
