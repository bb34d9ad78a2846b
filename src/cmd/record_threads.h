/* The recorder's thread-state sampling (record_threads.c): at every
 * recorded sample, every thread's state and wait, aggregated per process
 * into the sample (sample/sample_threads.h). */
#ifndef TRIAGE_CMD_RECORD_THREADS_H
#define TRIAGE_CMD_RECORD_THREADS_H

#include "core/root.h"
#include "sample/sample.h"

struct record_threads;

/* NULL on ENOMEM. TRIAGE_THREADS=off|proc|bpf as for the report. */
struct record_threads *record_threads_new(void);
void record_threads_free(struct record_threads *rt);
/* Take the states from the task iterator's pass (record_tasks_states: a
 * fed reader, borrowed) instead of a reader of our own. NULL: no change. */
struct threads_iter;
void record_threads_fed(struct record_threads *rt, struct threads_iter *states);
/* Sample r's threads into s->threads (s->threads_err on failure, said once
 * on stderr as cmd). */
void record_threads_take(struct record_threads *rt, const char *cmd, const struct root *r, struct sample *s);

#endif
