/* Per-task rates and percentages from two PID scans (sources/proc_pid_scan.h):
 * sysstat 12.6 pidstat's -u, -r, -d figures and procps-ng 4.0 top's %CPU,
 * %MEM and TIME+.
 *
 * The two samples are joined by (pid, tid) in one merge pass: both are sorted.
 * A task in the current sample and not in the previous one, or whose
 * starttime changed (the PID was reused), started during the interval: all of
 * its counters accrued in it, so the previous values are taken as zero (what
 * pidstat does for a new PID). Tasks only in the previous sample exited and
 * are not reported. */
#ifndef TRIAGE_MODEL_PID_H
#define TRIAGE_MODEL_PID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/mem.h"
#include "sources/proc_pid_scan.h"
#include "sources/proc_stat.h"

struct pid_params {
	double dt_s;		/* interval from /proc/uptime; since boot: uptime */
	long hz;		/* USER_HZ, clock ticks per second (100) */
	long page_kb;		/* page size in kB (4) */
	uint64_t mem_total_kb;	/* MemTotal, for %MEM (0: unknown) */
	int ncpus;		/* online CPUs: caps top's %CPU, divides pidstat -I's */
	double nintervals;	/* Average rows: the intervals they span (-T CHILD's
				 * ms are per interval); 0 or 1 otherwise */
};

/* pidstat -u, percentages of one CPU over the interval (sysstat 12.6
 * pidstat.c write_pid_task_cpu_stats, with SP_VALUE = delta / (itv*HZ/100) * 100
 * and itv the uptime difference in centiseconds). */
struct pid_cpu {
	double usr;		/* (utime - guest_time) delta; 0 when it went backwards */
	double system;		/* stime delta */
	double guest;		/* guest_time delta */
	double wait;		/* schedstat run-queue wait, in whole ticks as
				 * pidstat truncates it (ns * HZ / 1e9); NAN if absent */
	double cpu;		/* utime + stime (guest already in utime) */
	double cpu_smp;		/* -I: cpu over the online CPUs (ncpus) */
	int processor;		/* CPU last run on */
};

/* pidstat -R (write_pid_task_rt_stats): the current sample's stat (40)
 * rt_priority and (41) policy (SCHED_NORMAL 0, FIFO 1, RR 2, BATCH 3,
 * IDLE 5, DEADLINE 6). */
struct pid_rt {
	unsigned prio;
	unsigned policy;
};

/* pidstat -T CHILD (write_pid_child_cpu_stats): milliseconds of CPU of the
 * task and its waited-for children in the interval: stat's utime + cutime
 * less guest_time + cguest_time, stime + cstime, guest_time + cguest_time,
 * ticks x 1000 / HZ; on Average rows per interval (over nintervals). A sum
 * that went backwards is 0, as sysstat prints it. */
struct pid_child {
	double usr_ms, system_ms, guest_ms;
	double minflt_nr, majflt_nr;	/* -T CHILD -r: faults of the task and children */
};

/* pidstat -r. */
struct pid_mem {
	double minflt_s;	/* minor faults per second */
	double majflt_s;	/* major faults per second */
	uint64_t vsz_kb;	/* vsize / 1024 */
	uint64_t rss_kb;	/* rss pages * page size */
	double mem_pct;		/* rss_kb / MemTotal * 100; NAN when unknown */
};

/* pidstat -d. Rates in kB/s; NAN when /proc/PID/io is unreadable. */
struct pid_io {
	double rd_kbs;		/* read_bytes / 1024 per second */
	double wr_kbs;		/* write_bytes */
	double ccwr_kbs;	/* cancelled_write_bytes */
	double iodelay;		/* delayacct_blkio_ticks delta (ticks, not a rate) */
};

/* pidstat -w (sysstat 12.6 write_pid_task_ctxsw_stats): S_VALUE of the
 * status file's voluntary_ctxt_switches and nonvoluntary_ctxt_switches.
 * NAN when status was not read. */
struct pid_ctxsw {
	double cswch_s;		/* voluntary switches per second */
	double nvcswch_s;	/* non-voluntary (preempted) switches per second */
};

/* pidstat -v (write_pid_task_ktab_stats): gauges of the current sample. */
struct pid_ktab {
	double threads;		/* stat (20) num_threads = status Threads: */
	double fd_nr;		/* entries of fd/; NAN when unreadable (not root) */
};

/* pidstat -s (write_pid_task_stack_stats): the [stack] mapping of smaps, kB.
 * NAN when smaps was unreadable. */
struct pid_stack {
	double size_kb;		/* StkSize: Size: of [stack] */
	double ref_kb;		/* StkRef: Referenced: of [stack] */
};

struct pid_row {
	const struct proc_pid_rec *cur;	/* the current sample's record */
	const struct proc_pid_rec *prev;	/* NULL: new in this interval (or since boot) */
	bool active_cpu, active_mem, active_io;	/* pidstat's "active task" tests */
	bool active_ctxsw, active_ktab, active_stack;
	bool active_rt;		/* -R: a real-time priority (rt_priority > 0) */
	bool active_child;	/* -T CHILD: the task's or its children's times moved */
	bool active_child_mem;	/* -T CHILD -r: their faults moved */
	struct pid_rt rt;
	struct pid_child child;
	struct pid_cpu cpu;
	struct pid_mem mem;
	struct pid_io io;
	struct pid_ctxsw ctxsw;
	struct pid_ktab ktab;
	struct pid_stack stack;
	/* top */
	double top_cpu;		/* %CPU, Irix mode (not divided by CPUs) */
	double top_mem;		/* %MEM = RES / MemTotal */
	uint64_t time_cs;	/* TIME+: utime + stime, in centiseconds */
};

/* One row per record of cur, in cur's order. prev may be NULL (since boot:
 * counters against zero over dt_s = uptime). Returns 0 or -ENOMEM; *rows is
 * malloc'd. */
int pid_model(const struct proc_pid_sample *prev, const struct proc_pid_sample *cur,
	      const struct pid_params *p, struct pid_row **rows, size_t *n);

/* One row from two records (prev NULL: counting from zero). Exposed for tests. */
void pid_model_row(const struct proc_pid_rec *prev, const struct proc_pid_rec *cur,
		   const struct pid_params *p, struct pid_row *out);

/* top's "Tasks:" line: R running; T, t stopped; Z zombie; the rest (S, D,
 * I idle kernel threads ...) sleeping, as procps-ng 4.0 counts them. */
struct pid_counts {
	unsigned total, running, sleeping, stopped, zombie;
};
void pid_count_states(const struct proc_pid_sample *s, struct pid_counts *out);

/* top's "%Cpu(s)" line (procps-ng 4.0 top.c cpu_tics()): the deltas of the
 * "cpu" line's user nice system idle iowait irq softirq steal over their sum
 * (guest is inside user and not added again; an idle or iowait that went
 * backwards counts 0, procps's TRIMz; a zero sum shows 100 idle). */
struct pid_top_cpu {
	double us, sy, ni, id, wa, hi, si, st;
};
void pid_top_cpu(const struct proc_stat_cpu *prev, const struct proc_stat_cpu *cur,
		 struct pid_top_cpu *out);

/* top's "MiB Mem" and "MiB Swap" lines: free's figures (model/mem.h) in MiB. */
struct pid_top_mem {
	double total, free, used, buff_cache;
	double swap_total, swap_free, swap_used, avail;
};
void pid_top_mem(const struct mem_free *m, struct pid_top_mem *out);

#endif
