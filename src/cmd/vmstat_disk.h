/* vmstat -d, -D, -p: procps-ng 4.0.2's disk reports from /proc/diskstats
 * (and sys/block, to tell disks from partitions). */
#ifndef TRIAGE_CMD_VMSTAT_DISK_H
#define TRIAGE_CMD_VMSTAT_DISK_H

#include <stdbool.h>

#include "sample/loop.h"
#include "views/vmstat.h"

struct vmstat_disk_opts {
	char mode;		/* 'd', 'D' or 'p' */
	const char *part;	/* -p: the disk or partition ("/dev/" dropped) */
	const struct vmstat_view *view;
	bool json, one_header, stamp;
	double interval;
	long count;		/* samples; -D takes one */
};

/* What the disk reports ask each sample for. */
#define VMSTAT_DISK_WANT { .parts = SAMPLE_BIT(DISKSTATS), .blocks = true }

/* Runs the report on the loop (opened with VMSTAT_DISK_WANT); returns 0, or
 * -errno after saying why. */
int vmstat_disk_run(const struct vmstat_disk_opts *o, struct sample_loop *lp);

#endif
