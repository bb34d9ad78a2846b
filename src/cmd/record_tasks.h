/* The recorder's task iterator: one BPF pass over every task per sample
 * (bpf/tasks.bpf.c) gives the process list and each process's change
 * signature (sources/task_feed.h), so that the scan reads /proc only for the
 * processes that changed and copies the others from the previous sample
 * (proc_pid_scan_opts.carry). Without it (not root, no BTF, a --root tree)
 * every process is read from /proc: the same figures, at more cost. */
#ifndef TRIAGE_CMD_RECORD_TASKS_H
#define TRIAGE_CMD_RECORD_TASKS_H

#include "core/buf.h"
#include "sample/sample.h"
#include "sources/task_feed.h"

struct tasks_iter;
struct threads_iter;

struct record_tasks {
	const char *cmd;		/* for the message; NULL: quiet */
	const struct root *root;	/* live, when the iterator may be tried */
	struct tasks_iter *iter;	/* NULL: /proc only */
	struct buf recs;		/* its records, reused between samples */
	struct task_feed feed;		/* this sample's pass */
	struct threads_iter *states;	/* record_tasks_states(): fed by each pass */
	long hz, page_size;
};

/* Set t up for samples of want from root r: the iterator is loaded (about
 * half a second: libbpf reads the kernel's BTF) when r is live and every
 * process is scanned without threads; when it cannot be, why is said once
 * on stderr (cmd NULL: nothing is said, the scan reads /proc quietly). Loading it later, between two samples, would make a gap of
 * more than two short intervals in the recording. */
void record_tasks_init(struct record_tasks *t, const char *cmd, const struct root *r,
		       const struct sample_want *want);
/* Before a sample: one pass, its feed set in w (a failed pass: /proc). */
void record_tasks_before(struct record_tasks *t, struct sample_want *w);
/* After it: the feed freed and unset. */
void record_tasks_after(struct record_tasks *t, struct sample_want *w);
/* The thread states from the same pass: a thread reader (threads_api.h's
 * fed form, t's, borrowed until record_tasks_close) that each pass hands its
 * states to, so that the thread sampler needs no pass of its own. NULL
 * without the iterator, or when TRIAGE_THREADS says off or proc. */
struct threads_iter *record_tasks_states(struct record_tasks *t);
void record_tasks_close(struct record_tasks *t);

#endif
