/* The recorder's thread-state sampling (record_threads.h). The readers are
 * the report's: the BPF task iterator on a live root (root, BTF) once the
 * machine has RECORD_THREADS_BPF_MIN tasks (checked every sample until it
 * is loaded: a long-running recorder pays its load once, the report, a
 * short run, only from 3,000 tasks on), else
 * proc/PID/task/TID/{stat,schedstat,syscall,wchan}; TRIAGE_THREADS=off,
 * proc or bpf chooses; with the recorder's task iterator loaded, its pass
 * gives the thread states too (record_threads_fed), whatever the size. One sample per recorded sample, aggregated per
 * process (threads_model_aggregate).
 * A wait in D on a file descriptor gets its file and mount now: the
 * replay has no /proc to ask. */
#include "cmd/record_threads.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bpf/threads_api.h"
#include "cmd/triage_collect_threads.h"
#include "core/err.h"
#include "model/threads.h"
#include "sample/sample_threads.h"

/* Tasks from which the iterator is loaded: its load (~0.1-0.2 s of CPU,
 * about a second of wall time on a loaded VM) is paid back within a few
 * samples at ~3 us a thread against /proc's ~55 (bench/RESULTS.md). */
#define RECORD_THREADS_BPF_MIN 1000

struct record_threads {
	struct proc_threads *pt;
	struct threads_iter *it;	/* NULL: /proc */
	bool borrowed;			/* it: fed by the task iterator's pass (record_threads_fed) */
	bool picked, off, said;
	bool bpf_done;			/* the iterator was tried (or is not to be) */
	struct thread_sample s[2];
	int cur;
	struct threads_model scratch;	/* one sample's aggregation, reused */
};

void record_threads_fed(struct record_threads *rt, struct threads_iter *states)
{
	if (!states || rt->it)
		return;
	rt->it = states;
	rt->borrowed = true;
}

struct record_threads *record_threads_new(void)
{
	struct record_threads *rt = calloc(1, sizeof(*rt));

	if (!rt)
		return NULL;
	rt->pt = proc_threads_new();
	if (!rt->pt) {
		free(rt);
		return NULL;
	}
	threads_model_init(&rt->scratch, sysconf(_SC_CLK_TCK), sysconf(_SC_PAGESIZE));
	return rt;
}

void record_threads_free(struct record_threads *rt)
{
	if (!rt)
		return;
	proc_threads_free(rt->pt);
	if (!rt->borrowed)
		threads_iter_close(rt->it);
	thread_sample_free(&rt->s[0]);
	thread_sample_free(&rt->s[1]);
	threads_model_free(&rt->scratch);
	free(rt);
}

/* The reader, chosen at the first sample and, while on /proc by default,
 * again at each sample until the iterator is tried once. */
static void pick(struct record_threads *rt, const char *cmd, const struct root *r, const struct sample *s)
{
	const char *m = getenv("TRIAGE_THREADS");
	bool asked = m && !strcmp(m, "bpf");
	struct bpf_env_err e = { 0 };
	char why[160];

	if (!rt->picked) {
		rt->picked = true;
		rt->off = m && !strcmp(m, "off");
		rt->bpf_done = rt->off || rt->borrowed || !r->live || (m && !strcmp(m, "proc"));
	}
	if (rt->bpf_done || (!asked && !(sample_has(s, SAMPLE_LOADAVG) && s->load.tasks >= RECORD_THREADS_BPF_MIN)))
		return;
	rt->bpf_done = true;
	if (threads_iter_open(r, &rt->it, &e)) {
		/* asked for: said; by default /proc quietly (each record names its reader) */
		bpf_env_strerror(&e, why, sizeof(why));
		if (asked)
			err_msg(cmd, "thread states: the BPF task iterator is unavailable (%s); read from /proc instead",
				why);
		rt->it = NULL;
	}
}

/* The file and mount of the D waits on a file descriptor. */
static void wait_files(const struct root *r, const struct sample *s, struct sample_threads *st)
{
	char rel[64];

	for (size_t i = 0; i < st->n; i++)
		for (int k = 0; k < st->p[i].nwaits; k++) {
			struct sample_twait *w = sample_tproc_wait(st, &st->p[i], k);
			ssize_t n;

			if (w->state != 'D' || !collect_fd_syscall(w->syscall) || w->arg0 > 1u << 30 ||
			    r->fd[ROOT_PROC] < 0)
				continue;
			snprintf(rel, sizeof(rel), "%d/fd/%llu", st->p[i].pid, (unsigned long long)w->arg0);
			n = readlinkat(r->fd[ROOT_PROC], rel, w->file, sizeof(w->file) - 1);
			w->file[n > 0 ? n : 0] = '\0';
			if (w->file[0] == '/' && sample_has(s, SAMPLE_MOUNTINFO))
				collect_mount_of(&s->mounts, w->file, w->mount, sizeof(w->mount), w->fstype,
						 sizeof(w->fstype));
		}
}

static int take(struct record_threads *rt, const struct root *r, struct sample *s)
{
	struct thread_sample *cur = &rt->s[rt->cur], *prev = &rt->s[!rt->cur];
	const struct thread_sample *pv = prev->source ? prev : NULL;
	char b[16];
	int err;

	err = rt->it ? threads_iter_sample(rt->it, r, pv, cur) : proc_threads_read(rt->pt, r, pv, cur);
	if (err == -EAGAIN)	/* fed, and this sample's pass failed */
		err = proc_threads_read(rt->pt, r, pv, cur);
	if (err)
		return err;
	s->threads = sample_threads_new();
	if (!s->threads)
		return -ENOMEM;
	err = threads_model_aggregate(&rt->scratch, pv, cur, s->threads);
	rt->cur = !rt->cur;
	if (err)
		return err;
	wait_files(r, s, s->threads);
	if (root_read(r, ROOT_PROC, "sys/kernel/task_delayacct", b, sizeof(b)) > 0)
		s->threads->delayacct = b[0] == '1';
	return 0;
}

void record_threads_take(struct record_threads *rt, const char *cmd, const struct root *r, struct sample *s)
{
	int err;

	pick(rt, cmd, r, s);
	if (rt->off)
		return;
	err = take(rt, r, s);
	s->have_threads = err == 0;
	s->threads_err = err;
	if (err) {
		sample_threads_free(s->threads);
		s->threads = NULL;
		if (!rt->said)
			err_errno(cmd, err, "thread states are not recorded");
		rt->said = true;
	}
}
