/* Thread-state sampling for the triage report (triage_collect_threads.c):
 * one call per interval, separate from the rest of the collection. */
#ifndef TRIAGE_CMD_TRIAGE_COLLECT_THREADS_H
#define TRIAGE_CMD_TRIAGE_COLLECT_THREADS_H

#include <stdbool.h>

#include "analysis/obs.h"
#include "core/root.h"

struct collect_threads;

struct collect_threads *collect_threads_new(void);
void collect_threads_free(struct collect_threads *ct);
/* Take one thread sample from r; with last, fill o->tprocs from the window
 * (rolling windows: from the samples taken, without another). */
void collect_threads_step(struct collect_threads *ct, const struct root *r, struct obs *o, bool last);

/* Rolling windows (triage serve): the last step of a window fills without
 * sampling again, and collect_threads_next_window() starts the next window
 * from the last sample taken (kept descriptors and the reader kept too), so
 * that its first step takes no sample: one thread sample per interval. */
void collect_threads_rolling(struct collect_threads *ct);
void collect_threads_next_window(struct collect_threads *ct);

#endif
