/* strace's user half: load the program for a set of processes, hand each
 * syscall event to a callback, or (-c) read the per-syscall counters. Never
 * prints.
 *
 * strace_open() loads and attaches; strace_poll() waits up to timeout_ms and
 * calls fn per event (the count or -errno, -EINTR on a signal);
 * strace_alive() drops processes that are gone from the traced set and says
 * whether any is left; strace_dropped() counts events the full ring buffer
 * lost; strace_close() detaches and unloads (NULL is fine). */
#ifndef TRIAGE_BPF_STRACE_API_H
#define TRIAGE_BPF_STRACE_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "bpf/bpf_env.h"
#include "bpf/strace.h"

struct strace_opts {
	const pid_t *pids;	/* the processes (-p), npids of them */
	size_t npids;
	bool follow;		/* -f: their children too, from their fork on */
	bool count_only;	/* -c: counters instead of events */
	const bool *only;	/* -e: STRACE_MAX_NR flags, NULL = every syscall */
};

struct strace;
typedef void (*strace_fn)(void *ctx, const struct strace_event *ev);

int strace_open(const struct strace_opts *o, strace_fn fn, void *ctx, struct strace **out,
		struct bpf_env_err *e);
int strace_poll(struct strace *s, int timeout_ms);
bool strace_alive(struct strace *s);
uint64_t strace_dropped(struct strace *s);
void strace_close(struct strace *s);

/* -c: one row per syscall called. */
struct strace_count_row {
	long nr;
	uint64_t calls, errors, total_ns;
};

struct strace_counts {
	struct strace_count_row *rows;	/* sorted by total_ns, largest first */
	size_t n;
	uint64_t calls, errors, total_ns;	/* the "total" row */
};

/* Sum the per-CPU counters into c (free with strace_counts_free). */
int strace_read_counts(struct strace *s, struct strace_counts *c);
/* Sum ncpu per-CPU values of nr into c when non-zero (unit-tested). */
int strace_counts_add(struct strace_counts *c, long nr, const struct strace_count *percpu, int ncpu);
/* Sort by time, then calls, then number; fill the totals. */
void strace_counts_finish(struct strace_counts *c);
void strace_counts_free(struct strace_counts *c);

#endif
