/* /proc/diskstats: one line of cumulative I/O counters per block device and
 * partition (Documentation/admin-guide/iostats.rst).
 *
 *   major minor name  then the stat fields:
 *   (1) reads completed      (2) reads merged      (3) sectors read    (4) ms reading
 *   (5) writes completed     (6) writes merged     (7) sectors written (8) ms writing
 *   (9) I/Os in progress     (10) ms doing I/O     (11) weighted ms doing I/O
 *   (12) discards completed  (13) discards merged  (14) sectors discarded (15) ms discarding
 *   (16) flushes completed   (17) ms flushing
 *
 * The count varies with the kernel: 11 fields before 4.18, 15 with discards
 * (4.18+), 17 with flushes (5.5+); partitions on kernels before 2.6.25 have
 * only 4 (reads, sectors read, writes, sectors written). Fields a line does
 * not have are 0 and nfields says how many there were. Sectors are 512 bytes
 * whatever the device's block size. The kernel prints the ms fields and the
 * in-progress count as 32-bit unsigned ints (they wrap after ~49.7 days of
 * busy time); the others are unsigned longs. */
#ifndef TRIAGE_SOURCES_PROC_DISKSTATS_H
#define TRIAGE_SOURCES_PROC_DISKSTATS_H

#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

#define DISKSTATS_NAME_MAX 64

struct diskstats_dev {
	unsigned major, minor;		/* columns 1, 2 */
	char name[DISKSTATS_NAME_MAX];	/* column 3, kernel name ("sda1", "cciss/c0d0") */
	int nfields;			/* stat fields on the line: 4, 11, 15, 17 (or more) */
	uint64_t rd_ios;		/* (1) reads completed */
	uint64_t rd_merges;		/* (2) reads merged (0 with 4 fields) */
	uint64_t rd_sectors;		/* (3) sectors read */
	uint64_t rd_ticks;		/* (4) ms spent reading (u32) */
	uint64_t wr_ios;		/* (5) writes completed */
	uint64_t wr_merges;		/* (6) writes merged */
	uint64_t wr_sectors;		/* (7) sectors written */
	uint64_t wr_ticks;		/* (8) ms spent writing (u32) */
	uint64_t in_flight;		/* (9) I/Os currently in progress (a gauge) */
	uint64_t io_ticks;		/* (10) ms the device had I/O in flight (u32) */
	uint64_t rq_ticks;		/* (11) weighted ms: in-flight count x time (u32) */
	uint64_t dc_ios;		/* (12) discards completed, 4.18+ */
	uint64_t dc_merges;		/* (13) discards merged */
	uint64_t dc_sectors;		/* (14) sectors discarded */
	uint64_t dc_ticks;		/* (15) ms spent discarding (u32) */
	uint64_t fl_ios;		/* (16) flush requests completed, 5.5+ */
	uint64_t fl_ticks;		/* (17) ms spent flushing (u32) */
};

struct proc_diskstats {
	struct diskstats_dev *dev;	/* in file order */
	size_t n, cap;
	int bad_line;			/* 1-based line of a parse error, else 0 */
};

/* Parse the file's text (NUL-terminated, len bytes). out must be zeroed or
 * previously used (its array is reused). Returns 0, -EINVAL (bad_line set)
 * or -ENOMEM. */
int proc_diskstats_parse(const char *buf, size_t len, struct proc_diskstats *out);

/* Read and parse proc/diskstats under the root. Returns 0 or -errno. */
int proc_diskstats_read(const struct root *r, struct proc_diskstats *out);

/* The device named name, or NULL. */
const struct diskstats_dev *proc_diskstats_find(const struct proc_diskstats *ds, const char *name);

void proc_diskstats_free(struct proc_diskstats *ds);

#endif
