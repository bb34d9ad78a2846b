/* The processes that ended in an interval (sources/exited.h, recorded by the
 * flight recorder) as rows of the per-task model (model/pid.h), so that top,
 * pidstat and the report count the short-lived work too.
 *
 * Each ended process becomes a record as /proc would have shown it at its
 * exit (state 'X', one thread, no memory left: RSS and VSZ 0; its peak RSS
 * is in the task) and is joined with the older sample's record of the same
 * (pid, starttime): its figures are then what it used between the older
 * sample and its exit; without one it started in the interval and all of
 * its counters count ("between its start and its exit"). The rates are over
 * the interval (dt_s), like every other row's.
 *
 * A process the newer sample still holds with the same starttime (a zombie
 * not yet reaped when the scan ran) is left out: the scan's row counts it
 * already. */
#ifndef TRIAGE_MODEL_EXITED_H
#define TRIAGE_MODEL_EXITED_H

#include <stddef.h>

#include "model/pid.h"
#include "sources/exited.h"

struct exited_rows {
	struct pid_row *rows;		/* rows[i].cur is recs[i] */
	struct proc_pid_rec *recs;
	struct proc_pid_status *status;
	const struct exited_list *ex;	/* the ended processes ... */
	size_t *ix;			/* ... ex->v[ix[i]] is row i's */
	size_t n;
};

/* The ended process of row i. */
static inline const struct exited_task *exited_row_task(const struct exited_rows *r, size_t i)
{
	return &r->ex->v[r->ix[i]];
}

/* The rows of the processes of ex that ended between older and newer (either
 * may be NULL). Returns 0 or -ENOMEM; free with exited_rows_free. */
int exited_model(const struct proc_pid_sample *older, const struct proc_pid_sample *newer,
		 const struct exited_list *ex, const struct pid_params *p, struct exited_rows *out);
void exited_rows_free(struct exited_rows *r);

/* t as a /proc record (state 'X'), its status in st, io pointing at t's. */
void exited_rec(const struct exited_task *t, struct proc_pid_status *st, struct proc_pid_rec *rec);

/* Ticks of CPU (utime + stime) of row i in the interval. */
double exited_ticks(const struct exited_rows *r, size_t i);

#endif
