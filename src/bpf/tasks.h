/* tasks: the records the task iterator (tasks.bpf.c) writes and its user half
 * (tasks.c) reads, one per task in PID order.
 *
 * Values are the kernel's raw fields, not /proc's: times in ns, memory in
 * pages, the state word, prio. sources/task_feed.c turns them into what
 * /proc/PID/stat would print (fs/proc/array.c do_task_stat), with the same
 * arithmetic (cputime_adjust, task_state_index, nsec_to_clock_t). */
#ifndef TRIAGE_BPF_TASKS_H
#define TRIAGE_BPF_TASKS_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#include "bpf/threads.h"

enum tasks_kind {
	TASKS_THREAD = 1,	/* a thread that does not lead its group */
	TASKS_LEADER = 2,	/* a thread-group leader: the process */
	TASKS_STATE = 3,	/* the thread's state record (threads.h), after its
				 * own record, when the reader asked (want_states) */
};

/* Both kinds start with this. */
struct tasks_head {
	__u32 kind;		/* enum tasks_kind */
	__u32 tgid;		/* the reader's PID namespace's IDs (pidns.bpf.h) */
	__u32 pid;
	__u32 flags;		/* task->flags (PF_KTHREAD 0x00200000 ...) */
	__u64 utime, stime;	/* this task's, ns */
	__u64 sum_exec;		/* se.sum_exec_runtime, ns */
};

struct tasks_thread {
	struct tasks_head h;
};

struct tasks_leader {
	struct tasks_head h;
	__u64 sig_utime, sig_stime;	/* signal: of the group's dead threads, ns */
	__u64 sig_sum_exec;		/* signal->sum_sched_runtime */
	__u64 prev_utime, prev_stime;	/* signal->prev_cputime (cputime_adjust's) */
	__u64 start_boottime;		/* ns since boot, suspend included */
	__u64 total_vm;			/* mm->total_vm, pages; 0 without mm */
	__s64 rss;			/* file + anon + shmem pages (get_mm_rss) */
	__s64 swapents;			/* MM_SWAPENTS: pages swapped out */
	__u32 state, exit_state;	/* task->__state, ->exit_state */
	__u32 euid;			/* cred->euid, init user namespace */
	__s32 prio, static_prio;	/* task->prio, ->static_prio */
	__u32 policy, rt_priority;
	__u32 nr_threads;		/* signal->nr_threads */
	__u32 ppid;			/* real_parent's tgid */
	__s32 processor;		/* CPU last run on */
	char comm[16];
};

/* A thread state in the task iterator's stream: kind, then threads.h's
 * record, as the thread iterator writes it. */
struct tasks_state {
	__u32 kind;		/* TASKS_STATE */
	__u32 pad;
	struct threads_rec r;
};

#endif
