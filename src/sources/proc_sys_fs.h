/* /proc/sys/fs/file-nr and file-max: the system-wide open-file table.
 *
 * file-nr (Documentation/admin-guide/sysctl/fs.rst): "allocated free max",
 * tab-separated: file handles allocated, allocated but unused (always 0 since
 * 2.6), and the maximum (= file-max). file-max: one number, the same maximum
 * (LONG_MAX on 64-bit kernels by default since 5.x: no practical limit). */
#ifndef TRIAGE_SOURCES_PROC_SYS_FS_H
#define TRIAGE_SOURCES_PROC_SYS_FS_H

#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

struct proc_sys_fs {
	uint64_t allocated;	/* file-nr (1) */
	uint64_t unused;	/* file-nr (2) */
	uint64_t max;		/* file-max, or file-nr (3) when file-max is missing */
};

int proc_sys_fs_file_nr_parse(const char *buf, size_t len, struct proc_sys_fs *out);
/* Reads file-nr, then file-max (optional). Returns 0 or -errno. */
int proc_sys_fs_read(const struct root *r, struct proc_sys_fs *out);

#endif
