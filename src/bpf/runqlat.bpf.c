// SPDX-License-Identifier: GPL-2.0
/* runqlat: time from a task becoming runnable (wakeup, or preempted while
 * running) to it running on a CPU, as a log2 histogram.
 *
 * Each hook exists twice, tp_btf/ (direct BTF access, cheaper) and raw_tp/
 * (kernels without BTF-typed tracepoints); the user half loads one set. */
#include "bpf/common.bpf.h"
#include "bpf/runqlat.h"

#define TASK_RUNNING 0

const volatile bool targ_ms = false;	/* ms instead of µs */
const volatile __u32 targ_key = RUNQLAT_KEY_NONE;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, HIST_MAX_ENTRIES);
	__type(key, __u32);	/* tid */
	__type(value, __u64);	/* ns when it became runnable */
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, HIST_MAX_ENTRIES);
	__type(key, __u32);
	__type(value, struct hist);
} hists SEC(".maps");

static struct hist zero_hist;

static __always_inline void enqueue(struct task_struct *p)
{
	__u32 tid = BPF_CORE_READ(p, pid);
	__u64 ts;

	if (!tid || !tgid_ok(BPF_CORE_READ(p, tgid)))
		return;
	ts = bpf_ktime_get_ns();
	if (bpf_map_update_elem(&start, &tid, &ts, BPF_ANY))
		count_drop();	/* start map full */
}

static __always_inline void on_switch(struct task_struct *prev, struct task_struct *next)
{
	__u32 tid, key = 0;
	__u64 *tsp, delta;
	struct hist *h;

	if (!cg_ok())
		return;
	/* Preempted while runnable: it waits on the run queue from now. */
	if (task_state(prev) == TASK_RUNNING)
		enqueue(prev);
	tid = BPF_CORE_READ(next, pid);
	tsp = bpf_map_lookup_elem(&start, &tid);
	if (!tsp)
		return;
	delta = bpf_ktime_get_ns() - *tsp;
	bpf_map_delete_elem(&start, &tid);
	if ((__s64)delta < 0)
		return;
	delta /= targ_ms ? 1000000U : 1000U;
	if (targ_key == RUNQLAT_KEY_TGID)
		key = BPF_CORE_READ(next, tgid);
	else if (targ_key == RUNQLAT_KEY_TID)
		key = tid;
	else if (targ_key == RUNQLAT_KEY_CPU)
		key = bpf_get_smp_processor_id();
	h = lookup_or_init(&hists, &key, &zero_hist);
	if (!h) {
		count_drop();	/* more keys than HIST_MAX_ENTRIES */
		return;
	}
	if (targ_key == RUNQLAT_KEY_TGID || targ_key == RUNQLAT_KEY_TID)
		BPF_CORE_READ_STR_INTO(&h->comm, next, comm);
	__sync_fetch_and_add(&h->slots[hist_slot(delta)], 1);
	__sync_fetch_and_add(&h->sum, delta);
}

SEC("tp_btf/sched_wakeup")
int BPF_PROG(wakeup_btf, struct task_struct *p)
{
	if (cg_ok())
		enqueue(p);
	return 0;
}

SEC("tp_btf/sched_wakeup_new")
int BPF_PROG(wakeup_new_btf, struct task_struct *p)
{
	if (cg_ok())
		enqueue(p);
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(switch_btf, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	on_switch(prev, next);
	return 0;
}

SEC("raw_tp/sched_wakeup")
int BPF_PROG(wakeup_raw, struct task_struct *p)
{
	if (cg_ok())
		enqueue(p);
	return 0;
}

SEC("raw_tp/sched_wakeup_new")
int BPF_PROG(wakeup_new_raw, struct task_struct *p)
{
	if (cg_ok())
		enqueue(p);
	return 0;
}

SEC("raw_tp/sched_switch")
int BPF_PROG(switch_raw, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	on_switch(prev, next);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
