/* Thread-state sampling: every thread's scheduler state and, for a thread
 * that waits, what it waits in: its current syscall (number and first
 * argument) and its kernel wait channel. One sample is a snapshot of every
 * thread at one instant; model/threads.c turns successive samples into
 * per-process shares ("96 % of thread-samples in futex_wait").
 *
 * Two readers fill the same struct: the /proc fallback here
 * (proc/PID/task/TID/{stat,schedstat,syscall,wchan}, and stack for threads
 * in D when it is readable) and the BPF task iterator (bpf/threads.c), which
 * reads the same fields of task_struct in one pass.
 *
 * Kernel formats (fs/proc/base.c):
 *   syscall  proc_pid_syscall(): "running" when the task is on a CPU
 *            (task_current_syscall() -EAGAIN); "NR SP PC" with NR -1 when
 *            it is not in a syscall (a fault, an interrupt); else
 *            "NR ARG0 .. ARG5 SP PC", arguments in hex. Needs ptrace
 *            access (PTRACE_MODE_ATTACH_FSCREDS): another user's threads
 *            give EACCES unless root.
 *   wchan    proc_pid_wchan(): the symbol of get_wchan(), the first return
 *            address on the task's kernel stack outside the scheduler
 *            (in_sched_functions()), or "0" (running, none, or no ptrace
 *            read access).
 *   stack    proc_pid_stack(): "[<0>] sym+0xoff/0xsize" per frame, root
 *            (CAP_SYS_ADMIN) only. */
#ifndef TRIAGE_SOURCES_THREAD_SAMPLE_H
#define TRIAGE_SOURCES_THREAD_SAMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

#define THREAD_WCHAN_MAX 48
#define THREAD_FRAMES 2		/* kernel frames kept past the wait channel */

enum thread_sc {
	THREAD_SC_UNKNOWN,	/* not read (unreadable, or the reader has none) */
	THREAD_SC_RUNNING,	/* on a CPU: "running" */
	THREAD_SC_NONE,		/* off CPU, not in a syscall (NR -1) */
	THREAD_SC_IN,		/* in syscall nr, first argument arg0 */
};

/* One thread. */
struct thread_rec {
	int pid, tid;			/* thread group and thread (init namespace live) */
	char state;			/* stat (3): R S D T t X Z P I */
	enum thread_sc sc;
	long nr;			/* syscall number (THREAD_SC_IN) */
	uint64_t arg0;			/* its first argument */
	uint64_t slices;		/* schedstat (3) / sched_info.pcount: times run
					 * on a CPU, cumulative; UINT64_MAX unknown */
	char wchan[THREAD_WCHAN_MAX];	/* "" none or unknown */
	char frames[THREAD_FRAMES][THREAD_WCHAN_MAX];	/* the next kernel frames
					 * below wchan (threads in D, when readable) */
	bool carry;			/* reader-internal: its wait is the last sample's */
};

/* One process (thread group). */
struct thread_proc_rec {
	int pid, ppid;
	bool kthread;			/* a kernel thread (children of kthreadd) */
	char state;			/* the leader's */
	char comm[64];			/* untrusted */
	int nthreads;			/* stat (20) */
	int64_t rss_pages;		/* stat (24) */
	uint64_t blkio_ticks;		/* stat (42) delayacct_blkio_ticks, USER_HZ */
};

struct thread_sample {
	double up_s;			/* uptime when taken */
	struct thread_rec *t;		/* sorted by (pid, tid) */
	size_t nt, capt;
	struct thread_proc_rec *p;	/* sorted by pid */
	size_t np, capp;
	int denied;			/* threads whose syscall/wchan we may not read */
	bool have_stack;		/* kernel stacks were readable */
	const char *source;		/* "/proc" or "bpf" */
};

void thread_sample_free(struct thread_sample *s);
/* Append one zeroed record (NULL on ENOMEM). */
struct thread_rec *thread_sample_add_thread(struct thread_sample *s);
struct thread_proc_rec *thread_sample_add_proc(struct thread_sample *s);
/* Sort both arrays (the BPF reader gets tasks in PID order already). */
void thread_sample_sort(struct thread_sample *s);

/* A thread that has not run since the previous sample (same schedstat
 * count, same state, not runnable) still waits where it waited: copy its
 * syscall, wait channel and frames from prev (*cursor: a merge cursor into
 * prev->t, start at 0, calls in (pid, tid) order). Returns true when copied;
 * the readers then skip reading them again. */
bool thread_sample_carry(const struct thread_sample *prev, size_t *cursor, struct thread_rec *t, bool by_kernel);

/* Parsers (buf holds len bytes, NUL-terminated). Return 0 or -EINVAL. */
int thread_syscall_parse(const char *buf, size_t len, struct thread_rec *out);
/* wchan text into out ("0" gives ""). */
int thread_wchan_parse(const char *buf, size_t len, char *out, size_t size);
/* The frames of a stack file, symbol names only ("folio_wait_bit_common"),
 * scheduler frames skipped, at most max of them into out. Returns the count. */
int thread_stack_parse(const char *buf, size_t len, char (*out)[THREAD_WCHAN_MAX], int max);
/* A scheduler function that get_wchan() skips (schedule, __schedule,
 * schedule_timeout, io_schedule ...: the kernel's __sched section). */
bool thread_sched_frame(const char *sym);

struct proc_threads;

/* The /proc reader: keeps the stat/schedstat fds of the previous sample
 * (sources/proc_pid_scan.h). Returns NULL on ENOMEM. */
struct proc_threads *proc_threads_new(void);
void proc_threads_free(struct proc_threads *pt);
/* One sample of every thread under r into out (freed first); prev (NULL:
 * none) is the sample before, for thread_sample_carry(). Returns 0 or
 * -errno when the proc directory cannot be read. */
int proc_threads_read(struct proc_threads *pt, const struct root *r, const struct thread_sample *prev,
		      struct thread_sample *out);

#endif
