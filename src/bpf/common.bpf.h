/* Helpers shared by the BPF kernel halves (clang -target bpf only).
 *
 * Every tool filters the same way: by thread-group id (targ_tgid, 0 = all) and
 * by cgroup v2 (filter_cg, with the cgroup's fd put in cgroup_map[0] by the
 * user half, as libbpf-tools does with bpf_current_task_under_cgroup()). */
#ifndef TRIAGE_BPF_COMMON_BPF_H
#define TRIAGE_BPF_COMMON_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "bpf/core_fixes.bpf.h"

const volatile __u32 targ_tgid = 0;
const volatile __u32 self_tgid = 0;	/* the tool itself: left out where its own output would feed back */
const volatile bool filter_cg = false;

struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} cgroup_map SEC(".maps");

/* Events the ring buffer had no room for (index 0), read by the user half. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} dropped SEC(".maps");

/* Add one to entry i of a per-CPU array of __u64 counters. */
static __always_inline void percpu_inc(void *map, __u32 i)
{
	__u64 *n = bpf_map_lookup_elem(map, &i);

	if (n)
		*n += 1;	/* per-CPU slot: no atomics needed */
}

static __always_inline void count_drop(void)
{
	percpu_inc(&dropped, 0);
}

/* True when the current task passes the cgroup filter. */
static __always_inline bool cg_ok(void)
{
	return !filter_cg || bpf_current_task_under_cgroup(&cgroup_map, 0);
}

/* True when tgid passes the PID filter. */
static __always_inline bool tgid_ok(__u32 tgid)
{
	return (!targ_tgid || targ_tgid == tgid) && (!self_tgid || self_tgid != tgid);
}

/* Look up key in a hash map, inserting init first when absent. */
static __always_inline void *lookup_or_init(void *map, const void *key, const void *init)
{
	void *v = bpf_map_lookup_elem(map, key);

	if (v)
		return v;
	bpf_map_update_elem(map, key, init, BPF_NOEXIST);
	return bpf_map_lookup_elem(map, key);
}

#endif
