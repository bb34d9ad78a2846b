/* memleak, user half: outstanding allocations of one process by user stack.
 *
 * API (no printing):
 *   struct memleak *x;
 *   memleak_open(&(struct memleak_opts){ .pid = P }, root, &x, &e);
 *   ... later, as often as wanted:
 *   struct memleak_report r;
 *   memleak_read(x, 10, 0, &r);   // the 10 stacks holding the most bytes
 *   ... r.top[i].bytes, .allocs, .oldest_ns, .frames (return addresses,
 *   innermost first: the function that called malloc), memleak_report_free(&r);
 *   memleak_close(x);             // detaches every probe
 * Addresses are not symbolized here: the command takes a symbolizer. */
#ifndef TRIAGE_BPF_MEMLEAK_API_H
#define TRIAGE_BPF_MEMLEAK_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "bpf/bpf_env.h"
#include "bpf/memleak.h"

struct memleak_opts {
	pid_t pid;		/* the process (required) */
	bool no_mmap;		/* leave mmap/munmap out */
};

/* One stack's outstanding allocations. nframes < 0: the stack was not
 * captured (the stack map was full, or a hash collision). */
struct memleak_stack {
	int32_t stack_id;
	uint64_t bytes, allocs;
	uint64_t oldest_ns;	/* age of its oldest outstanding allocation */
	int nframes;
	uint64_t frames[MEMLEAK_MAX_DEPTH];
};

struct memleak_report {
	uint64_t bytes, allocs;		/* everything outstanding */
	size_t nstacks;			/* stacks holding something */
	struct memleak_stack *top;	/* the largest ntop, most bytes first */
	size_t ntop;
	uint64_t lost[ML_NCOUNTERS];	/* since the start: enum memleak_counter */
};

struct memleak;

int memleak_open(const struct memleak_opts *o, const struct root *r, struct memleak **out,
		 struct bpf_env_err *e);
/* The library the probes sit on (as /proc/PID/maps names it), and how many
 * functions were probed. */
const char *memleak_libc(const struct memleak *x);
unsigned memleak_nprobes(const struct memleak *x);
/* What is outstanding now (allocations older than older_ns only), the top
 * stacks by bytes. Returns 0 or -errno. */
int memleak_read(struct memleak *x, size_t top, uint64_t older_ns, struct memleak_report *r);
void memleak_report_free(struct memleak_report *r);
void memleak_close(struct memleak *x);

#endif
