/* iostat's interval arithmetic, as sysstat 12.6 computes it (iostat.c
 * write_ext_stat / write_basic_stat, common.c compute_ext_disk_stats), on two
 * /proc/diskstats samples, and iostat's rules for which devices to show.
 *
 * A device whose every counter that was not zero went backwards was
 * removed and registered again: as sysstat does, the previous sample is
 * taken as zero, so the interval shows the I/O since the re-registration. A
 * counter going backwards on its own makes the whole row unknown (NAN). The
 * millisecond fields are 32-bit in the kernel, so one wrap of those is
 * allowed (and they are not looked at to tell a re-registration). A device without a
 * previous sample (the first report, or one that appeared since) is
 * measured from zero, as sysstat does: its counters began at zero. */
#ifndef TRIAGE_MODEL_DISK_H
#define TRIAGE_MODEL_DISK_H

#include <stdbool.h>
#include <stddef.h>

#include "sources/dev_disk.h"
#include "sources/proc_diskstats.h"
#include "sources/sys_block.h"

/* Sectors per output unit: kB (2, iostat -k, the default) or MB (2048, -m). */
enum disk_unit {
	DISK_UNIT_KB = 2,
	DISK_UNIT_MB = 2048,
};

/* One device over one interval. "kb" fields are in the requested unit (kB or
 * MB); the *areq_sz fields are always kB, as in sysstat. NAN = unknown. */
struct disk_rates {
	/* iostat -x */
	double r_s, rkb_s, rrqm_s, rrqm_pct, r_await, rareq_sz;
	double w_s, wkb_s, wrqm_s, wrqm_pct, w_await, wareq_sz;
	double d_s, dkb_s, drqm_s, drqm_pct, d_await, dareq_sz;
	double f_s, f_await;
	double aqu_sz;		/* average queue length: weighted ms / elapsed ms */
	double util_pct;	/* %util: busy ms / elapsed ms x 100, at most 100 */
	/* iostat -d */
	double tps;		/* (reads + writes + discards) / s */
	double kb_read_s, kb_wrtn_s, kb_dscd_s;
	double kb_read, kb_wrtn, kb_dscd;	/* amounts in the interval (whole units) */
	/* all directions together (sar -d, iostat -s -x): kB per request and ms
	 * per request, over reads + writes + discards (0 without requests) */
	double areq_sz, await;
	/* iostat -s -x: kB/s and merges/s of reads, writes and discards */
	double kb_s, rqm_s;
	/* iostat -s -d: written and discarded together ("kB_w+d/s", "kB_w+d") */
	double kb_wd_s, kb_wd;
};

/* Rates of one device. prev NULL: counted from zero (since boot, or since
 * the device appeared). dt_s: the interval in seconds. */
void disk_model_rates(const struct diskstats_dev *prev, const struct diskstats_dev *cur,
		      double dt_s, enum disk_unit unit, struct disk_rates *out);

/* Which devices iostat shows (sysstat 12.6 iostat main() and write_stats()):
 * - default: every whole device (an entry of sys/block), sorted by name;
 * - devices named on the command line: those only (a partition too), sorted;
 *   the keyword ALL adds every whole device;
 * - -p DEV[,DEV]: those devices and their partitions (sys/block/DEV/PART);
 * - -p ALL, or -p alone: every line of /proc/diskstats, in its order;
 * - devices with no I/O since boot (reads, writes, discards and flushes all
 *   zero: unused loop and ram devices) are left out, unless devices were
 *   named or -p was given an argument ("unfiltered");
 * - -z leaves out devices with no I/O completed in the interval;
 * - -g NAME DEV...: after the devices not in a group (sorted), each group's
 *   devices in the order given, then the group's own row: the sums of its
 *   devices' counters, %util their mean (sysstat divides by the number of
 *   devices); -H: the group rows only;
 * - the extended report leaves out partitions of old kernels that have only
 *   4 fields (no merges, ticks or queue: nothing to show). */
/* -g NAME DEV... (members named, or all: every whole device shown). */
struct disk_group {
	const char *name;
	const char *const *members;
	size_t nmembers;
	bool all;
};

struct disk_select {
	const char *const *names;	/* devices named (diskstats form), or NULL */
	size_t nnames;
	const char *const *pdevs;	/* -p DEV,DEV: devices with their partitions */
	size_t npdevs;
	bool all_devices;	/* the ALL keyword among the names */
	bool everything;	/* -p ALL or a bare -p */
	bool unfiltered;	/* named devices, or -p with an argument */
	bool zero_omit;		/* -z */
	bool dm_names;		/* -N: device-mapper disks by their dm name */
	bool extended;		/* -x */
	const struct disk_group *groups;	/* -g, in command-line order */
	size_t ngroups;
	bool groups_only;	/* -H */
	const struct dev_disk *persist;	/* -j: shown by persistent name, or NULL */
};

struct disk_row {
	char name[DEV_DISK_NAME_MAX];	/* as shown (dm name with -N, persistent with -j) */
	char kname[DISKSTATS_NAME_MAX];	/* kernel name (the group's name for a group) */
	bool is_partition;
	bool is_group;			/* -g's row */
	struct disk_rates r;
};

struct disk_report {
	struct disk_row *rows;
	size_t n, cap;
};

/* The rows of one report. prev NULL for the report since boot. sb may be
 * NULL (no sys/block: every diskstats line counts as a whole device).
 * Returns 0 or -ENOMEM. */
int disk_model_report(const struct proc_diskstats *prev, const struct proc_diskstats *cur,
		      const struct sys_block *sb, const struct disk_select *sel,
		      double dt_s, enum disk_unit unit, struct disk_report *out);

/* The first of the named (or -p) devices that is in neither cur nor sb, or
 * NULL when all exist. */
const char *disk_model_missing(const struct proc_diskstats *cur, const struct sys_block *sb,
			       const struct disk_select *sel);

void disk_report_free(struct disk_report *rep);

#endif
