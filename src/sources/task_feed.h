/* The task iterator's records (bpf/tasks.h) as /proc/PID/stat would print
 * them: one item per process, sorted by PID, with the kernel's own arithmetic
 * (fs/proc/array.c do_task_stat, kernel/sched/cputime.c):
 *   utime, stime  thread_group_cputime_adjusted(): the group's runtime
 *                 (every thread's se.sum_exec_runtime plus the dead threads')
 *                 split in the ratio of the tick counts, never below the last
 *                 split the kernel handed out (signal->prev_cputime); then
 *                 nsec_to_clock_t() each
 *   state         task_state_index() of the leader: "RSDTtXZPI"
 *   priority      prio - 100; nice static_prio - 120
 *   starttime     nsec_to_clock_t(start_boottime); vsize total_vm pages
 *   rss           get_mm_rss() (file + anon + shmem pages)
 * One difference is possible: with CONFIG_VIRT_CPU_ACCOUNTING_GEN and
 * nohz_full CPUs, /proc adds a running task's not yet accounted vtime
 * (task_cputime()); the iterator sees only what is accounted (Debian's and
 * most distributions' kernels account by tick, where the two are equal).
 * Pure: no I/O, so the unit tests feed it literal records. Fields of
 * proc_pid_stat not listed (pgrp, session, tty, faults, cutime ...) are 0. */
#ifndef TRIAGE_SOURCES_TASK_FEED_H
#define TRIAGE_SOURCES_TASK_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sources/proc_pid.h"

struct tasks_leader;

/* Kernel threads: /proc composes their names (workqueue descriptions, names
 * longer than comm), so a reader takes them from /proc/PID/stat instead. */
#define TASK_FEED_PF_KTHREAD 0x00200000U

struct task_feed_item {
	bool kthread;			/* PF_KTHREAD: read /proc/PID/stat for it */
	uid_t uid;			/* effective uid */
	uint64_t sig;			/* change signature (task_feed_sig), never 0 */
	struct proc_pid_stat stat;	/* pid, comm, state, ppid, utime, stime,
					 * priority, nice, num_threads, starttime,
					 * vsize, rss, processor, rt_priority, policy */
};

struct task_feed {
	struct task_feed_item *v;	/* sorted by stat.pid */
	size_t n;
};

/* Build f from len bytes of records; hz is USER_HZ (sysconf(_SC_CLK_TCK)),
 * page_size in bytes. Returns 0, -EINVAL (a malformed or cut record: f is
 * then empty) or -ENOMEM. */
int task_feed_build(const void *recs, size_t len, long hz, long page_size, struct task_feed *f);
void task_feed_free(struct task_feed *f);

/* A process's change signature: a hash of every figure of its leader record
 * that moves when anything the recorder reads of it (/proc/PID/stat, status,
 * io, statm, schedstat, fd count, cmdline) can move: the group's runtime
 * (every thread's sum_exec_runtime and the dead threads'), which grows
 * whenever one of its threads runs, and what others change while it sleeps
 * (RSS and swap through reclaim, nice, policy, parent, comm, euid, CPU). Two
 * passes giving one process the same signature mean it did not run between
 * them and nobody changed it: its earlier reading still holds, except while
 * it runs (state R: its runtime is not yet accounted) and for another
 * process writing its memory (its cmdline: ptrace, process_vm_writev). */
uint64_t task_feed_sig(const struct tasks_leader *l, uint64_t group_sum_exec);

/* The item of process pid, or NULL. */
const struct task_feed_item *task_feed_find(const struct task_feed *f, int pid);

/* cputime_adjust() without its side effect: the split /proc would print for
 * runtime rtime and tick-sampled utime, stime (ns), given the last split the
 * kernel handed out (prev_ut, prev_st). */
void task_feed_cputime_adjust(uint64_t rtime, uint64_t utime, uint64_t stime,
			      uint64_t prev_ut, uint64_t prev_st, uint64_t *ut, uint64_t *st);

/* task_state_index() as a letter of "RSDTtXZPI", from __state and exit_state. */
char task_feed_state(uint32_t state, uint32_t exit_state);

/* nsec_to_clock_t(): ns to USER_HZ ticks. */
uint64_t task_feed_ticks(uint64_t ns, long hz);

#endif
