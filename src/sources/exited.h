/* Processes that ended: the exit program's records (bpf/exitstat.h) as
 * /proc/TGID/stat, status and io would have shown them at the moment of the
 * exit, with the kernel's arithmetic (sources/task_feed.h):
 *   utime, stime  thread_group_cputime_adjusted(): the group's runtime split
 *                 in the ratio of its tick counts, never below
 *                 signal->prev_cputime; then nsec_to_clock_t(), USER_HZ ticks
 *   starttime     nsec_to_clock_t(start_boottime), as stat's field 22
 *   minflt/majflt the group's; nvcsw/nivcsw the leader's (status)
 *   maxrss_kb     the peak RSS (signal->maxrss, getrusage's ru_maxrss)
 *   io            /proc/TGID/io's seven counters
 * Pure: no I/O, so the unit tests feed it literal records. */
#ifndef TRIAGE_SOURCES_EXITED_H
#define TRIAGE_SOURCES_EXITED_H

#include <stddef.h>
#include <stdint.h>

#include "sources/proc_pid.h"

struct exitstat_rec;

struct exited_task {
	int pid;			/* the process (thread group) */
	int tid;			/* its thread that exited last */
	int ppid;
	uint32_t uid;			/* effective uid */
	int32_t exit_code;		/* wait(2) status: code << 8, or the signal */
	uint32_t flags;			/* EXITED_* */
	char comm[16];
	int priority, nice;		/* as stat's 18 and 19 */
	uint64_t starttime;		/* ticks after boot (stat field 22) */
	uint64_t utime, stime;		/* ticks, as stat's 14 and 15 */
	uint64_t minflt, majflt;
	uint64_t nvcsw, nivcsw;
	uint64_t maxrss_kb;
	struct proc_pid_io io;
	int64_t exit_ns;		/* CLOCK_REALTIME of the exit */
};

enum {
	EXITED_KTHREAD = 1u << 0,	/* a kernel thread */
};

/* The processes that ended since the previous sample (the recorder's). */
struct exited_list {
	struct exited_task *v;
	size_t n, cap;
	uint64_t dropped;		/* records lost (ring buffer full) in that time */
};

/* rec into *out: hz is USER_HZ, page_size bytes, and boot_to_real_ns the
 * offset CLOCK_REALTIME - CLOCK_BOOTTIME (the exit time is boot-based). */
void exited_from_rec(const struct exitstat_rec *rec, long hz, long page_size,
		     int64_t boot_to_real_ns, struct exited_task *out);

/* Append a copy of t. 0 or -ENOMEM. */
int exited_list_add(struct exited_list *l, const struct exited_task *t);
/* Move every task of from to the end of to (from is then empty). 0 or -ENOMEM. */
int exited_list_move(struct exited_list *to, struct exited_list *from);
void exited_list_free(struct exited_list *l);

#endif
