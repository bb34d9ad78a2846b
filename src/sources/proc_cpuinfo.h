/* /proc/cpuinfo's clock lines (x86 and others that print them): one
 * "processor : N" line opens each CPU's block, its "cpu MHz : 2599.998"
 * the current frequency (arch/x86/kernel/cpu/proc.c show_cpuinfo()).
 * sar -m CPU takes the MHz to the hundredth, truncated (rd_stats.c
 * read_cpuinfo(): "%u.%u" read as an integer and two digits). */
#ifndef TRIAGE_SOURCES_PROC_CPUINFO_H
#define TRIAGE_SOURCES_PROC_CPUINFO_H

#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

struct cpuinfo_mhz {
	int *cpu;		/* CPU numbers, in file order */
	uint64_t *mhz100;	/* their MHz x 100 */
	size_t n, cap;
};

/* Parse the text; CPUs without a "cpu MHz" line are left out. Returns 0,
 * -ENOENT when no CPU has one (the architecture does not print it), or
 * -ENOMEM. */
int proc_cpuinfo_mhz_parse(const char *buf, size_t len, struct cpuinfo_mhz *out);
int proc_cpuinfo_mhz_read(const struct root *r, struct cpuinfo_mhz *out);
void proc_cpuinfo_mhz_free(struct cpuinfo_mhz *m);

#endif
