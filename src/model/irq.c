#include "model/irq.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/delta.h"

static int reserve(struct irq_rates *o, size_t nv, size_t ns)
{
	if (nv > o->cap) {
		double *v = realloc(o->v, nv * sizeof(*v));

		if (!v)
			return -ENOMEM;
		o->v = v;
		o->cap = nv;
	}
	if (ns > o->sumcap) {
		double *s = realloc(o->sum, ns * sizeof(*s));

		if (!s)
			return -ENOMEM;
		o->sum = s;
		o->sumcap = ns;
	}
	return 0;
}

/* The delta of row i of cur at column k; skip: no value to count. */
static double cell(const struct irq_table *prev, const struct irq_table *cur, size_t i, size_t k,
		   long pcol, bool *skip)
{
	const struct irq_row *r = &cur->rows[i];
	long pi;

	*skip = k >= r->nvals;
	if (*skip || !prev)
		return *skip ? NAN : (double)cur->v[i * cur->ncpu + k];
	if (pcol < 0)
		return NAN;	/* CPU came online */
	pi = irq_table_find(prev, r->name);
	if (pi < 0)
		return (double)cur->v[i * cur->ncpu + k];	/* new line: from zero */
	if ((size_t)pcol >= prev->rows[pi].nvals) {
		*skip = true;
		return NAN;
	}
	return delta_u64(prev->v[(size_t)pi * prev->ncpu + (size_t)pcol], cur->v[i * cur->ncpu + k]);
}

int irq_model(const struct irq_table *prev, const struct irq_table *cur, double dt_s,
	      struct irq_rates *o)
{
	if (reserve(o, cur->n * cur->ncpu + 1, cur->ncpu + 1))
		return -ENOMEM;
	o->t = cur;
	for (size_t k = 0; k < cur->ncpu; k++) {
		long pcol = prev ? irq_table_col(prev, cur->cpus[k]) : -1;
		double sum = prev && pcol < 0 ? NAN : 0;

		for (size_t i = 0; i < cur->n; i++) {
			bool skip;
			double d = rate(cell(prev, cur, i, k, pcol, &skip), dt_s);

			o->v[i * cur->ncpu + k] = d;
			if (!skip)
				sum += d;
		}
		o->sum[k] = dt_s > 0 ? sum : NAN;
	}
	return 0;
}

void irq_rates_free(struct irq_rates *r)
{
	free(r->v);
	free(r->sum);
	memset(r, 0, sizeof(*r));
}
