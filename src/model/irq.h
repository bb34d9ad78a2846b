/* mpstat -I CPU / SCPU / SUM arithmetic (sysstat 12.6 mpstat.c
 * write_irqcpu_stats, write_isumcpu_stats) on two samples of
 * /proc/interrupts or /proc/softirqs: for each line and CPU,
 *   NAME/s = (cur - prev) / dt
 * and each CPU's intr/s (SUM) the sum of its lines' rates. dt comes from
 * /proc/uptime (sysstat takes each CPU's own tick interval; on an idle
 * machine they differ by a few hundredths of a second).
 * A line absent from prev (a driver registered its IRQ in between) counts
 * from zero, as sysstat does; a CPU absent from prev's header (came online)
 * is unknown; a counter that went backwards is unknown (NAN) and makes that
 * CPU's sum unknown. A CPU a line has no value for (x86's ERR and MIS hold
 * one global number) is unknown in that cell and left out of the sum. */
#ifndef TRIAGE_MODEL_IRQ_H
#define TRIAGE_MODEL_IRQ_H

#include <stddef.h>

#include "sources/irq_table.h"

struct irq_rates {
	const struct irq_table *t;	/* cur: names (t->rows), CPUs (t->cpus) */
	double *v;			/* v[row * t->ncpu + column], per second */
	double *sum;			/* sum[column]: all lines, per second */
	size_t cap;			/* elements of v */
	size_t sumcap;
};

/* out from prev (NULL: since boot, from zero) and cur (which must outlive
 * out's use). Returns 0 or -ENOMEM. */
int irq_model(const struct irq_table *prev, const struct irq_table *cur, double dt_s,
	      struct irq_rates *out);
void irq_rates_free(struct irq_rates *r);

#endif
