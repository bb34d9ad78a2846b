/* threads, user half: the thread iterator (threads.bpf.c), loaded once and
 * read once per sample into the struct every thread-state reader fills
 * (sources/thread_sample.h), kernel frames symbolized with kallsyms: the
 * wait channel is, as get_wchan() takes it, the first return address outside
 * the kernel's scheduler text (__sched_text_start .. __sched_text_end).
 *
 * Needs the live root, BTF, root (CAP_BPF + CAP_PERFMON or CAP_SYS_ADMIN),
 * the initial PID namespace, and Linux 5.15+ (bpf_task_pt_regs). */
#ifndef TRIAGE_BPF_THREADS_API_H
#define TRIAGE_BPF_THREADS_API_H

#include "bpf/bpf_env.h"
#include "sources/thread_sample.h"

struct threads_iter;

/* Check, load and attach. Returns 0 or -errno with e filled. */
int threads_iter_open(const struct root *r, struct threads_iter **out, struct bpf_env_err *e);

/* The same without an iterator of its own: its records come from the task
 * iterator's pass (tasks_iter_states on), handed over by threads_iter_feed
 * before each threads_iter_sample, which then returns -EAGAIN when no pass
 * was handed over since the last. One pass gives the process list and the
 * thread states. */
int threads_iter_open_fed(const struct root *r, struct threads_iter **out, struct bpf_env_err *e);
/* Take the thread states out of len bytes of the task iterator's records.
 * Returns 0, -EINVAL on a cut record, or -ENOMEM. */
int threads_iter_feed(struct threads_iter *it, const void *recs, size_t len);

/* The states of a task-iterator stream (tasks.h, kinds mixed) into out,
 * back to back as the thread iterator writes them (pure). Returns 0,
 * -EINVAL on a cut or unknown record, or -ENOMEM. */
struct buf;
int threads_states_split(const void *recs, size_t len, struct buf *out);

/* One pass over every task into out (freed first); prev is the previous
 * pass's sample (NULL: none), whose waits the tasks that did not run keep.
 * Returns 0 or -errno. */
int threads_iter_sample(struct threads_iter *it, const struct root *r, const struct thread_sample *prev,
			struct thread_sample *out);

/* Turn len bytes of records into out (pure but for the symbol table: syms
 * may be NULL, then no wait channels). hz: USER_HZ. Returns 0, -EINVAL on a
 * cut record, or -ENOMEM. */
struct symtab;
int threads_recs_build(const void *recs, size_t len, const struct symtab *syms, uint64_t sched_lo,
		       uint64_t sched_hi, long hz, const struct thread_sample *prev, struct thread_sample *out);

/* Detach and unload (NULL is fine). */
void threads_iter_close(struct threads_iter *it);

#endif
