/* /proc/sys/fs/file-nr and file-max: the system-wide open-file table.
 *
 * file-nr (Documentation/admin-guide/sysctl/fs.rst): "allocated free max",
 * tab-separated: file handles allocated, allocated but unused (always 0 since
 * 2.6), and the maximum (= file-max). file-max: one number, the same maximum
 * (LONG_MAX on 64-bit kernels by default since 5.x: no practical limit). */
#ifndef TRIAGE_SOURCES_PROC_SYS_FS_H
#define TRIAGE_SOURCES_PROC_SYS_FS_H

#include <stdbool.h>
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

/* The kernel tables sar -v shows (Documentation/admin-guide/sysctl/fs.rst,
 * kernel.rst): sys/fs/dentry-state "nr_dentry nr_unused age_limit
 * want_pages nr_negative dummy", sys/fs/inode-state "nr_inodes
 * nr_free_inodes preshrink ...", sys/kernel/pty/nr (ptys in use) and
 * file-nr above. A file that could not be read leaves its have_* false. */
struct proc_sys_ktables {
	uint64_t dentry_unused;		/* dentry-state (2) */
	uint64_t inodes, inodes_free;	/* inode-state (1), (2) */
	uint64_t pty_nr;		/* kernel/pty/nr */
	struct proc_sys_fs files;	/* file-nr */
	bool have_dentry, have_inode, have_pty, have_files;
};

/* sys/net/ipv4/ip_local_port_range "LOW\tHIGH": the ephemeral ports
 * connect() picks from. Returns 0 or -errno (-EINVAL: not two numbers). */
int proc_sys_port_range_read(const struct root *r, uint64_t *lo, uint64_t *hi);

/* Parses "N M ..." (the first two numbers of dentry-state or inode-state). */
int proc_sys_fs_pair_parse(const char *buf, size_t len, uint64_t *a, uint64_t *b);
/* Reads the four files; returns 0 when at least one was read, else the
 * error of file-nr. */
int proc_sys_ktables_read(const struct root *r, struct proc_sys_ktables *out);

#endif
