/* /proc/PID/task/TID/comm: a thread's name (TASK_COMM_LEN 16, newline
 * terminated; proc(5)). */
#ifndef TRIAGE_SOURCES_PROC_TASK_COMM_H
#define TRIAGE_SOURCES_PROC_TASK_COMM_H

#include <stddef.h>
#include <sys/types.h>

#include "core/root.h"

/* The name without its newline into out (size >= 17). Returns 0 or -errno. */
int proc_task_comm_read(const struct root *r, pid_t pid, pid_t tid, char *out, size_t size);

#endif
