/* fds: processes ranked by open descriptors, with their share of
 * RLIMIT_NOFILE, and the system-wide file table's fill. */
#ifndef TRIAGE_MODEL_FDS_H
#define TRIAGE_MODEL_FDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sources/proc_pid_fd.h"
#include "sources/proc_pid_limits.h"
#include "sources/proc_sys_fs.h"

struct fds_row {
	const struct fd_proc *p;
	bool have_limit;	/* /proc/PID/limits read */
	uint64_t soft, hard;	/* RLIMIT_NOFILE; PROC_LIMIT_INFINITY = unlimited */
	double pct_soft, pct_hard;	/* nfds / limit x 100; NAN when unknown or unlimited */
};

/* Indices of s->procs by descending nfds (ties: lower PID first), the first
 * n of them in out (room for n). Returns how many were written. */
size_t fds_model_top(const struct fd_scan *s, size_t n, size_t *out);

/* Fill a row's percentages from its limits (lim NULL: unknown). */
void fds_model_row(struct fds_row *row, const struct fd_proc *p, const struct proc_pid_limits *lim);

/* allocated / max x 100, NAN when max is 0. */
double fds_model_file_nr_pct(const struct proc_sys_fs *fs);

#endif
