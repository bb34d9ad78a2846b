/* The /proc PID scan: one sample of every process (or of the PIDs asked for),
 * optionally with their threads, reading only the files the caller asks for.
 *
 * Cost is what matters here (bench/): the proc directory is read with
 * getdents through one directory fd, every file is opened relative to the
 * root's proc fd and read with one read() into a fixed buffer, and, live,
 * the stat and schedstat fds are kept open for the next sample, which then
 * costs one pread() each (about a third of open+read+close). A kept fd
 * stays bound to its task: when that task exits, pread fails with ESRCH and
 * the PID, if reused, is opened afresh (its starttime then differs).
 *
 * Records are sorted by (pid, tid) so that two samples join in one merge pass
 * (model/pid.h) and a lookup is a binary search: linear in the number of
 * processes. Each sample owns its records and an arena for the optional
 * parts (status, io, statm, cmdline); freeing the sample frees them. */
#ifndef TRIAGE_SOURCES_PROC_PID_SCAN_H
#define TRIAGE_SOURCES_PROC_PID_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/root.h"
#include "sources/proc_pid.h"
#include "sources/proc_pid_smaps.h"

/* One task in a sample. stat is always read; the other parts only when the
 * scan's want mask has their PROC_PID_* bit and the read succeeded (have). */
struct proc_pid_rec {
	int pid;			/* process (thread group) ID */
	int tid;			/* 0: the process; > 0: one of its threads */
	unsigned have;			/* PROC_PID_* parts present in this record */
	uid_t uid;			/* owner of the task's directory: the effective uid
					 * (its files are root's when the task is not
					 * dumpable; the directory is not, see the kernel's
					 * task_dump_owner); in a captured tree, status's
					 * effective Uid */
	struct proc_pid_stat stat;
	struct proc_pid_schedstat sched;	/* PROC_PID_SCHEDSTAT */
	struct proc_pid_status *status;	/* PROC_PID_STATUS, in the arena */
	struct proc_pid_io *io;		/* PROC_PID_IO; unset when EACCES (not root) */
	struct proc_pid_statm *statm;	/* PROC_PID_STATM */
	char *cmdline;			/* PROC_PID_CMDLINE: joined, may be "" */
	int fd_nr;			/* PROC_PID_FDNR: open descriptors (sources/proc_pid_fd.h) */
	struct proc_pid_smaps_stack stack;	/* PROC_PID_STACK: [stack] Size, Referenced */
	int fd_stat, fd_sched, fd_statm;	/* kept open for the next sample, or -1 */
	uint64_t feed_sig;		/* the task iterator's change signature when the
					 * scan had a feed (task_feed_sig), else 0 */
};

struct proc_pid_arena;
struct task_feed;

struct proc_pid_sample {
	struct proc_pid_rec *recs;	/* sorted by (pid, tid) */
	size_t n, cap;
	size_t nprocs;			/* records with tid == 0 */
	size_t nkept;			/* fds kept open by this sample */
	struct proc_pid_arena *arena;
	int io_denied;			/* io files refused with EACCES (not root) */
	int fd_denied;			/* fd directories refused (EACCES) */
	int stack_denied;		/* smaps files refused (EACCES) */
};

struct proc_pid_scan_opts {
	unsigned want;		/* PROC_PID_* files beyond stat */
	const int *pids;	/* only these processes; NULL: every process */
	size_t npids;
	bool threads;		/* also every task/TID of each process */
	size_t max_kept_fds;	/* keep up to this many fds open for the next
				 * sample (0: none; replayed snapshots: 0) */
	const struct task_feed *feed;	/* stat and uid of each process from the
				 * task iterator (sources/task_feed.h) instead of
				 * /proc/PID/stat, and the process list (unless
				 * pids); kernel threads and threads still come
				 * from /proc. NULL: /proc only */
	bool carry;		/* with feed: the feed gives only the process list
				 * and each one's change signature; a process whose
				 * signature is the previous sample's, and that is
				 * not running, is copied from prev (no file read),
				 * the others are read from /proc as without a feed
				 * (the recorder: every figure /proc's) */
};

/* Scan r's proc directory into out (which must be zeroed or freed before).
 * prev, when not NULL, is the previous sample of the same root: its kept fds
 * move to out. Tasks that vanish while being read are dropped quietly.
 * Returns 0 or -errno (only when the proc directory itself cannot be read). */
int proc_pid_scan(const struct root *r, const struct proc_pid_scan_opts *o,
		  struct proc_pid_sample *prev, struct proc_pid_sample *out);

/* Close kept fds and free everything; the sample is then empty. */
void proc_pid_sample_free(struct proc_pid_sample *s);

/* The record of (pid, tid), or NULL. Binary search. */
const struct proc_pid_rec *proc_pid_sample_find(const struct proc_pid_sample *s, int pid, int tid);

/* Append a copy of rec to s (its status, io, statm and cmdline copied into
 * s's arena, no kept fds): how a recorded sample is rebuilt. Records must be
 * appended in (pid, tid) order. Returns 0 or -ENOMEM. */
int proc_pid_sample_append(struct proc_pid_sample *s, const struct proc_pid_rec *rec);

/* Raise the soft RLIMIT_NOFILE to the hard limit and return how many fds a
 * scan may keep (the limit less a reserve), for max_kept_fds. */
size_t proc_pid_scan_fd_budget(void);

#endif
