/* tasks, user half: the task iterator, loaded once, read once per sample.
 *
 *   struct tasks_iter *it;
 *   struct buf b = { 0 };
 *   if (tasks_iter_open(r, &it, &e) == 0) {
 *           tasks_iter_read(it, &b);     ... records of tasks.h, kinds mixed
 *           tasks_iter_close(it);
 *   }
 *
 * Needs the live root, BTF, root (CAP_BPF + CAP_PERFMON or CAP_SYS_ADMIN) and
 * the root's proc mounted for the reader's own PID namespace: the iterator
 * walks the tasks of the reader's namespace and gives their IDs there
 * (pidns.bpf.h), as that /proc does. */
#ifndef TRIAGE_BPF_TASKS_API_H
#define TRIAGE_BPF_TASKS_API_H

#include <stdbool.h>

#include "bpf/bpf_env.h"
#include "core/buf.h"

struct tasks_iter;

/* Check, load and attach. Returns 0 or -errno with e filled. */
int tasks_iter_open(const struct root *r, struct tasks_iter **out, struct bpf_env_err *e);

/* One pass over every task: its records, back to back, into b (b->len bytes).
 * Returns 0 or -errno. */
int tasks_iter_read(struct tasks_iter *it, struct buf *b);

/* From the next read on, each task's record is followed by its thread
 * state (on) or not (off): tasks.h's struct tasks_state, which
 * threads_iter_feed() takes. */
void tasks_iter_states(struct tasks_iter *it, bool on);

/* True when r's proc is the initial PID namespace's (the iterators' IDs are). */
int tasks_in_init_pidns(const struct root *r);

struct bpf_env_err;
/* What every whole-host task program (tasks, threads, exitstat) checks before
 * loading: BPF usable (bpf_env_check) and IDs that r's proc knows: with
 * own_pidns (the iterators, which translate IDs into the reader's PID
 * namespace) r's proc must be that namespace's, else (exitstat: the
 * tracepoints' init-namespace IDs) the initial namespace's; then a zeroed
 * object of size bytes. NULL with e filled and *err set (-errno) when not. */
void *tasks_host_obj(const struct root *r, size_t size, const char *what, bool own_pidns, struct bpf_env_err *e,
		     int *err);

/* Detach and unload (NULL is fine). */
void tasks_iter_close(struct tasks_iter *it);

#endif
