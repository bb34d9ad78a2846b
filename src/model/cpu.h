/* CPU utilisation from two /proc/stat samples, with sysstat's formulas
 * (mpstat 12.6: get_global_cpu_mpstats(), get_per_cpu_interval(),
 * write_plain_cpu_stats(); common.c ll_sp_value()), and the vmstat CPU
 * columns with procps-ng 4.0.2's (vmstat.c new_format()).
 *
 * mpstat percentages, per CPU:
 *   interval = delta of user+nice+system+idle+iowait+irq+softirq+steal
 *              (guest and guest_nice are NOT added: the kernel already counts
 *              them in user and nice, kernel/sched/cputime.c account_guest_time())
 *   %usr   = delta(user - guest) / interval * 100
 *   %nice  = delta(nice - guest_nice) / interval * 100
 *   %sys %iowait %irq %soft %steal %guest %gnice %idle = delta(field) / interval * 100
 * and for "all", on a machine with more than one CPU, the sum over the CPUs
 * that have a reference in both samples, with the sum of their intervals.
 * A uniprocessor uses the "cpu" line itself.
 *
 * The quirks kept from sysstat, each for a reason:
 *  - A field that went backwards gives 0.00, not a negative number (ll_sp_value:
 *    "Dyn-tick kernels have a race issue that can make those counters go
 *    backward"; iowait is the usual one). The sample is not discarded: the
 *    other columns of the same CPU are still right; the CPU is flagged
 *    (cpu_model_cpu.backwards). Deviation: sysstat subtracts the tick sums,
 *    so that backward tick shrinks the interval and another column can pass
 *    100 %; here a backward field adds 0 to the interval instead. (The house
 *    rule makes a backward counter unknown; mpstat is asked for sysstat's
 *    numbers, so it keeps the 0.00 and the flag carries the information.)
 *  - user - guest (or nice - guest_nice) lower than before: the guest counter
 *    is read slightly ahead of user; the interval is widened by the shortfall
 *    (get_per_cpu_interval "ishift").
 *  - idle or iowait lower than before: a CPU that went offline and came back
 *    restarts those two from zero while user/nice/system keep counting; the
 *    previous value is taken as 0 (get_per_cpu_interval).
 *  - A CPU without a cpuN line in the current sample is offline: not shown,
 *    adds nothing to "all". Its counters are carried forward (cpu_model_carry)
 *    so that when it comes back its numbers do not jump from zero.
 *  - A CPU without a reference in the previous sample (it came back online
 *    during the interval and there is nothing to subtract) is not shown and
 *    not counted in "all", except for the since-boot report.
 *  - A CPU whose counters did not move at all (tickless, interval 0) shows
 *    0.00 everywhere and 100.00 idle.
 *  - "all" with interval 0 uses 1 ("CPU all cannot be tickless").
 */
#ifndef TRIAGE_MODEL_CPU_H
#define TRIAGE_MODEL_CPU_H

#include <stdbool.h>

#include "sources/proc_stat.h"

/* USER_HZ: the unit of /proc/stat times. 100 on every Linux architecture
 * (include/asm-generic/param.h); sysconf(_SC_CLK_TCK) returns it. */
#define CPU_USER_HZ 100

/* Percentages of one CPU (or all), mpstat -u columns. */
struct cpu_pct {
	double usr, nice, sys, iowait, irq, soft, steal, guest, gnice, idle;
};

/* Busy: the share of the interval the CPU ran something for this machine,
 * 100 - %idle - %iowait - %steal (steal is the hypervisor's, not ours: a
 * saturation signal of its own). The one definition of "busy" that the
 * report's CPU rows, its rules and the per-CPU figures all use. */
static inline double cpu_pct_busy(const struct cpu_pct *p)
{
	double b = 100.0 - p->idle - p->iowait - p->steal;

	return b < 0 ? 0 : b;
}

enum cpu_state {
	CPU_OK,		/* numbers computed */
	CPU_TICKLESS,	/* counters did not move: 0 ... 100 idle */
	CPU_OFFLINE,	/* no line in the current sample: not shown */
	CPU_NEW,	/* no reference in the previous sample: not shown */
};

struct cpu_model_cpu {
	enum cpu_state state;
	bool backwards;		/* some counter went backwards (shown as 0) */
	double ticks;		/* the interval in ticks used for this CPU */
	struct cpu_pct pct;
};

struct cpu_model {
	double dt_s;		/* seconds between the samples (from /proc/uptime) */
	struct cpu_pct all;	/* the "all" line */
	double all_ticks;	/* its interval in ticks (sum over counted CPUs) */
	int ncpu;		/* entries of cpu[] */
	struct cpu_model_cpu *cpu;	/* per CPU number; owned, see cpu_model_free */
	int cap;

	/* Rates per second over dt_s; NAN when unknown (counter went back,
	 * line missing, dt_s not positive). */
	double ctxt_s;		/* context switches/s  (sar -w cswch/s) */
	double intr_s;		/* interrupts/s        (sar -I SUM intr/s) */
	double forks_s;		/* processes created/s (sar -w proc/s) */
	/* Instantaneous, from the current sample. */
	double procs_running, procs_blocked;
};

void cpu_model_init(struct cpu_model *m);
void cpu_model_free(struct cpu_model *m);

/* Compute m from prev (NULL: since boot, every counter from zero) and cur.
 * ncpu: how many CPU numbers to consider (mpstat's cpu_nr: the highest
 * possible CPU + 1); CPUs above cur's and prev's highest line are offline.
 * dt_s: seconds between the samples, used for the rates only (CPU
 * percentages are ratios of ticks). Returns 0 or -ENOMEM. */
int cpu_model_compute(const struct proc_stat *prev, const struct proc_stat *cur,
		      int ncpu, double dt_s, struct cpu_model *m);

/* After computing, carry the counters of CPUs that are offline in cur from
 * prev into cur (sysstat: "*scc = *scp"), so that the next interval compares
 * a CPU coming back with its last known values. cur->online is unchanged.
 * Returns 0 or -ENOMEM. */
int cpu_model_carry(struct proc_stat *cur, const struct proc_stat *prev);

/* mpstat -N: per NUMA node, the counters of its CPUs summed in each sample
 * and the percentages of the sums over the sums' interval (sysstat 12.6
 * set_node_cpu_stats + write_node_stats); the CPUs counted are those m shows
 * (not offline, not just back online). "all" is m->all. */
struct cpu_node_model {
	int nnodes;
	struct cpu_model_cpu *node;	/* per node number; CPU_OFFLINE: no CPU counted */
	int cap;
};

/* Compute out from prev (NULL: since boot), cur and m (cpu_model_compute's
 * result for the same pair); cpu2node[i] the node of CPU i (-1: none), for
 * i < ncpu2node. Returns 0 or -ENOMEM. */
int cpu_model_nodes(const struct proc_stat *prev, const struct proc_stat *cur,
		    const struct cpu_model *m, const int *cpu2node, int ncpu2node, int nnodes,
		    struct cpu_node_model *out);
void cpu_node_model_free(struct cpu_node_model *n);

/* vmstat's CPU columns, integer percentages, procps-ng 4.0.2 new_format():
 *   use = user + nice, sys = system + irq + softirq,
 *   Div = use + sys + idle + iowait + steal (0 -> 1, idle 1),
 *   us = (100 * (use - guest - guest_nice) + Div/2) / Div (use < guest: 0),
 *   sy, id, wa, st likewise, gu = guest + guest_nice.
 * An idle count that went backwards counts as 0 (procps carries the debt to
 * the next interval; a two-sample model cannot, and says so here). */
struct cpu_vmstat {
	unsigned long us, sy, id, wa, st, gu;
	unsigned long long div;	/* the tick total the percentages divide */
};
void cpu_model_vmstat(const struct proc_stat_cpu *prev, const struct proc_stat_cpu *cur,
		      struct cpu_vmstat *out);

#endif
