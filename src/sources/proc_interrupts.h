/* /proc/interrupts: hardware interrupts (and x86's NMI, LOC, RES, CAL, TLB ...)
 * per online CPU since boot, one line per IRQ line; see sources/irq_table.h
 * for the format (mpstat -I CPU). */
#ifndef TRIAGE_SOURCES_PROC_INTERRUPTS_H
#define TRIAGE_SOURCES_PROC_INTERRUPTS_H

#include <stddef.h>

#include "core/root.h"
#include "sources/irq_table.h"

/* Parse the text (len bytes) into t. Returns 0, -EINVAL (bad_line) or -ENOMEM. */
int proc_interrupts_parse(const char *buf, size_t len, struct irq_table *t);
/* Read proc/interrupts under the root. Returns 0 or -errno. */
int proc_interrupts_read(const struct root *r, struct irq_table *t);

#endif
