/* /proc/stat: CPU time counters, context switches, interrupts, forks.
 *
 * Format (Documentation/filesystems/proc.rst, "1.7 Miscellaneous kernel
 * statistics in /proc/stat"; fs/proc/stat.c show_stat()):
 *
 *   cpu  user nice system idle iowait irq softirq steal guest guest_nice
 *   cpu0 ...                      one line per ONLINE CPU (an offline CPU
 *   cpu3 ...                      has no line: the numbers may have holes)
 *   intr TOTAL per-irq...          very long on big machines
 *   ctxt N
 *   btime EPOCH
 *   processes N                    forks since boot
 *   procs_running N
 *   procs_blocked N
 *   softirq TOTAL per-softirq...
 *
 * CPU times are in USER_HZ ticks (sysconf(_SC_CLK_TCK), 100 on every Linux
 * architecture). Old kernels print fewer columns: iowait/irq/softirq came with
 * 2.6.0, steal 2.6.11, guest 2.6.24, guest_nice 2.6.33; missing ones read 0.
 * guest and guest_nice are ALREADY included in user and nice
 * (kernel/sched/cputime.c account_guest_time()); see model/cpu.h.
 *
 * Usage:
 *	struct proc_stat st;
 *	proc_stat_init(&st);
 *	err = proc_stat_read(root, &st);	(again for each sample)
 *	proc_stat_free(&st);
 */
#ifndef TRIAGE_SOURCES_PROC_STAT_H
#define TRIAGE_SOURCES_PROC_STAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

/* Highest CPU number + 1 accepted (the kernel's NR_CPUS limit is 8192). */
#define PROC_STAT_MAX_CPUS 8192

/* One "cpu" or "cpuN" line, in USER_HZ ticks since boot. */
struct proc_stat_cpu {
	uint64_t user;		/* (1) normal processes in user mode, guest included */
	uint64_t nice;		/* (2) niced processes in user mode, guest_nice included */
	uint64_t system;	/* (3) kernel mode */
	uint64_t idle;		/* (4) idle task */
	uint64_t iowait;	/* (5) idle with I/O outstanding (2.6.0; unreliable, may go back) */
	uint64_t irq;		/* (6) servicing hard interrupts (2.6.0) */
	uint64_t softirq;	/* (7) servicing softirqs (2.6.0) */
	uint64_t steal;		/* (8) involuntary wait under a hypervisor (2.6.11) */
	uint64_t guest;		/* (9) running a guest vCPU (2.6.24) */
	uint64_t guest_nice;	/* (10) running a niced guest (2.6.33) */
};

/* Which of the single-number lines were present. */
enum {
	PROC_STAT_HAVE_CTXT = 1u << 0,
	PROC_STAT_HAVE_BTIME = 1u << 1,
	PROC_STAT_HAVE_PROCESSES = 1u << 2,
	PROC_STAT_HAVE_RUNNING = 1u << 3,
	PROC_STAT_HAVE_BLOCKED = 1u << 4,
	PROC_STAT_HAVE_INTR = 1u << 5,
	PROC_STAT_HAVE_SOFTIRQ = 1u << 6,
};

struct proc_stat {
	struct proc_stat_cpu all;	/* the "cpu" line: sum over online CPUs */
	int all_fields;			/* columns on the "cpu" line (4 .. 10) */
	/* Per CPU, indexed by CPU number, ncpu entries (highest cpuN + 1).
	 * online[n] is true when a "cpuN" line was in this sample; the
	 * counters of a CPU without a line are zero. Arrays grow on demand. */
	struct proc_stat_cpu *cpu;
	bool *online;
	int ncpu;
	int cap;			/* allocated entries of cpu and online */
	int nonline;			/* how many cpuN lines */

	uint64_t intr;		/* "intr": first number, all interrupts since boot */
	uint64_t ctxt;		/* "ctxt": context switches since boot */
	uint64_t btime;		/* "btime": boot time, seconds since the epoch */
	uint64_t processes;	/* "processes": forks (and clones) since boot */
	uint64_t procs_running;	/* "procs_running": runnable tasks now (2.5.45) */
	uint64_t procs_blocked;	/* "procs_blocked": tasks in D state on I/O now (2.5.45) */
	uint64_t softirq;	/* "softirq": first number, all softirqs since boot (2.6.31) */
	unsigned have;		/* PROC_STAT_HAVE_* */
	int bad_line;		/* after -EINVAL from proc_stat_read: the line, 0 unknown */
};

void proc_stat_init(struct proc_stat *st);
void proc_stat_free(struct proc_stat *st);

/* Parse the text of /proc/stat (len bytes, need not be NUL-terminated) into
 * st, replacing what it held (arrays are reused). Returns 0, -EINVAL when
 * there is no "cpu" line or a line is malformed (lineno, when not NULL, gets
 * the 1-based line), -ERANGE for a CPU number >= PROC_STAT_MAX_CPUS, or
 * -ENOMEM. */
int proc_stat_parse(const char *buf, size_t len, struct proc_stat *st, int *lineno);

/* Read proc/stat under root and parse it. Returns 0 or -errno. */
int proc_stat_read(const struct root *r, struct proc_stat *st);

/* Make room for CPU numbers below ncpu (arrays grow, new entries zeroed,
 * offline); st->ncpu is raised to ncpu. Returns 0, -ERANGE, -ENOMEM. */
int proc_stat_reserve(struct proc_stat *st, int ncpu);

/* Copy src into dst (dst initialised with proc_stat_init). 0 or -ENOMEM. */
int proc_stat_copy(struct proc_stat *dst, const struct proc_stat *src);

/* Sum of all ten fields of one line, in ticks (guest counted once more, as
 * the kernel double-counts it; model/cpu.c subtracts it). */
static inline uint64_t proc_stat_cpu_sum(const struct proc_stat_cpu *c)
{
	return c->user + c->nice + c->system + c->idle + c->iowait + c->irq +
	       c->softirq + c->steal + c->guest + c->guest_nice;
}

#endif
