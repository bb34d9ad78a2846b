/* /proc/PID/limits: the soft and hard resource limits of a process.
 *
 * Format (fs/proc/base.c, proc_pid_limits, table lnames[]): a header line,
 * then one line per RLIMIT_* in the kernel's order:
 *   "Max open files            1024                 524288               files     "
 * name padded to 25 columns, soft and hard padded to 20, each a decimal or
 * "unlimited" (RLIM_INFINITY), then the unit. Lines are matched by name, not
 * by position, so a kernel adding a limit does not shift the others. */
#ifndef TRIAGE_SOURCES_PROC_PID_LIMITS_H
#define TRIAGE_SOURCES_PROC_PID_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/root.h"

enum proc_limit {
	PL_CPU, PL_FSIZE, PL_DATA, PL_STACK, PL_CORE, PL_RSS, PL_NPROC, PL_NOFILE,
	PL_MEMLOCK, PL_AS, PL_LOCKS, PL_SIGPENDING, PL_MSGQUEUE, PL_NICE, PL_RTPRIO,
	PL_RTTIME,
	PL__COUNT	/* the same order as RLIMIT_* in asm-generic/resource.h */
};

#define PROC_LIMIT_INFINITY UINT64_MAX	/* "unlimited" */

struct proc_pid_limits {
	uint64_t soft[PL__COUNT], hard[PL__COUNT];
	bool have[PL__COUNT];	/* the line was present */
};

/* "Max open files" ... for each limit. */
const char *proc_pid_limits_name(enum proc_limit l);

/* Parse the file's text. Returns 0, -EINVAL when a known line is malformed
 * or no limit line was found. */
int proc_pid_limits_parse(const char *buf, size_t len, struct proc_pid_limits *out);

/* Read proc/PID/limits under r. Returns 0 or -errno (-ENOENT: gone;
 * -EACCES: another user's process and we are not root). */
int proc_pid_limits_read(const struct root *r, pid_t pid, struct proc_pid_limits *out);

#endif
