#include "sources/exited.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/exitstat.h"
#include "sources/task_feed.h"

void exited_from_rec(const struct exitstat_rec *rec, long hz, long page_size,
		     int64_t boot_to_real_ns, struct exited_task *out)
{
	uint64_t ut, st;

	memset(out, 0, sizeof(*out));
	out->pid = (int)rec->tgid;
	out->tid = (int)rec->tid;
	out->ppid = (int)rec->ppid;
	out->uid = rec->euid;
	out->exit_code = rec->exit_code;
	out->flags = (rec->flags & TASK_FEED_PF_KTHREAD) ? EXITED_KTHREAD : 0;
	memcpy(out->comm, rec->comm, sizeof(out->comm));
	out->comm[sizeof(out->comm) - 1] = '\0';
	task_feed_cputime_adjust(rec->sum_exec, rec->utime, rec->stime, rec->prev_utime,
				 rec->prev_stime, &ut, &st);
	out->utime = task_feed_ticks(ut, hz);
	out->stime = task_feed_ticks(st, hz);
	out->starttime = task_feed_ticks(rec->start_boottime, hz);
	out->priority = rec->prio - 100;	/* task_prio(), as sources/task_feed.c */
	out->nice = rec->static_prio - 120;
	out->minflt = rec->minflt;
	out->majflt = rec->majflt;
	out->nvcsw = rec->nvcsw;
	out->nivcsw = rec->nivcsw;
	out->maxrss_kb = rec->maxrss * (uint64_t)(page_size > 0 ? page_size : 4096) / 1024;
	out->io = (struct proc_pid_io){
		.rchar = rec->rchar, .wchar = rec->wchar, .syscr = rec->syscr, .syscw = rec->syscw,
		.read_bytes = rec->read_bytes, .write_bytes = rec->write_bytes,
		.cancelled_write_bytes = rec->cancelled_write_bytes,
	};
	out->exit_ns = (int64_t)rec->exit_boottime + boot_to_real_ns;
}

static int reserve(struct exited_list *l, size_t more)
{
	size_t cap = l->cap ? l->cap : 64;
	struct exited_task *v;

	if (l->n + more <= l->cap)
		return 0;
	while (cap < l->n + more)
		cap *= 2;
	v = realloc(l->v, cap * sizeof(*v));
	if (!v)
		return -ENOMEM;
	l->v = v;
	l->cap = cap;
	return 0;
}

int exited_list_add(struct exited_list *l, const struct exited_task *t)
{
	int err = reserve(l, 1);

	if (err)
		return err;
	l->v[l->n++] = *t;
	return 0;
}

int exited_list_move(struct exited_list *to, struct exited_list *from)
{
	int err = reserve(to, from->n);

	if (err)
		return err;
	if (from->n)
		memcpy(to->v + to->n, from->v, from->n * sizeof(*from->v));
	to->n += from->n;
	to->dropped += from->dropped;
	exited_list_free(from);
	return 0;
}

void exited_list_free(struct exited_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}
