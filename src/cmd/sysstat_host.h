/* The facts of the banner the sysstat-style commands (iostat, mpstat, sar)
 * open with: the kernel identity under the root (sources/kernel_id.h),
 * uname's machine, the CPU count and the sample's time. */
#ifndef TRIAGE_CMD_SYSSTAT_HOST_H
#define TRIAGE_CMD_SYSSTAT_HOST_H

#include <time.h>

#include "core/root.h"
#include "sample/sample.h"
#include "sources/kernel_id.h"
#include "sources/proc_stat.h"
#include "views/sysstat_banner.h"

struct sysstat_host {
	struct kernel_id id;
	char machine[65];	/* uname -m, "?" when uname fails */
	struct sysstat_banner b;	/* points into this struct: do not copy it */
};

/* Fill h for a banner dated when, with ncpu CPUs (0: unknown). A kernel
 * file that cannot be read leaves "?" (kernel_id_read). */
void sysstat_host_read(const struct root *r, int ncpu, time_t when, struct sysstat_host *h);

/* The same from a sample (live, snapshot or recorded) that asked for
 * SAMPLE_KERNEL_ID and STAT: its kernel identity ("?" where it has none, as
 * in a recording of the first version) and its CPU count (0 without STAT). */
void sysstat_host_of(const struct sample *s, time_t when, struct sysstat_host *h);

/* The banner's CPU count: sys_cpu_count_read's nr (sysstat's cpu_nr), st
 * the proc/stat already read or NULL; 0 unknown. */
int sysstat_host_ncpu(const struct root *r, const struct proc_stat *st);

#endif
