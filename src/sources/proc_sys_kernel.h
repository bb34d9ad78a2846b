/* The kernel's identity for report banners, from proc/sys/kernel/
 * {ostype,osrelease,hostname,arch} under the root (what uname(2) returns,
 * but readable from a captured tree). arch exists since Linux 6.1; for a
 * file that cannot be read the running system's uname() field is used, so
 * a banner always has something. */
#ifndef TRIAGE_SOURCES_PROC_SYS_KERNEL_H
#define TRIAGE_SOURCES_PROC_SYS_KERNEL_H

#include "core/root.h"

struct proc_sys_kernel {
	char ostype[65];	/* ostype: "Linux" (uname -s) */
	char osrelease[65];	/* osrelease: "6.1.0-13-amd64" (uname -r) */
	char hostname[65];	/* hostname: this UTS namespace's (uname -n) */
	char arch[65];		/* arch: "x86_64" (uname -m) */
};

/* First line of buf without its newline into dst (size bytes). */
void proc_sys_kernel_parse_line(const char *buf, char *dst, size_t size);

/* Never fails: unreadable fields come from uname(). */
void proc_sys_kernel_read(const struct root *r, struct proc_sys_kernel *out);

#endif
