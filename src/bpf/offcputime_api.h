/* offcputime, user half: time off CPU by thread and stack.
 *
 * API (no printing; the report's --deep calls offcputime_collect):
 *   struct offcputime_opts o = { .min_block_us = 1000 };
 *   struct offcpu_stacks st = { 0 };
 *   offcputime_collect(&o, 2.0, &st, NULL);
 *   offcpu_stacks_merge(&st, true);   // per process instead of per thread
 *   offcpu_stacks_sort(&st);          // largest total first
 *   ... st.s[i].total_us, st.s[i].frames (addresses; see the header of
 *   struct offcpu_stack), then offcpu_stacks_free(&st).
 * Addresses are not symbolized here: views take a symbolizer. */
#ifndef TRIAGE_BPF_OFFCPUTIME_API_H
#define TRIAGE_BPF_OFFCPUTIME_API_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "bpf/bpf_env.h"
#include "bpf/offcputime.h"

struct offcputime_opts {
	pid_t pid;		/* only this process; 0 = all */
	const char *cgroup;	/* only tasks in this cgroup v2 directory */
	uint64_t min_block_us;	/* ignore blocks shorter (default 1) */
	uint64_t max_block_us;	/* ignore blocks longer (0 = no limit) */
	bool user_only;		/* no kernel stacks */
	bool kernel_only;	/* no user stacks */
	long state;		/* only threads leaving in this state (1 = TASK_INTERRUPTIBLE,
				 * 2 = TASK_UNINTERRUPTIBLE); -1 = any */
};

/* One stack's total. frames holds nuser user addresses then nkern kernel
 * addresses, each list leaf first (as the stack map has them). A count of -1
 * means the stack was not captured (lost: a kernel thread has no user stack;
 * the stack map was full ...). */
struct offcpu_stack {
	uint32_t pid, tgid;
	char comm[16];		/* untrusted */
	uint64_t total_us, count;
	int nuser, nkern;
	uint64_t *frames;
};

struct offcpu_stacks {
	struct offcpu_stack *s;
	size_t n, cap;
	uint64_t dropped;	/* blocks not counted: a map was full */
};

struct offcputime;

int offcputime_open(const struct offcputime_opts *o, struct offcputime **out, struct bpf_env_err *e);
/* Read the totals and their stacks into st (appending). Returns 0 or -errno. */
int offcputime_read(struct offcputime *x, struct offcpu_stacks *st);
void offcputime_close(struct offcputime *x);
int offcputime_collect(const struct offcputime_opts *o, double seconds, struct offcpu_stacks *st,
		       struct bpf_env_err *e);

/* Append a copy of one stack (frames copied). Returns 0 or -ENOMEM. */
int offcpu_stacks_add(struct offcpu_stacks *st, const struct offcpu_stack *s);
/* Sum entries with the same comm and frames, and the same thread (or, with
 * per_process, the same process: pid becomes the tgid). */
void offcpu_stacks_merge(struct offcpu_stacks *st, bool per_process);
/* Largest total first. */
void offcpu_stacks_sort(struct offcpu_stacks *st);
void offcpu_stacks_free(struct offcpu_stacks *st);

#endif
