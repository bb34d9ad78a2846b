/* threads: the records the thread iterator (threads.bpf.c) writes and its
 * user half (threads.c) reads, one per task in PID order. Raw kernel
 * values: the state word, the saved user registers' syscall number and
 * first argument, kernel stack return addresses (symbolized in user space
 * with kallsyms), sched_info.pcount. */
#ifndef TRIAGE_BPF_THREADS_H
#define TRIAGE_BPF_THREADS_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define THREADS_STACK_DEPTH 8	/* kernel frames read per waiting task */
#define THREADS_SEEN_MAX 262144	/* tasks whose switch count the iterator remembers */

struct threads_rec {
	__u32 tgid, pid;		/* the reader's PID namespace's IDs (pidns.bpf.h) */
	__u32 flags;			/* task->flags (PF_KTHREAD 0x00200000) */
	__u32 state, exit_state;	/* task->__state, ->exit_state */
	__u32 nframes;			/* kstack entries filled (0: running, or unreadable) */
	__u32 cached;			/* 1: not run since the last pass (same nvcsw + nivcsw):
					 * nr, arg0 and kstack were not read, the user half
					 * keeps the last pass's */
	__u32 pad;
	__s64 nr;			/* pt_regs orig_ax: the syscall, -1 none; only when not running */
	__u64 arg0;			/* its first argument (di) */
	__u64 pcount;			/* sched_info.pcount: times run on a CPU */
	/* the leader's, for the process (pid == tgid) */
	__u32 ppid;			/* real_parent's tgid */
	__u32 nr_threads;		/* signal->nr_threads */
	__s64 rss;			/* file + anon + shmem pages */
	__u64 blkio_ns;			/* delays->blkio_delay (0 without delay accounting) */
	__u64 kstack[THREADS_STACK_DEPTH];
	char comm[16];
};

#endif
