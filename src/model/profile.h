/* triage profile's collector: perf records in, folded stacks out.
 *
 * Samples are kept raw in a bounded arena (32 MiB) until the capture ends,
 * so that symbolizing (ELF, kallsyms) does not compete with the workload,
 * and so that the MMAP records written on other CPUs before them are
 * applied first; only what would be gone by the end (a process's maps, a
 * thread's name, a deleted object) is read when a PID is first seen. Then
 * each call chain is symbolized (model/symbolize.h) and folded
 * "thread;outermost;...;leaf" (model/stacks.h). */
#ifndef TRIAGE_MODEL_PROFILE_H
#define TRIAGE_MODEL_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/root.h"
#include "model/stacks.h"
#include "model/symbolize.h"
#include "sources/perf_record.h"

struct profile {
	struct symbolizer *sym;
	struct stacks stacks;
	char *pending;			/* arena of raw samples */
	size_t used, cap, npending;
	bool with_pid;			/* root frame "comm-PID" instead of "comm" */
	bool with_tid;			/* ... "comm-PID/TID" */
	uint64_t samples;		/* SAMPLE records seen */
	uint64_t lost;			/* samples the kernel lost (LOST records) */
	uint64_t user_stacks;		/* samples with user frames */
	uint64_t user_depth1;		/* ... of which only one: no frame pointers? */
	uint64_t truncated;		/* call chains longer than PERF_MAX_STACK */
	uint64_t exits;			/* EXIT records of a whole process */
};

int profile_init(struct profile *p, const struct root *r, size_t max_stacks);
void profile_free(struct profile *p);

/* perf_sampler_drain callback (arg: struct profile *). */
int profile_record(const struct perf_record *rec, void *arg);

/* Symbolize and fold the pending samples. */
void profile_flush(struct profile *p);

/* Share of user stacks with a single frame, in percent (NAN: none). */
double profile_depth1_pct(const struct profile *p);

#endif
