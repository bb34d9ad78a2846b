/* Kernel log lines, classified for the rules: what kind of trouble a line
 * reports, and for OOM kills the victim. Pure string functions. */
#ifndef TRIAGE_ANALYSIS_KLOG_H
#define TRIAGE_ANALYSIS_KLOG_H

#include <stddef.h>

#include "analysis/obs.h"

/* The kind of a kernel log message (text without the "[ts]" prefix). */
enum klog_kind klog_classify(const char *msg);

/* "Out of memory: Killed process 1234 (java) ..." or "Memory cgroup out of
 * memory: Killed process ...": the victim's pid and name. Returns 0 or -ENOENT. */
int klog_oom_victim(const char *msg, int *pid, char *comm, size_t size);

/* "I/O error, dev sda, sector ..." / "blk_update_request: I/O error, dev sda":
 * the device name. Returns 0 or -ENOENT. */
int klog_ioerr_dev(const char *msg, char *dev, size_t size);

/* "Possible SYN flooding on port [::]:8080. ..." or "... on port 8080.":
 * the port, or -1. */
int klog_synflood_port(const char *msg);

const char *klog_kind_name(enum klog_kind k);

#endif
