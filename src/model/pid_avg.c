#include "model/pid_avg.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/delta.h"

static int key_cmp(int pa, int ta, int pb, int tb)
{
	if (pa != pb)
		return pa < pb ? -1 : 1;
	return ta < tb ? -1 : ta > tb;
}

/* The entry of row r in a (sorted), advancing *j; NULL when new. */
static const struct pid_avg_ent *find(const struct pid_avg *a, size_t *j, const struct pid_row *r)
{
	int pid = r->cur->pid, tid = r->cur->tid;

	while (*j < a->n && key_cmp(a->v[*j].pid, a->v[*j].tid, pid, tid) < 0)
		(*j)++;
	if (*j < a->n && key_cmp(a->v[*j].pid, a->v[*j].tid, pid, tid) == 0 &&
	    a->v[*j].start == r->cur->stat.starttime)
		return &a->v[*j];
	return NULL;
}

int pid_avg_add(struct pid_avg *a, const struct pid_row *rows, size_t n)
{
	struct pid_avg_ent *v = calloc(n ? n : 1, sizeof(*v));
	size_t j = 0;

	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct pid_row *r = &rows[i];
		const struct pid_avg_ent *old = find(a, &j, r);
		struct pid_avg_ent *e = &v[i];

		if (old)
			*e = *old;
		e->pid = r->cur->pid;
		e->tid = r->cur->tid;
		e->start = r->cur->stat.starttime;
		e->n++;
		e->vsz += (double)r->mem.vsz_kb;
		e->rss += (double)r->mem.rss_kb;
		e->threads += r->ktab.threads;
		if (!isnan(r->ktab.fd_nr)) {
			e->fd_nr += r->ktab.fd_nr;
			e->n_fd++;
		}
		if (!isnan(r->stack.size_kb)) {
			e->stk_size += r->stack.size_kb;
			e->stk_ref += r->stack.ref_kb;
			e->n_stack++;
		}
	}
	free(a->v);
	a->v = v;
	a->n = n;
	return 0;
}

void pid_avg_apply(const struct pid_avg *a, struct pid_row *rows, size_t n,
		   uint64_t mem_total_kb)
{
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		struct pid_row *r = &rows[i];
		const struct pid_avg_ent *e = find(a, &j, r);
		double cnt;

		if (!e || e->n == 0)
			continue;
		cnt = (double)e->n;
		/* rint: printf("%7.0f")'s rounding, half to even */
		r->mem.vsz_kb = (uint64_t)rint(e->vsz / cnt);
		r->mem.rss_kb = (uint64_t)rint(e->rss / cnt);
		/* sysstat: SP_VALUE(0, total_rss / rt_asum_count, tlmkb), integers */
		r->mem.mem_pct = mem_total_kb ? pct(floor(e->rss / cnt), (double)mem_total_kb) : NAN;
		r->io.iodelay /= cnt;
		r->ktab.threads = e->threads / cnt;
		if (!isnan(r->ktab.fd_nr) && e->n_fd)
			r->ktab.fd_nr = e->fd_nr / (double)e->n_fd;
		if (!isnan(r->stack.size_kb) && e->n_stack) {
			r->stack.size_kb = e->stk_size / (double)e->n_stack;
			r->stack.ref_kb = e->stk_ref / (double)e->n_stack;
		}
	}
}

void pid_avg_free(struct pid_avg *a)
{
	free(a->v);
	a->v = NULL;
	a->n = 0;
}
