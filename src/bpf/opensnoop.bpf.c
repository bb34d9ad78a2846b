// SPDX-License-Identifier: GPL-2.0
/* opensnoop: open/openat/openat2 with path, flags and result, from raw
 * sys_enter (remember the arguments) and sys_exit (read the path, which the
 * kernel has just copied, so its page is resident). */
#include "bpf/syscall.bpf.h"
#include "bpf/opensnoop.h"

const volatile long nr_open = -1, nr_openat = -1, nr_openat2 = -1;
const volatile bool targ_failed = false;
const volatile __u32 targ_uid = (__u32)-1;

struct args {
	const char *path;
	__u64 flags;
	__u32 mode;
	__s32 nr;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, OPEN_INFLIGHT);
	__type(key, __u32);
	__type(value, struct args);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

static __always_inline void on_enter(struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid, uid;
	struct args a = { .nr = (__s32)id };
	struct open_how *how;

	if (id != nr_open && id != nr_openat && id != nr_openat2)
		return;
	uid = (__u32)bpf_get_current_uid_gid();
	if (!tgid_ok(pid_tgid >> 32) || (targ_uid != (__u32)-1 && uid != targ_uid) || !cg_ok())
		return;
	if (id == nr_open) {
		a.path = (const char *)SYS_ARG1(regs);
		a.flags = SYS_ARG2(regs);
		a.mode = SYS_ARG3(regs);
	} else if (id == nr_openat) {
		a.path = (const char *)SYS_ARG2(regs);
		a.flags = SYS_ARG3(regs);
		a.mode = SYS_ARG4(regs);
	} else {
		a.path = (const char *)SYS_ARG2(regs);
		how = (struct open_how *)SYS_ARG3(regs);
		bpf_probe_read_user(&a.flags, sizeof(a.flags), &how->flags);
		bpf_probe_read_user(&a.mode, sizeof(a.mode), &how->mode);
	}
	bpf_map_update_elem(&start, &tid, &a, BPF_ANY);
}

static __always_inline void on_exit(struct pt_regs *regs, long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct open_event *e;
	struct args *a;

	a = bpf_map_lookup_elem(&start, &tid);
	if (!a)
		return;
	if (targ_failed && ret >= 0)
		goto out;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		count_drop();
		goto out;
	}
	e->ts_ns = bpf_ktime_get_ns();
	e->pid = pid_tgid >> 32;
	e->tid = tid;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->ret = ret;
	e->flags = a->flags;
	e->mode = a->mode;
	e->nr = a->nr;
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	if (bpf_probe_read_user_str(e->path, sizeof(e->path), a->path) < 0)
		e->path[0] = '\0';
	bpf_ringbuf_submit(e, 0);
out:
	bpf_map_delete_elem(&start, &tid);
}

SYSCALL_HOOKS

char LICENSE[] SEC("license") = "GPL";
