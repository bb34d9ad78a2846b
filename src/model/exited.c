#include "model/exited.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void exited_rec(const struct exited_task *t, struct proc_pid_status *st, struct proc_pid_rec *rec)
{
	memset(rec, 0, sizeof(*rec));
	memset(st, 0, sizeof(*st));
	rec->pid = t->pid;
	rec->uid = t->uid;
	rec->fd_stat = rec->fd_sched = rec->fd_statm = -1;
	rec->have = PROC_PID_STAT | PROC_PID_STATUS | PROC_PID_IO;
	rec->stat.pid = t->pid;
	memcpy(rec->stat.comm, t->comm, sizeof(t->comm));
	rec->stat.comm[sizeof(t->comm) - 1] = '\0';
	rec->stat.state = 'X';
	rec->stat.ppid = t->ppid;
	rec->stat.minflt = t->minflt;
	rec->stat.majflt = t->majflt;
	rec->stat.utime = t->utime;
	rec->stat.stime = t->stime;
	rec->stat.num_threads = 1;
	rec->stat.priority = t->priority;
	rec->stat.nice = t->nice;
	rec->stat.starttime = t->starttime;
	st->have = PROC_STATUS_HAVE_UID | PROC_STATUS_HAVE_CTXT;
	for (int i = 0; i < 4; i++)
		st->uid[i] = t->uid;
	st->tgid = t->pid;
	st->ppid = t->ppid;
	st->voluntary_ctxt_switches = t->nvcsw;
	st->nonvoluntary_ctxt_switches = t->nivcsw;
	rec->status = st;
	rec->io = (struct proc_pid_io *)&t->io;
}

/* The record of the same process in s (pid and starttime), or NULL. */
static const struct proc_pid_rec *same(const struct proc_pid_sample *s, const struct exited_task *t)
{
	const struct proc_pid_rec *r = s ? proc_pid_sample_find(s, t->pid, 0) : NULL;

	return r && r->stat.starttime == t->starttime ? r : NULL;
}

int exited_model(const struct proc_pid_sample *older, const struct proc_pid_sample *newer,
		 const struct exited_list *ex, const struct pid_params *p, struct exited_rows *out)
{
	size_t cap = ex->n ? ex->n : 1, k = 0;

	memset(out, 0, sizeof(*out));
	out->rows = calloc(cap, sizeof(*out->rows));
	out->recs = calloc(cap, sizeof(*out->recs));
	out->status = calloc(cap, sizeof(*out->status));
	out->ix = calloc(cap, sizeof(*out->ix));
	out->ex = ex;
	if (!out->rows || !out->recs || !out->status || !out->ix) {
		exited_rows_free(out);
		return -ENOMEM;
	}
	for (size_t i = 0; i < ex->n; i++) {
		const struct exited_task *t = &ex->v[i];

		if (same(newer, t))
			continue;	/* a zombie the newer scan counts */
		exited_rec(t, &out->status[k], &out->recs[k]);
		out->ix[k] = i;
		k++;
	}
	/* rows point into recs: made once recs is complete */
	for (size_t i = 0; i < k; i++)
		pid_model_row(same(older, exited_row_task(out, i)), &out->recs[i], p, &out->rows[i]);
	out->n = k;
	return 0;
}

void exited_rows_free(struct exited_rows *r)
{
	free(r->rows);
	free(r->recs);
	free(r->status);
	free(r->ix);
	memset(r, 0, sizeof(*r));
}

double exited_ticks(const struct exited_rows *r, size_t i)
{
	const struct proc_pid_rec *c = r->rows[i].cur, *pr = r->rows[i].prev;
	uint64_t a = c->stat.utime + c->stat.stime, b = pr ? pr->stat.utime + pr->stat.stime : 0;

	return a > b ? (double)(a - b) : 0.0;
}
