/* The report's view of the processes that ended in a recorded window
 * (model/exited.h): each recorded sample after the first brings the
 * processes that ended in its interval; at the end of the window they are
 * joined with the first scan (their CPU in the window: from the first sample
 * or their start, to their exit), summed into o->exited with their largest
 * group by parent and name, and the busiest of them compete with the live
 * processes to be named (o->procs, state X). */
#include "cmd/triage_collect_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/exited.h"

#define EXITED_NAMED 5		/* busiest ended processes offered to the rules */
#define EXITED_MIN_PCT 5	/* ... from this % of one CPU */

void collect_exited_step(struct collect *c, const struct sample *s)
{
	if (c->k == 0) {	/* what ended before the window is not in it */
		exited_list_free(&c->exited);
		c->exited_known = s->recorded;
		return;
	}
	c->exited_known = c->exited_known && s->have_exited;
	for (size_t i = 0; c->exited_known && i < s->exited.n; i++)
		if (exited_list_add(&c->exited, &s->exited.v[i]))
			c->exited_known = false;
}

/* Row order for grouping: parent, then name. */
static int by_group(const void *a, const void *b, void *ctx)
{
	const struct exited_rows *ex = ctx;
	const struct proc_pid_stat *x = &ex->recs[*(const size_t *)a].stat;
	const struct proc_pid_stat *y = &ex->recs[*(const size_t *)b].stat;

	if (x->ppid != y->ppid)
		return x->ppid < y->ppid ? -1 : 1;
	return strcmp(x->comm, y->comm);
}

static bool same_group(const struct proc_pid_stat *x, const struct proc_pid_stat *y)
{
	return x->ppid == y->ppid && strcmp(x->comm, y->comm) == 0;
}

/* The totals and the largest group by CPU into o->exited. */
static void groups(struct collect *c, const struct exited_rows *ex, const struct pid_params *pp)
{
	struct obs_exited *e = &c->o->exited;
	size_t *ix = malloc((ex->n ? ex->n : 1) * sizeof(*ix));
	double per_pct = pp->dt_s > 0 && pp->hz > 0 ? 100.0 / ((double)pp->hz * pp->dt_s) : NAN;
	double best = -1;

	if (!ix)
		return;
	for (size_t i = 0; i < ex->n; i++)
		ix[i] = i;
	qsort_r(ix, ex->n, sizeof(*ix), by_group, (void *)ex);
	for (size_t i = 0, j; i < ex->n; i = j) {
		double ticks = 0;

		for (j = i; j < ex->n && same_group(&ex->recs[ix[i]].stat, &ex->recs[ix[j]].stat); j++)
			ticks += exited_ticks(ex, ix[j]);
		e->cpu_pct += ticks * per_pct;
		if (ticks * per_pct > best) {
			const struct proc_pid_stat *st = &ex->recs[ix[i]].stat;

			best = ticks * per_pct;
			e->ppid = st->ppid;
			snprintf(e->comm, sizeof(e->comm), "%s", st->comm);
			e->group_n = (double)(j - i);
			e->group_cpu_pct = best;
		}
	}
	free(ix);
}

/* The parent's name: from the last scan, else the first, else the parent
 * ended in the window too (the last of that PID to end). */
static void parent_name(struct collect *c)
{
	struct obs_exited *e = &c->o->exited;
	const struct proc_pid_rec *r = NULL;
	const char *name = "";

	if (c->ps_ok[1])
		r = proc_pid_sample_find(&c->ps[1], e->ppid, 0);
	if (!r && c->ps_ok[0])
		r = proc_pid_sample_find(&c->ps[0], e->ppid, 0);
	if (r)
		name = r->stat.comm;
	for (size_t i = 0; !r && i < c->exited.n; i++)
		if (c->exited.v[i].pid == e->ppid)
			name = c->exited.v[i].comm;
	snprintf(e->parent_comm, sizeof(e->parent_comm), "%s", name);
}

/* The busiest ended processes as candidates to be named. */
static void name_busiest(struct collect *c, const struct exited_rows *ex)
{
	for (int t = 0; t < EXITED_NAMED; t++) {
		const struct pid_row *best = NULL;
		struct obs_proc *p;

		for (size_t i = 0; i < ex->n; i++) {
			const struct pid_row *w = &ex->rows[i];
			bool taken = false;

			if (isnan(w->top_cpu) || w->top_cpu < EXITED_MIN_PCT)
				continue;
			for (int k = 0; k < c->o->nprocs && !taken; k++)
				taken = c->o->procs[k].pid == w->cur->pid;
			if (!taken && (!best || w->top_cpu > best->top_cpu))
				best = w;
		}
		if (!best || !(p = obs_add_proc(c->o)))
			return;
		p->pid = p->tid = best->cur->pid;
		snprintf(p->comm, sizeof(p->comm), "%s", best->cur->stat.comm);
		p->state = 'X';
		p->nthreads = 1;
		p->cpu_pct = best->top_cpu;
	}
}

void collect_exited_window(struct collect *c, const struct pid_params *pp)
{
	struct obs_exited *e = &c->o->exited;
	struct exited_rows ex;

	memset(e, 0, sizeof(*e));
	if (!c->exited_known || !c->ps_ok[0])
		return;
	if (exited_model(&c->ps[0], c->ps_ok[1] ? &c->ps[1] : NULL, &c->exited, pp, &ex))
		return;
	e->known = true;
	e->n = (double)ex.n;
	groups(c, &ex, pp);
	if (ex.n)
		parent_name(c);
	name_busiest(c, &ex);
	exited_rows_free(&ex);
}
