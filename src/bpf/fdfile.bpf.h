/* The open file behind a descriptor of the current task, read in BPF from
 * current->files->fdt (CO-RE), and its type from the inode's mode. Shared by
 * the syscall tracers that name files (fsslower, filetop). */
#ifndef TRIAGE_BPF_FDFILE_BPF_H
#define TRIAGE_BPF_FDFILE_BPF_H

#include "bpf/common.bpf.h"

#define S_IFMT 00170000
#define S_IFREG 0100000
#define S_IFSOCK 0140000

/* The open file behind descriptor fd of the current task, NULL when none. */
static __always_inline struct file *fd_file(__u64 fd)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct fdtable *fdt = BPF_CORE_READ(t, files, fdt);
	struct file **fds, *f = NULL;

	if (!fdt || fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fds = BPF_CORE_READ(fdt, fd);
	bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]);
	return f;
}

/* The S_IFMT bits of f's inode (0 for NULL). */
static __always_inline __u32 file_fmt(struct file *f)
{
	return f ? BPF_CORE_READ(f, f_inode, i_mode) & S_IFMT : 0;
}

static __always_inline bool is_reg(struct file *f)
{
	return f && file_fmt(f) == S_IFREG;
}

#endif
