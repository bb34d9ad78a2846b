// SPDX-License-Identifier: GPL-2.0
/* filetop: reads and writes per thread and file, from raw sys_enter/sys_exit
 * (bcc's filetop hooks vfs_read/vfs_write with kprobes, which this kernel
 * does not have). At entry the descriptor is resolved to its struct file
 * (current->files->fdt); at exit the returned bytes are added to the
 * (pid, tid, inode) entry, which carries the dentry's name copied when the
 * entry is made, so a file closed before the interval ends is still named.
 * The user half reads and deletes the entries every interval. */
#include "bpf/syscall.bpf.h"
#include "bpf/fdfile.bpf.h"
#include "bpf/filetop.h"

#define EEXIST 17

const volatile bool all_types = false;	/* -a: sockets, pipes, devices too */
/* syscall numbers of this architecture, set by the user half (-1: none) */
const volatile long nr_read = -1, nr_write = -1, nr_pread = -1, nr_pwrite = -1;
const volatile long nr_readv = -1, nr_writev = -1, nr_preadv = -1, nr_pwritev = -1;
const volatile long nr_preadv2 = -1, nr_pwritev2 = -1;

struct start_val {
	struct file *file;
	long id;		/* the syscall, checked at exit */
	__u8 write;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, FILETOP_INFLIGHT);
	__type(key, __u32);
	__type(value, struct start_val);
} start SEC(".maps");

/* Not preallocated: an entry the user half deletes while a program still
 * adds to it is freed after RCU, never handed to another file meanwhile. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, FILETOP_MAX_FILES);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct filetop_key);
	__type(value, struct filetop_val);
} counts SEC(".maps");

/* 1 read, 2 write, 0 neither */
static __always_inline int op_of(long id)
{
	if (id == nr_read || id == nr_pread || id == nr_readv || id == nr_preadv || id == nr_preadv2)
		return 1;
	if (id == nr_write || id == nr_pwrite || id == nr_writev || id == nr_pwritev ||
	    id == nr_pwritev2)
		return 2;
	return 0;
}

static __always_inline __u8 type_of(__u32 fmt)
{
	return fmt == S_IFREG ? FILETOP_REG : fmt == S_IFSOCK ? FILETOP_SOCK : FILETOP_OTHER;
}

static __always_inline void on_enter(struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct start_val v = { 0 };
	int op = op_of(id);

	if (!op || !tgid_ok(pid_tgid >> 32))
		return;
	v.file = fd_file(SYS_ARG1(regs));
	if (!v.file || (!all_types && !is_reg(v.file)))
		return;
	v.id = id;
	v.write = op == 2;
	if (bpf_map_update_elem(&start, &tid, &v, BPF_ANY))
		count_drop();
}

/* The entry of (this thread, f), made with its name when missing; NULL
 * (counted) when the map is full. */
static __always_inline struct filetop_val *entry(struct file *f)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct filetop_key k = { 0 };
	struct filetop_val *val, zero = { 0 };
	struct inode *ino = BPF_CORE_READ(f, f_inode);
	const unsigned char *name;
	__u32 fmt;
	long err;

	k.ino = BPF_CORE_READ(ino, i_ino);
	k.dev = BPF_CORE_READ(ino, i_sb, s_dev);
	k.rdev = BPF_CORE_READ(ino, i_rdev);
	k.pid = pid_tgid >> 32;
	k.tid = (__u32)pid_tgid;
	val = bpf_map_lookup_elem(&counts, &k);
	if (val)
		return val;
	err = bpf_map_update_elem(&counts, &k, &zero, BPF_NOEXIST);
	if (err && err != -EEXIST) {	/* EEXIST: another CPU made it first */
		count_drop();
		return NULL;
	}
	val = bpf_map_lookup_elem(&counts, &k);
	if (!val)
		return NULL;
	bpf_get_current_comm(&val->comm, sizeof(val->comm));
	name = BPF_CORE_READ(f, f_path.dentry, d_name.name);
	bpf_probe_read_kernel_str(val->name, sizeof(val->name), name);
	fmt = BPF_CORE_READ(ino, i_mode) & S_IFMT;
	val->type = type_of(fmt);
	val->fmt = fmt >> 12;
	return val;
}

static __always_inline void on_exit(struct pt_regs *regs, long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct start_val *s = bpf_map_lookup_elem(&start, &tid), v;
	struct filetop_val *val;

	if (!s)
		return;
	v = *s;
	bpf_map_delete_elem(&start, &tid);
	/* an entry whose exit was missed (made just before attach) is stale */
	if (ret < 0 || sys_exit_nr(regs) != v.id)
		return;
	val = entry(v.file);
	if (!val)
		return;
	if (v.write) {
		__sync_fetch_and_add(&val->writes, 1);
		__sync_fetch_and_add(&val->wbytes, ret);
	} else {
		__sync_fetch_and_add(&val->reads, 1);
		__sync_fetch_and_add(&val->rbytes, ret);
	}
}

SYSCALL_HOOKS

char LICENSE[] SEC("license") = "GPL";
