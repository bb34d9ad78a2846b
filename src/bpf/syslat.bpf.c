// SPDX-License-Identifier: GPL-2.0
/* syslat: time inside each syscall as a log2 histogram per syscall (and per
 * process), from raw sys_enter/sys_exit: bpftrace's "latency of every read()". */
#include "bpf/syscall.bpf.h"
#include "bpf/hist.h"
#include "bpf/syslat.h"

const volatile bool per_proc = false;	/* -P */
const volatile bool ms = false;		/* -m */
const volatile bool filter_nr = false;	/* -e: only the numbers set in `only` */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SYSLAT_MAX_NR);
	__type(key, __u32);
	__type(value, __u8);
} only SEC(".maps");

struct start_val {
	__u64 ts;
	__u32 nr;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SYSLAT_INFLIGHT);
	__type(key, __u32);
	__type(value, struct start_val);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, HIST_MAX_ENTRIES);
	__type(key, __u32);
	__type(value, struct hist);
} hists SEC(".maps");

static __always_inline void on_enter(struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid, nr;
	struct start_val v = { 0 };
	__u8 *ok;

	if (id < 0 || id >= SYSLAT_MAX_NR || !tgid_ok(pid_tgid >> 32))
		return;
	nr = (__u32)id;
	if (filter_nr) {
		ok = bpf_map_lookup_elem(&only, &nr);
		if (!ok || !*ok)
			return;
	}
	v.ts = bpf_ktime_get_ns();
	v.nr = nr;
	bpf_map_update_elem(&start, &tid, &v, BPF_ANY);
}

static __always_inline void on_exit(struct pt_regs *regs, long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid(), delta;
	__u32 tid = (__u32)pid_tgid, key;
	static const struct hist zero;
	struct start_val *v;
	struct hist *h;

	v = bpf_map_lookup_elem(&start, &tid);
	if (!v)
		return;
	delta = bpf_ktime_get_ns() - v->ts;
	delta /= ms ? 1000000 : 1000;
	key = SYSLAT_KEY(v->nr, per_proc ? pid_tgid >> 32 : 0);
	bpf_map_delete_elem(&start, &tid);
	h = lookup_or_init(&hists, &key, &zero);
	if (!h) {
		count_drop();	/* the map is full */
		return;
	}
	__sync_fetch_and_add(&h->slots[hist_slot(delta)], 1);
	__sync_fetch_and_add(&h->sum, delta);
	if (per_proc && !h->comm[0])
		bpf_get_current_comm(&h->comm, sizeof(h->comm));
}

SYSCALL_HOOKS

char LICENSE[] SEC("license") = "GPL";
