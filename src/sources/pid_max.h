/* proc/sys/kernel/pid_max (Documentation/admin-guide/sysctl/kernel.rst): the
 * PID after which numbers wrap. top sizes its PID column by its digits. */
#ifndef TRIAGE_SOURCES_PID_MAX_H
#define TRIAGE_SOURCES_PID_MAX_H

#include <stddef.h>

#include "core/root.h"

/* "32768\n" -> 32768. Returns 0 or -EINVAL. */
int pid_max_parse(const char *buf, size_t len, long *out);
/* Returns 0 or -errno. */
int pid_max_read(const struct root *r, long *out);

#endif
