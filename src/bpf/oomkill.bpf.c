// SPDX-License-Identifier: GPL-2.0
/* oomkill: one event per OOM victim, at oom:mark_victim(task, uid). The
 * victim's sizes come from its mm (the counters the tracepoint's own
 * total_vm/anon_rss/file_rss/shmem_rss are made of: rss_stat's global counts,
 * which may lag per-CPU deltas by a few pages), its memory cgroup's name from
 * task->cgroups. */
#include "bpf/common.bpf.h"
#include "bpf/oomkill.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} events SEC(".maps");

static __always_inline void victim(struct task_struct *t, __u32 uid)
{
	struct oom_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	__u64 pt = bpf_get_current_pid_tgid();
	struct kernfs_node *kn;
	struct mm_struct *mm;
	const char *name;

	if (!e) {
		count_drop();
		return;
	}
	e->ts_ns = bpf_ktime_get_ns();
	e->pid = BPF_CORE_READ(t, tgid);
	e->tid = BPF_CORE_READ(t, pid);
	e->uid = uid;
	e->trig_pid = (__u32)(pt >> 32);
	e->trig_tid = (__u32)pt;
	e->oom_score_adj = BPF_CORE_READ(t, signal, oom_score_adj);
	BPF_CORE_READ_STR_INTO(&e->comm, t, comm);
	bpf_get_current_comm(e->trig_comm, sizeof(e->trig_comm));
	mm = BPF_CORE_READ(t, mm);
	e->total_vm = BPF_CORE_READ(mm, total_vm);
	e->rss[0] = BPF_CORE_READ(mm, rss_stat[0].count);
	e->rss[1] = BPF_CORE_READ(mm, rss_stat[1].count);
	e->rss[2] = BPF_CORE_READ(mm, rss_stat[2].count);
	e->rss[3] = BPF_CORE_READ(mm, rss_stat[3].count);
	kn = BPF_CORE_READ(t, cgroups, subsys[memory_cgrp_id], cgroup, kn);
	name = BPF_CORE_READ(kn, name);
	e->memcg[0] = '\0';
	if (name)
		bpf_probe_read_kernel_str(e->memcg, sizeof(e->memcg), name);
	bpf_ringbuf_submit(e, 0);
}

SEC("tp_btf/mark_victim")
int BPF_PROG(victim_btf, struct task_struct *t, uid_t uid)
{
	victim(t, uid);
	return 0;
}

SEC("raw_tp/mark_victim")
int BPF_PROG(victim_raw, struct task_struct *t, uid_t uid)
{
	victim(t, uid);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
