/* /proc/softirqs: softirqs raised per possible CPU since boot (HI, TIMER,
 * NET_TX, NET_RX, BLOCK, IRQ_POLL, TASKLET, SCHED, HRTIMER, RCU; 2.6.31);
 * see sources/irq_table.h for the format (mpstat -I SCPU). */
#ifndef TRIAGE_SOURCES_PROC_SOFTIRQS_H
#define TRIAGE_SOURCES_PROC_SOFTIRQS_H

#include <stddef.h>

#include "core/root.h"
#include "sources/irq_table.h"

/* Parse the text (len bytes) into t. Returns 0, -EINVAL (bad_line) or -ENOMEM. */
int proc_softirqs_parse(const char *buf, size_t len, struct irq_table *t);
/* Read proc/softirqs under the root. Returns 0 or -errno. */
int proc_softirqs_read(const struct root *r, struct irq_table *t);

#endif
