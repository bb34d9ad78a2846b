// SPDX-License-Identifier: GPL-2.0
/* memleak: outstanding allocations of one process by user stack. Uprobes on
 * the process's libc: an allocation function's entry keeps the size asked for
 * (per thread), its return records address -> size, time and user stack;
 * free/munmap/realloc's entry forget the address.
 *
 * Nesting: glibc's realloc(NULL, n) calls malloc, its malloc calls mmap for
 * large chunks. Only the outermost call counts: an entry whose stack pointer
 * is below (deeper than) the pending call's is an inner call, and a return
 * counts only when its stack pointer is the pending entry's + 8 (the return
 * address popped). A stale pending entry (a thread that was inside malloc at
 * attach time) is replaced by the next call at or above its depth.
 *
 * The stack is taken at the return: the instruction pointer is then the
 * return address inside the caller and the frame pointer the caller's, so the
 * function that called malloc is the first frame even though glibc has no
 * frame pointers. */
#include "bpf/common.bpf.h"
#include "bpf/memleak.h"

struct pending {
	__u64 size;
	__u64 memptr;	/* posix_memalign's void **: the address is read there */
	__u64 sp;	/* stack pointer at the entry */
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MEMLEAK_MAX_THREADS);
	__type(key, __u32);
	__type(value, struct pending);
} pending SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MEMLEAK_MAX_ALLOCS);
	__uint(map_flags, BPF_F_NO_PREALLOC);	/* memory as allocations come, not 1M up front */
	__type(key, __u64);
	__type(value, struct memleak_alloc);
} allocs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, MEMLEAK_MAX_STACKS);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, MEMLEAK_MAX_DEPTH * sizeof(__u64));
} stacks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, ML_NCOUNTERS);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

static __always_inline void count(__u32 i)
{
	percpu_inc(&counters, i);
}

static __always_inline bool ours(void)
{
	return tgid_ok(bpf_get_current_pid_tgid() >> 32);
}

/* True when the current thread is inside an allocation function already
 * (this call is one it makes). */
static __always_inline bool nested(__u32 tid, __u64 sp)
{
	struct pending *p = bpf_map_lookup_elem(&pending, &tid);

	return p && sp < p->sp;
}

static __always_inline int enter(struct pt_regs *ctx, __u64 size, __u64 memptr)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct pending n = { .size = size, .memptr = memptr, .sp = PT_REGS_SP(ctx) };

	if (!ours() || nested(tid, n.sp))
		return 0;
	if (bpf_map_update_elem(&pending, &tid, &n, BPF_ANY))
		count(ML_THREADS_FULL);
	return 0;
}

/* An allocation function returns addr (ok: it did not fail). */
static __always_inline int leave(struct pt_regs *ctx, __u64 addr, bool ok)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct memleak_alloc a = { 0 };
	struct pending *p;
	__u64 memptr;

	if (!ours())
		return 0;
	p = bpf_map_lookup_elem(&pending, &tid);
	if (!p || PT_REGS_SP(ctx) != p->sp + 8)
		return 0;	/* not tracked, or an inner call's return */
	a.size = p->size;
	memptr = p->memptr;
	bpf_map_delete_elem(&pending, &tid);
	if (ok && memptr && bpf_probe_read_user(&addr, sizeof(addr), (void *)memptr))
		return 0;
	if (!ok || !addr)
		return 0;
	a.ts_ns = bpf_ktime_get_ns();
	a.stack_id = bpf_get_stackid(ctx, &stacks, BPF_F_USER_STACK);
	if (a.stack_id < 0)
		count(ML_STACKS_LOST);
	if (bpf_map_update_elem(&allocs, &addr, &a, BPF_ANY))
		count(ML_ALLOCS_FULL);
	return 0;
}

static __always_inline int forget(struct pt_regs *ctx, __u64 addr)
{
	if (addr && ours() && !nested((__u32)bpf_get_current_pid_tgid(), PT_REGS_SP(ctx)))
		bpf_map_delete_elem(&allocs, &addr);
	return 0;
}

SEC("uprobe")
int BPF_KPROBE(malloc_enter, size_t size)
{
	return enter(ctx, size, 0);
}

SEC("uprobe")
int BPF_KPROBE(calloc_enter, size_t n, size_t size)
{
	return enter(ctx, (__u64)n * size, 0);
}

SEC("uprobe")
int BPF_KPROBE(realloc_enter, void *ptr, size_t size)
{
	forget(ctx, (__u64)ptr);
	return enter(ctx, size, 0);
}

/* memalign(align, size), aligned_alloc(align, size) */
SEC("uprobe")
int BPF_KPROBE(memalign_enter, size_t align, size_t size)
{
	return enter(ctx, size, 0);
}

SEC("uprobe")
int BPF_KPROBE(pmemalign_enter, void **memptr, size_t align, size_t size)
{
	return enter(ctx, size, (__u64)memptr);
}

SEC("uprobe")
int BPF_KPROBE(mmap_enter, void *addr, size_t len)
{
	return enter(ctx, len, 0);
}

/* malloc, calloc, realloc, memalign, aligned_alloc: NULL on failure */
SEC("uretprobe")
int BPF_KRETPROBE(alloc_exit, void *ret)
{
	return leave(ctx, (__u64)ret, ret != NULL);
}

SEC("uretprobe")
int BPF_KRETPROBE(pmemalign_exit, int ret)
{
	return leave(ctx, 0, ret == 0);
}

/* mmap: MAP_FAILED on failure */
SEC("uretprobe")
int BPF_KRETPROBE(mmap_exit, void *ret)
{
	return leave(ctx, (__u64)ret, (long)ret != -1);
}

SEC("uprobe")
int BPF_KPROBE(free_enter, void *ptr)
{
	return forget(ctx, (__u64)ptr);
}

SEC("uprobe")
int BPF_KPROBE(munmap_enter, void *addr, size_t len)
{
	return forget(ctx, (__u64)addr);
}

char LICENSE[] SEC("license") = "GPL";
