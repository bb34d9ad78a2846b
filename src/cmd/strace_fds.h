/* What the traced processes' descriptors point at, for strace's fd
 * decoration. The events are read after the calls happened, when a
 * short-lived process may be gone, so (when every syscall is traced, no
 * open or close missed) the names are kept: each process's descriptors and
 * working directory read once when tracing starts (and copied to a child at
 * fork with -f), then followed through the events: an open names its new
 * descriptor from its path (absolute, or joined to the directory it is
 * relative to), chdir/fchdir move the working directory, close forgets.
 * Otherwise (and for what is not known) proc/PID/fd/N is read when a line
 * needs it. A direct-mapped table: bounded; a collision costs a readlink. */
#ifndef TRIAGE_CMD_STRACE_FDS_H
#define TRIAGE_CMD_STRACE_FDS_H

#include <stdbool.h>
#include <sys/types.h>

#include "bpf/strace.h"
#include "core/root.h"

struct strace_fds;

/* cache: keep names between events (only when no syscall is filtered out). */
struct strace_fds *strace_fds_new(const struct root *r, bool cache);
void strace_fds_free(struct strace_fds *f);

/* Read the descriptors and working directory of pid now. */
void strace_fds_seed(struct strace_fds *f, pid_t pid);

/* strace_fdname_fn (views/strace.h): ctx is the struct strace_fds. */
const char *strace_fds_name(void *ctx, pid_t pid, long fd);

/* Before printing e: a descriptor it returned is learned. */
void strace_fds_before(struct strace_fds *f, const struct strace_event *e);
/* After printing e: a descriptor it closed is forgotten (all of the process's
 * at exit_group or a successful execve, which closes the O_CLOEXEC ones);
 * chdir, fchdir and fork are followed. */
void strace_fds_after(struct strace_fds *f, const struct strace_event *e);

#endif
