/* memleak: outstanding allocations of one process, from uprobes on its libc's
 * allocation functions. Types shared by memleak.bpf.c and memleak.c. */
#ifndef TRIAGE_BPF_MEMLEAK_H
#define TRIAGE_BPF_MEMLEAK_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define MEMLEAK_MAX_ALLOCS 1048576	/* outstanding allocations tracked */
#define MEMLEAK_MAX_STACKS 8192	/* distinct stacks: a power of two, as the kernel
					 * rounds the stack map up to one (ids < this) */
#define MEMLEAK_MAX_DEPTH 127		/* frames kept per stack */
#define MEMLEAK_MAX_THREADS 4096	/* threads inside an allocation function at once */

/* One outstanding allocation, keyed by its address. */
struct memleak_alloc {
	__u64 size;		/* bytes asked for */
	__u64 ts_ns;		/* when (CLOCK_MONOTONIC) */
	__s32 stack_id;		/* user stack at the return; < 0: not captured */
	__u32 pad;
};

/* Counters (per-CPU array indexes), each a loss the report names. */
enum memleak_counter {
	ML_ALLOCS_FULL,		/* allocations not tracked: the allocation map was full */
	ML_THREADS_FULL,	/* calls not tracked: the per-thread map was full */
	ML_STACKS_LOST,		/* allocations without a stack (stack map full, collision) */
	ML_NCOUNTERS,
};

#endif
