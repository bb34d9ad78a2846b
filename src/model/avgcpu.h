/* iostat's avg-cpu line (sysstat 12.6 iostat.c write_plain_cpu_stat()):
 * percentages of the "cpu" line of /proc/stat over the interval, where
 *   %user   = user (guest time included: iostat does not subtract it)
 *   %nice   = nice (guest_nice included)
 *   %system = system + irq + softirq ("time spent servicing hard and soft
 *             interrupts" is counted as system)
 *   %iowait, %steal, %idle as they are,
 * all over user+nice+system+idle+iowait+irq+softirq+steal. Computed from
 * model/cpu on the "cpu" line alone (ncpu 1), whose mpstat columns split
 * guest out of user; they are added back here. */
#ifndef TRIAGE_MODEL_AVGCPU_H
#define TRIAGE_MODEL_AVGCPU_H

#include "model/cpu.h"

struct avgcpu {
	double user, nice, system, iowait, steal, idle;
};

/* From a cpu_model computed with ncpu 1 (its "all"). */
void avgcpu_from_model(const struct cpu_model *m, struct avgcpu *out);

/* prev NULL: since boot. Returns 0 or -ENOMEM. */
int avgcpu_compute(const struct proc_stat *prev, const struct proc_stat *cur, double dt_s,
		   struct avgcpu *out);

#endif
