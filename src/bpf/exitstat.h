/* exitstat: the record the process-exit program (exitstat.bpf.c) writes into
 * its ring buffer, one per process that ended, and its user half
 * (exitstat.c) reads.
 *
 * Threads are folded into their process: the program fires on every
 * exiting task but writes only when the last thread of the group exits
 * (signal->live dropped to 0), and then adds up what /proc/TGID/stat and
 * /proc/TGID/io would have summed at that moment (thread_group_cputime(),
 * do_io_accounting(whole)): the threads already reaped (signal_struct's
 * totals), the exiting thread, and the group leader when another thread
 * outlives it (a leader that called pthread_exit stays a zombie with its own
 * counters). A thread that exited a moment earlier and is not reaped yet is
 * missed (a race of microseconds). The context switches are the leader's
 * own, as /proc/TGID/status shows them.
 *
 * Values are the kernel's raw fields: times in ns, memory in pages; the user
 * half turns them into what /proc would print (sources/exited.h). */
#ifndef TRIAGE_BPF_EXITSTAT_H
#define TRIAGE_BPF_EXITSTAT_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

struct exitstat_rec {
	__u32 tgid;			/* the process (init-namespace IDs) */
	__u32 tid;			/* its last thread, the one that exited last */
	__u32 ppid;			/* the leader's real_parent's tgid */
	__u32 euid;			/* cred->euid of the exiting thread */
	__s32 exit_code;		/* task->exit_code: wait(2)'s status word */
	__u32 flags;			/* the leader's task->flags (PF_KTHREAD ...) */
	__u64 start_boottime;		/* the leader's, ns since boot (suspend included) */
	__u64 exit_boottime;		/* bpf_ktime_get_boot_ns() at the exit */
	__u64 utime, stime;		/* tick-sampled, ns, the whole group */
	__u64 sum_exec;			/* se.sum_exec_runtime, ns, the whole group */
	__u64 prev_utime, prev_stime;	/* signal->prev_cputime (cputime_adjust's floor) */
	__u64 minflt, majflt;		/* the whole group */
	__u64 nvcsw, nivcsw;		/* the leader's */
	__u64 maxrss;			/* signal->maxrss, pages: the peak RSS (the mm is
					 * gone by the tracepoint, so no current RSS) */
	__u64 rchar, wchar, syscr, syscw;
	__u64 read_bytes, write_bytes, cancelled_write_bytes;
	__u32 nr_threads;		/* signal->nr_threads (threads not yet reaped) */
	__s32 prio, static_prio;	/* the leader's task->prio, ->static_prio */
	__u32 pad;
	char comm[16];			/* the leader's */
};

#endif
