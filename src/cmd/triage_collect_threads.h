/* Thread-state sampling for the triage report (triage_collect_threads.c):
 * one call per interval, separate from the rest of the collection. */
#ifndef TRIAGE_CMD_TRIAGE_COLLECT_THREADS_H
#define TRIAGE_CMD_TRIAGE_COLLECT_THREADS_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis/obs.h"
#include "core/root.h"

struct collect_threads;

struct collect_threads *collect_threads_new(void);
void collect_threads_free(struct collect_threads *ct);
/* Take one thread sample from r; with last, fill o->tprocs from the window
 * (rolling windows: from the samples taken, without another). */
void collect_threads_step(struct collect_threads *ct, const struct root *r, struct obs *o, bool last);

struct sample;
/* A recorded sample's thread states (sample->threads, none: nothing) into
 * the model; with last, fill o->tprocs from the window (the recorded files
 * of D waits; no cgroup or oom_score, which /proc alone gives). */
void collect_threads_recorded(struct collect_threads *ct, const struct sample *smp, struct obs *o, bool last);

/* A syscall whose first argument is a file descriptor (read, write ...). */
bool collect_fd_syscall(const char *sc);
struct mountinfo;
/* The mount a path is on: the longest mount point that prefixes it (the
 * later of equal ones: it is mounted over the other); "" when none. */
void collect_mount_of(const struct mountinfo *mi, const char *file, char *mount, size_t msize, char *fstype,
		      size_t fsize);

/* Rolling windows (triage serve): the last step of a window fills without
 * sampling again, and collect_threads_next_window() starts the next window
 * from the last sample taken (kept descriptors and the reader kept too), so
 * that its first step takes no sample: one thread sample per interval. */
void collect_threads_rolling(struct collect_threads *ct);
void collect_threads_next_window(struct collect_threads *ct);
/* A long-running sampler (serve): the BPF iterator whatever the number of
 * tasks, its load (BTF, kallsyms) paid once for every window. Before the
 * first step. states (NULL: none): a fed thread reader (threads_api.h) that
 * the task iterator's pass before each sample hands its states to, used
 * instead of a pass of our own (borrowed: not closed here). */
struct threads_iter;
void collect_threads_long_running(struct collect_threads *ct, struct threads_iter *states);

#endif
