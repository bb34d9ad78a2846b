/* mpstat -I SUM|CPU|SCPU as sysstat 12.6 prints them (mpstat.c
 * write_isumcpu_stats, write_irqcpu_stats): a blank line, a header
 * "%-11s  CPU" then " %9s" (SUM: "intr/s") or one "NAME/s" column per
 * interrupt line, right-aligned in 10 (wider for a longer name); rows
 * "%-11s %4d" (or "  all") and " %9.2f" / " %10.2f" values, "-" unknown.
 * And their JSON. */
#ifndef TRIAGE_VIEWS_MPSTAT_IRQ_H
#define TRIAGE_VIEWS_MPSTAT_IRQ_H

#include <stdio.h>

#include "core/json.h"
#include "model/irq.h"
#include "views/mpstat.h"

enum mpstat_irq_what {
	MPSTAT_I_SUM = 1 << 0,
	MPSTAT_I_CPU = 1 << 1,
	MPSTAT_I_SCPU = 1 << 2,
};

/* One interval's interrupt reports; a NULL table is unavailable (not shown). */
struct mpstat_irq_report {
	unsigned what;			/* MPSTAT_I_* */
	double all_intr_s;		/* SUM "all": /proc/stat intr */
	const struct irq_rates *intr;	/* /proc/interrupts: SUM's CPUs, CPU */
	const struct irq_rates *soft;	/* /proc/softirqs: SCPU */
};

/* The tables of r: SUM (the "all" row when sel->all, CPU rows as -P asks),
 * then CPU and SCPU (every CPU of the file, or -P's). pl labels the header,
 * cl the rows. */
void mpstat_irq_print(FILE *f, const char *pl, const char *cl, const struct mpstat_irq_report *r,
		      const struct mpstat_select *sel);
/* Inside a statistics element: "sum_interrupts": [{"cpu": "all", "intr_s"}],
 * "individual_interrupts" / "soft_interrupts": [{"cpu": "0", "intr":
 * [{"name": "24", "rate_s": x}, ...]}] (null when unavailable). */
void mpstat_irq_json(struct json *j, const struct mpstat_irq_report *r,
		     const struct mpstat_select *sel);

#endif
