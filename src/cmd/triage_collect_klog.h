/* The kernel log for a long-running collector (triage serve): /dev/kmsg
 * stays open from window to window and only the records that arrived since
 * the last window are read and classified; the classified ones (the only
 * ones the report keeps) are kept, the newest COLLECT_KLOG_KEEP. Each window
 * then ingests what a whole read of the log would have given it: the
 * newest classified lines, each marked in the window or not. */
#ifndef TRIAGE_CMD_TRIAGE_COLLECT_KLOG_H
#define TRIAGE_CMD_TRIAGE_COLLECT_KLOG_H

#include "core/root.h"
#include "sources/kmsg.h"

#define COLLECT_KLOG_KEEP 64	/* classified kernel-log lines kept (KLOG_KEEP) */

struct collect_klog;

struct collect_klog *collect_klog_new(void);
void collect_klog_free(struct collect_klog *k);

/* The records since the last call into k's kept lines (the first call: the
 * whole log, its newest 16 MiB); *out: the kept lines. Returns 0, -EPERM or
 * -EACCES (not allowed), other -errno when the device cannot be followed
 * (a captured tree, no /dev/kmsg: read the whole log instead, kmsg_read). */
int collect_klog_follow(struct collect_klog *k, const struct root *r, const struct kmsg_log **out);

#endif
