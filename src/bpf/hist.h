/* Log2 histogram as the BPF programs fill it (types shared by kernel and user
 * halves). Slot i counts values v with floor(log2(v)) == i (slot 0 also holds
 * 0 and 1), in the unit the tool chose (µs, ms, ns). */
#ifndef TRIAGE_BPF_HIST_H
#define TRIAGE_BPF_HIST_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define HIST_SLOTS 32		/* 2^31 µs is 35 minutes: enough for any latency */
#define HIST_MAX_ENTRIES 10240	/* cap on keyed histograms (per process, per disk ...) */
#define TASK_COMM_LEN 16

struct hist {
	__u32 slots[HIST_SLOTS];
	__u64 sum;		/* sum of the values, same unit, for the mean */
	char comm[TASK_COMM_LEN];	/* per-process/thread keys: the task's name */
};

/* floor(log2(v)), 0 for v <= 1. */
static inline __attribute__((always_inline)) __u32 hist_log2(__u64 v)
{
	__u32 r = 0, s;

	s = (v > 0xFFFFFFFFULL) << 5; v >>= s; r |= s;
	s = (v > 0xFFFF) << 4; v >>= s; r |= s;
	s = (v > 0xFF) << 3; v >>= s; r |= s;
	s = (v > 0xF) << 2; v >>= s; r |= s;
	s = (v > 0x3) << 1; v >>= s; r |= s;
	r |= (v >> 1);
	return r;
}

/* The slot of v: floor(log2(v)), and a value beyond the last slot counts in
 * the last one (libbpf-tools: "if (slot >= MAX_SLOTS) slot = MAX_SLOTS - 1"),
 * never in a low slot as a mask would put it (2^32 & 31 is slot 0). Both
 * BPF programs and the unit test use this one function. */
static inline __attribute__((always_inline)) __u32 hist_slot(__u64 v)
{
	__u32 slot = hist_log2(v);

	if (slot >= HIST_SLOTS)
		slot = HIST_SLOTS - 1;
	return slot;
}

#endif
