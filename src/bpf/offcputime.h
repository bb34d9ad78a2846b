/* offcputime: types shared by offcputime.bpf.c and offcputime.c. */
#ifndef TRIAGE_BPF_OFFCPUTIME_H
#define TRIAGE_BPF_OFFCPUTIME_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define OFFCPU_MAX_DEPTH 127	/* frames kept per stack (PERF_MAX_STACK_DEPTH) */
#define OFFCPU_MAX_STACKS 10240	/* distinct stacks in the stack map */
#define OFFCPU_MAX_KEYS 10240	/* distinct (thread, stacks) totals */

/* What one total is kept for: a thread, blocked in a user and a kernel stack
 * (ids in the stack map; negative when not captured). */
struct offcpu_key {
	__u32 pid;		/* thread id */
	__u32 tgid;		/* process id */
	__s32 user_stack_id;
	__s32 kern_stack_id;
	char comm[16];
};

struct offcpu_val {
	__u64 total_us;		/* time off CPU, µs */
	__u64 count;		/* times it blocked */
};

#endif
