/* /proc/PID/oom_score (0..2000: the OOM killer's badness, roughly the share of
 * memory in thousandths plus oom_score_adj) and /proc/PID/oom_score_adj
 * (-1000..1000; -1000 never kills), and /proc/PID/wchan (the kernel function
 * a sleeping task waits in, "0" when running; Documentation/filesystems/proc.rst). */
#ifndef TRIAGE_SOURCES_PROC_PID_OOM_H
#define TRIAGE_SOURCES_PROC_PID_OOM_H

#include <stddef.h>
#include <sys/types.h>

#include "core/root.h"

struct proc_pid_oom {
	long score;	/* oom_score */
	long adj;	/* oom_score_adj */
};

/* One decimal integer, optional sign, then a newline or the end. */
int proc_pid_oom_parse_long(const char *buf, size_t len, long *out);
int proc_pid_oom_read(const struct root *r, pid_t pid, struct proc_pid_oom *out);

/* wchan into out (size bytes): "" when the task is running ("0" in the file).
 * Returns 0 or -errno. */
int proc_pid_wchan_read(const struct root *r, pid_t pid, char *out, size_t size);

#endif
