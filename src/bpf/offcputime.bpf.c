// SPDX-License-Identifier: GPL-2.0
/* offcputime: time threads spend blocked (off CPU), by thread and stack. At
 * sched_switch the outgoing thread (still current) records its user and
 * kernel stacks and the time; when it is switched back in, the time off CPU
 * is added to that key's total. */
#include "bpf/common.bpf.h"
#include "bpf/offcputime.h"

const volatile __u64 min_block_ns = 1000;
const volatile __u64 max_block_ns = (__u64)-1;
const volatile bool user_stacks = true;
const volatile bool kernel_stacks = true;
const volatile long targ_state = -1;	/* only this prev->__state (-1 = any) */

struct start {
	__u64 ts;
	struct offcpu_key key;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, OFFCPU_MAX_KEYS);
	__type(key, __u32);
	__type(value, struct start);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, OFFCPU_MAX_STACKS);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, OFFCPU_MAX_DEPTH * sizeof(__u64));
} stacks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, OFFCPU_MAX_KEYS);
	__type(key, struct offcpu_key);
	__type(value, struct offcpu_val);
} info SEC(".maps");

static __always_inline bool allowed(struct task_struct *t)
{
	__u32 tid = BPF_CORE_READ(t, pid);

	if (!tid)	/* the idle task */
		return false;
	if (!tgid_ok(BPF_CORE_READ(t, tgid)))
		return false;
	if (targ_state != -1 && task_state(t) != targ_state)
		return false;
	return cg_ok();
}

static __always_inline void on_switch(void *ctx, struct task_struct *prev, struct task_struct *next)
{
	struct offcpu_val zero = { 0 }, *v;
	struct start s = { 0 }, *sp;
	__u32 tid;
	__u64 delta;

	if (allowed(prev)) {
		tid = BPF_CORE_READ(prev, pid);
		s.ts = bpf_ktime_get_ns();
		s.key.pid = tid;
		s.key.tgid = BPF_CORE_READ(prev, tgid);
		s.key.user_stack_id = user_stacks ?
			bpf_get_stackid(ctx, &stacks, BPF_F_USER_STACK) : -1;
		s.key.kern_stack_id = kernel_stacks ? bpf_get_stackid(ctx, &stacks, 0) : -1;
		bpf_probe_read_kernel_str(&s.key.comm, sizeof(s.key.comm), prev->comm);
		if (bpf_map_update_elem(&start, &tid, &s, BPF_ANY))
			count_drop();
	}
	tid = BPF_CORE_READ(next, pid);
	sp = bpf_map_lookup_elem(&start, &tid);
	if (!sp)
		return;
	delta = bpf_ktime_get_ns() - sp->ts;
	if (delta >= min_block_ns && delta <= max_block_ns) {
		v = lookup_or_init(&info, &sp->key, &zero);
		if (v) {
			__sync_fetch_and_add(&v->total_us, delta / 1000U);
			__sync_fetch_and_add(&v->count, 1);
		} else {
			count_drop();
		}
	}
	bpf_map_delete_elem(&start, &tid);
}

SEC("tp_btf/sched_switch")
int BPF_PROG(switch_btf, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	on_switch(ctx, prev, next);
	return 0;
}

SEC("raw_tp/sched_switch")
int BPF_PROG(switch_raw, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	on_switch(ctx, prev, next);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
