// SPDX-License-Identifier: GPL-2.0
/* fsslower: reads, writes, opens and fsyncs of regular files slower than a
 * threshold, from raw sys_enter/sys_exit (ext4slower/fileslower without
 * kprobes), plus ext4's own sync tracepoints for the syncs that do not come
 * from fsync(2). The file comes from the descriptor: current->files->fdt. */
#include "bpf/syscall.bpf.h"
#include "bpf/fdfile.bpf.h"
#include "bpf/fsslower.h"

const volatile __u64 min_ns = 10000000;
/* syscall numbers of this architecture, set by the user half (-1: none) */
const volatile long nr_read = -1, nr_write = -1, nr_pread = -1, nr_pwrite = -1;
const volatile long nr_readv = -1, nr_writev = -1, nr_preadv = -1, nr_pwritev = -1;
const volatile long nr_open = -1, nr_openat = -1, nr_creat = -1;
const volatile long nr_fsync = -1, nr_fdatasync = -1;

struct start_val {
	__u64 ts;
	__u64 offset;
	__u64 arg;		/* fd, or an open's path pointer */
	struct file *file;
	__u8 op;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, FSSLOWER_INFLIGHT);
	__type(key, __u32);
	__type(value, struct start_val);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, FSSLOWER_INFLIGHT);
	__type(key, __u32);
	__type(value, struct start_val);
} syncs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

static __always_inline __u8 op_of(long id, bool *positional)
{
	*positional = id == nr_pread || id == nr_pwrite || id == nr_preadv || id == nr_pwritev;
	if (id == nr_read || id == nr_pread || id == nr_readv || id == nr_preadv)
		return FSS_READ;
	if (id == nr_write || id == nr_pwrite || id == nr_writev || id == nr_pwritev)
		return FSS_WRITE;
	if (id == nr_open || id == nr_openat || id == nr_creat)
		return FSS_OPEN;
	if (id == nr_fsync || id == nr_fdatasync)
		return FSS_FSYNC;
	return 0;
}

static __always_inline void on_enter(struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct start_val v = { 0 };
	struct file *f;
	bool positional;

	v.op = op_of(id, &positional);
	if (!v.op || !tgid_ok(pid_tgid >> 32))
		return;
	if (v.op == FSS_OPEN) {
		v.arg = id == nr_openat ? SYS_ARG2(regs) : SYS_ARG1(regs);
	} else {
		v.arg = SYS_ARG1(regs);
		f = fd_file(v.arg);	/* a local: CO-RE reads must start from kernel types */
		if (!is_reg(f))
			return;	/* pipes, sockets, terminals wait for others, not the disk */
		v.file = f;
		v.offset = positional ? SYS_ARG4(regs) : BPF_CORE_READ(f, f_pos);
	}
	v.ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&start, &tid, &v, BPF_ANY);
}

static __always_inline void submit(struct start_val *v, __u64 lat, long ret, __s32 fd)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct fsslower_event *e;
	const unsigned char *name;
	struct file *f = v->file;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		count_drop();
		return;
	}
	e->ts_ns = bpf_ktime_get_ns();
	e->lat_ns = lat;
	e->offset = v->offset;
	e->ret = ret;
	e->pid = pid_tgid >> 32;
	e->tid = (__u32)pid_tgid;
	e->fd = fd;
	e->op = v->op;
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	e->name[0] = '\0';
	if (v->op == FSS_OPEN) {
		bpf_probe_read_user_str(e->name, sizeof(e->name), (const void *)v->arg);
	} else if (f) {
		name = BPF_CORE_READ(f, f_path.dentry, d_name.name);
		bpf_probe_read_kernel_str(e->name, sizeof(e->name), name);
	}
	bpf_ringbuf_submit(e, 0);
}

static __always_inline void on_exit(struct pt_regs *regs, long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct start_val *v;
	__u64 lat;

	v = bpf_map_lookup_elem(&start, &tid);
	if (!v)
		return;
	lat = bpf_ktime_get_ns() - v->ts;
	/* an open that made a descriptor counts when it is a regular file */
	if (lat >= min_ns && (v->op != FSS_OPEN || ret < 0 || is_reg(fd_file(ret))))
		submit(v, lat, ret, v->op == FSS_OPEN ? (ret >= 0 ? (__s32)ret : -1) : (__s32)v->arg);
	bpf_map_delete_elem(&start, &tid);
}

SYSCALL_HOOKS

/* ext4's sync of a file: reported when the thread is not inside fsync(2) or
 * fdatasync(2), which the syscall hooks report already. */
static __always_inline void sync_enter(struct file *file)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct start_val v = { 0 }, *in;

	if (!tgid_ok(pid_tgid >> 32))
		return;
	in = bpf_map_lookup_elem(&start, &tid);
	if (in && in->op == FSS_FSYNC)
		return;
	v.ts = bpf_ktime_get_ns();
	v.file = file;
	v.op = FSS_SYNC;
	bpf_map_update_elem(&syncs, &tid, &v, BPF_ANY);
}

static __always_inline void sync_exit(int ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct start_val *v = bpf_map_lookup_elem(&syncs, &tid);
	__u64 lat;

	if (!v)
		return;
	lat = bpf_ktime_get_ns() - v->ts;
	if (lat >= min_ns)
		submit(v, lat, ret, -1);
	bpf_map_delete_elem(&syncs, &tid);
}

SEC("tp_btf/ext4_sync_file_enter")
int BPF_PROG(ext4_sync_enter_btf, struct file *file, int datasync)
{
	sync_enter(file);
	return 0;
}

SEC("tp_btf/ext4_sync_file_exit")
int BPF_PROG(ext4_sync_exit_btf, struct inode *inode, int ret)
{
	sync_exit(ret);
	return 0;
}

SEC("raw_tp/ext4_sync_file_enter")
int BPF_PROG(ext4_sync_enter_raw, struct file *file, int datasync)
{
	sync_enter(file);
	return 0;
}

SEC("raw_tp/ext4_sync_file_exit")
int BPF_PROG(ext4_sync_exit_raw, struct inode *inode, int ret)
{
	sync_exit(ret);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
