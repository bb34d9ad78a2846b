/* The means behind pidstat's "Average:" lines for gauges.
 *
 * Rates average by themselves: the Average table models the first sample
 * against the last (model/pid.h). Gauges do not: sysstat 12.6 pidstat keeps,
 * per task, the sum of each gauge over the intervals in which the task
 * existed and a count (plist->total_vsz, total_rss, total_threads,
 * total_fd_nr, total_stack_size, total_stack_ref, and delay_asum_count for
 * iodelay), and prints sum / count in the Average table
 * (write_pid_task_memory_stats, write_pid_ktab_stats, write_pid_stack_stats,
 * write_pid_io_stats). This does the same, keyed by (pid, tid, starttime) so
 * that a reused PID starts afresh. */
#ifndef TRIAGE_MODEL_PID_AVG_H
#define TRIAGE_MODEL_PID_AVG_H

#include <stddef.h>
#include <stdint.h>

#include "model/pid.h"

struct pid_avg_ent {
	int pid, tid;
	uint64_t start;		/* stat (22) starttime */
	unsigned n;		/* intervals the task was seen in */
	unsigned n_fd, n_stack;	/* of those, with fd-nr / stack known */
	double vsz, rss;	/* kB sums */
	double threads, fd_nr;
	double stk_size, stk_ref;
};

struct pid_avg {
	struct pid_avg_ent *v;	/* sorted by (pid, tid), the rows' order */
	size_t n;
};

/* Add one interval's rows (pid_model's, sorted by (pid, tid)). Tasks not in
 * rows are dropped: they exited. Returns 0 or -ENOMEM (a then unchanged). */
int pid_avg_add(struct pid_avg *a, const struct pid_row *rows, size_t n);

/* Replace the gauges of the Average rows (first sample against last) by
 * their means: VSZ, RSS (and %MEM from the mean RSS, truncated to whole kB
 * as sysstat's integer division does), threads, fd-nr, StkSize, StkRef, and
 * iodelay divided by the count. A gauge unknown in the last sample stays
 * unknown. mem_total_kb: MemTotal for %MEM (0: unknown). */
void pid_avg_apply(const struct pid_avg *a, struct pid_row *rows, size_t n,
		   uint64_t mem_total_kb);

void pid_avg_free(struct pid_avg *a);

#endif
