/* /proc/uptime: seconds since boot, and idle seconds summed over CPUs.
 * Every interval in the model is the difference of two of these, as sysstat
 * computes it, so live runs and replayed snapshots agree. */
#ifndef TRIAGE_SOURCES_PROC_UPTIME_H
#define TRIAGE_SOURCES_PROC_UPTIME_H

#include <stddef.h>

#include "core/root.h"

struct proc_uptime {
	double up_s;	/* (1) seconds since boot, 10 ms resolution */
	double idle_s;	/* (2) idle seconds, summed over all CPUs */
};

int proc_uptime_parse(const char *buf, size_t len, struct proc_uptime *out);
int proc_uptime_read(const struct root *r, struct proc_uptime *out);

#endif
