// SPDX-License-Identifier: GPL-2.0
/* syscount: syscalls by number: count, errors and (-L) time inside, from raw
 * sys_enter/sys_exit (strace -c without ptrace). */
#include "bpf/syscall.bpf.h"
#include "bpf/syscount.h"

const volatile bool targ_latency = false;
const volatile bool targ_failed = false;	/* count only failed calls */

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SYSCOUNT_INFLIGHT);
	__type(key, __u32);
	__type(value, __u64);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, SYSCOUNT_MAX_NR);
	__type(key, __u32);
	__type(value, struct syscount_val);
} counts SEC(".maps");

static __always_inline void on_enter(struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid(), ts;
	__u32 tid = (__u32)pid_tgid;

	if (!targ_latency || !tgid_ok(pid_tgid >> 32) || !cg_ok())
		return;
	ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&start, &tid, &ts, BPF_ANY);
}

static __always_inline void on_exit(struct pt_regs *regs, long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid(), *tsp, delta = 0;
	__u32 tid = (__u32)pid_tgid, nr;
	struct syscount_val *v;
	long id;

	if (!tgid_ok(pid_tgid >> 32))
		return;
	if (targ_latency) {
		tsp = bpf_map_lookup_elem(&start, &tid);
		if (!tsp)
			return;
		delta = bpf_ktime_get_ns() - *tsp;
		bpf_map_delete_elem(&start, &tid);
	} else if (!cg_ok()) {
		return;
	}
	if (targ_failed && ret >= 0)
		return;
	id = sys_exit_nr(regs);
	if (id < 0 || id >= SYSCOUNT_MAX_NR)
		return;
	nr = (__u32)id;
	v = bpf_map_lookup_elem(&counts, &nr);
	if (!v)
		return;
	v->count++;	/* per-CPU value: plain adds */
	if (ret < 0)
		v->errors++;
	v->total_ns += delta;
	if (delta > v->max_ns)
		v->max_ns = delta;
}

SYSCALL_HOOKS

char LICENSE[] SEC("license") = "GPL";
