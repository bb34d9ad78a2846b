/* Which CPUs exist and which are online.
 *
 * sys/devices/system/cpu/online, .../present and .../possible hold CPU lists in the
 * kernel's "cpulist" format (Documentation/ABI/testing/sysfs-devices-system-cpu,
 * lib/bitmap.c bitmap_parselist()): comma-separated numbers and ranges,
 * "0-3,5,7-8", a trailing newline; "" when empty. Without sysfs (old
 * kernels, containers without /sys, fixtures) the CPUs are counted from the
 * "processor : N" lines of proc/cpuinfo, which lists online CPUs only.
 *
 * Usage:
 *	struct sys_cpu sc = { 0 };
 *	err = sys_cpu_read(root, &sc);
 *	... sc.online.count, sys_cpu_list_has(&sc.possible, 5) ...
 *	sys_cpu_free(&sc);
 */
#ifndef TRIAGE_SOURCES_SYS_CPU_H
#define TRIAGE_SOURCES_SYS_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

/* Highest CPU number + 1 accepted (the kernel's NR_CPUS limit). */
#define SYS_CPU_MAX 8192

/* A set of CPU numbers. */
struct sys_cpu_list {
	uint64_t *mask;		/* bit n set: CPU n is in the list */
	int nbits;		/* highest CPU in the list + 1 (0 when empty) */
	int count;		/* CPUs in the list */
};

struct sys_cpu {
	struct sys_cpu_list online;	/* CPUs running now */
	struct sys_cpu_list present;	/* CPUs in the machine now (a cpuN directory
					 * each: what sysstat counts for "(N CPU)") */
	struct sys_cpu_list possible;	/* CPUs that can ever be online (hotplug slots) */
	bool from_cpuinfo;		/* no sysfs: both lists counted from cpuinfo */
};

/* Parse a cpulist ("0-3,5\n") of len bytes into l (replacing its contents;
 * l zeroed or from an earlier parse). Returns 0, -EINVAL on bad syntax or a
 * reversed range, -ERANGE for a CPU >= SYS_CPU_MAX, -ENOMEM. */
int sys_cpu_list_parse(const char *buf, size_t len, struct sys_cpu_list *l);

/* Collect the N of every "processor : N" line of a cpuinfo text. Returns 0
 * (an empty list when there are none: some architectures lack the line),
 * -ERANGE, -ENOMEM. */
int sys_cpu_cpuinfo_parse(const char *buf, size_t len, struct sys_cpu_list *l);

static inline bool sys_cpu_list_has(const struct sys_cpu_list *l, int cpu)
{
	return cpu >= 0 && cpu < l->nbits && (l->mask[cpu / 64] >> (cpu % 64)) & 1;
}

void sys_cpu_list_free(struct sys_cpu_list *l);

/* Read online, present and possible under root, or count cpuinfo's
 * processors when sys/devices/system/cpu/online cannot be read (present and
 * possible then = online). A missing "possible" reads as online, a missing
 * "present" as possible. Returns 0 or
 * -errno of the cpuinfo read when neither source works. */
int sys_cpu_read(const struct root *r, struct sys_cpu *sc);
void sys_cpu_free(struct sys_cpu *sc);

struct proc_stat;

/* The CPU counts, by one rule for every command. */
struct sys_cpu_count {
	/* sysstat's cpu_nr (count.c get_cpu_nr), for the "(N CPU)" banners,
	 * the divisors of %-of-all-CPUs figures and mpstat's CPU columns: the
	 * highest N of the sys/devices/system/cpu/cpuN directories + 1 (a
	 * directory per present CPU, online or not; sysstat's iostat and
	 * pidstat count them, which is the same unless the numbers have
	 * holes), or proc/stat's highest cpuN + 1 when higher (without sysfs,
	 * or a partial capture); else the present list (sysfs's files, or
	 * cpuinfo). 0 when nothing can be read. */
	int nr;
	/* CPUs that can run tasks now (top's %CPU cap, the run-queue
	 * saturation of the report): sysfs's online list, else cpuinfo's
	 * processors, else proc/stat's cpuN lines, else nr. */
	int online;
};

/* Fill c under root. st: the proc/stat the caller has read, or NULL (then
 * read here when needed). */
void sys_cpu_count_read(const struct root *r, const struct proc_stat *st,
			struct sys_cpu_count *c);

#endif
