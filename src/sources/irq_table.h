/* The per-CPU counter tables of /proc/interrupts and /proc/softirqs, one
 * parser for both (fs/proc/interrupts.c show_interrupts + arch
 * arch_show_interrupts; fs/proc/softirqs.c show_softirqs):
 *
 *                CPU0       CPU1
 *    24:          1          0  IO-APIC   5-edge      ACPI:Ged
 *   NMI:          0          0   Non-maskable interrupts
 *   ERR:          0
 *         TIMER:     522475     608556
 *
 * The header names the CPUs of the columns: /proc/interrupts the ONLINE
 * CPUs, /proc/softirqs the POSSIBLE ones, so a column is not a CPU number.
 * Each other line is "NAME:" (an IRQ number or a name, right-aligned), then
 * up to one decimal per column, then, for interrupts, a free-text
 * description (chip, hwirq, trigger, actions: ignored). A few x86 lines hold
 * one global number only (ERR, MIS): the CPUs past it have no value
 * (nvals < ncpu). */
#ifndef TRIAGE_SOURCES_IRQ_TABLE_H
#define TRIAGE_SOURCES_IRQ_TABLE_H

#include <stddef.h>
#include <stdint.h>

#define IRQ_NAME_MAX 32

struct irq_row {
	char name[IRQ_NAME_MAX];	/* before the ':', blanks trimmed */
	size_t nvals;			/* values on the line (<= ncpu) */
};

struct irq_table {
	int *cpus;		/* the header's CPU numbers, in column order */
	size_t ncpu;
	struct irq_row *rows;	/* in file order */
	size_t n, cap;
	uint64_t *v;		/* v[row * ncpu + column] */
	size_t vcap;		/* elements of v */
	int bad_line;		/* 1-based line of a parse error, else 0 */
};

/* Parse the text (len bytes) into t (zeroed or reused). Returns 0, -EINVAL
 * (bad_line set: no "CPUn" header, a line without "NAME:", a name too long,
 * more than 8192 columns) or -ENOMEM. */
int irq_table_parse(const char *buf, size_t len, struct irq_table *t);
/* The row named name, or -1. */
long irq_table_find(const struct irq_table *t, const char *name);
/* The column of CPU cpu, or -1. */
long irq_table_col(const struct irq_table *t, int cpu);
/* dst = a copy of src (dst zeroed or reused). Returns 0 or -ENOMEM. */
int irq_table_copy(struct irq_table *dst, const struct irq_table *src);
void irq_table_free(struct irq_table *t);

#endif
