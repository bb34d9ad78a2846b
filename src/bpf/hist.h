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

#endif
