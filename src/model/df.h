/* df: which mounts to show and their sizes, as coreutils df computes them,
 * plus the space held by deleted-but-open files per filesystem. */
#ifndef TRIAGE_MODEL_DF_H
#define TRIAGE_MODEL_DF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sources/mountinfo.h"
#include "sources/proc_pid_fd.h"

struct df_row {
	size_t mount;		/* index in the mountinfo */
	bool ok;		/* statvfs known */
	uint64_t size_b, used_b, avail_b;	/* f_blocks, f_blocks - f_bfree, f_bavail; x f_frsize */
	double use_pct;		/* used / (used + avail), rounded up; NAN when 0/0 */
	uint64_t inodes, iused, ifree;
	double iuse_pct;	/* iused / inodes, rounded up; NAN when no inodes */
	uint64_t held_b;	/* sizes of deleted-but-open files on it (each file once) */
	uint32_t held_files;	/* how many such files */
};

struct df_report {
	struct df_row *rows;
	size_t n;
	uint64_t held_unmatched_b;	/* deleted files on no listed filesystem */
};

/* Pick the mounts as coreutils df does: pseudo filesystems and zero-block
 * ones skipped unless all; of mounts stacked on one mount point the last
 * (visible) one; of several mounts of one device the shortest mount point.
 * fds may be NULL (no deleted-file column). Returns 0 or -ENOMEM. */
int df_model(const struct mountinfo *mi, const struct fd_scan *fds, bool all, struct df_report *out);
void df_report_free(struct df_report *r);

/* coreutils' percentage: ceil(100 * part / whole); NAN when whole is 0. */
double df_pct_ceil(uint64_t part, uint64_t whole);

#endif
