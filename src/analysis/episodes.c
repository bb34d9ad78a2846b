#include "analysis/episodes.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The open episode (its last slice is k - 1) of the same rule and resource. */
static struct finding *open_episode(struct findings *all, const struct finding *f, int k)
{
	for (int i = 0; i < all->n; i++) {
		struct finding *e = &all->v[i];

		if (e->rule == f->rule && e->slice_last == k - 1 && strcmp(e->resource, f->resource) == 0)
			return e;
	}
	return NULL;
}

static bool worse(const struct finding *a, const struct finding *b)
{
	return a->sev != b->sev ? a->sev > b->sev : a->impact > b->impact;
}

static int append(struct findings *all, const struct finding *f)
{
	if (all->n == all->cap) {
		int cap = all->cap ? all->cap * 2 : 16;
		struct finding *v = realloc(all->v, (size_t)cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		all->v = v;
		all->cap = cap;
	}
	all->v[all->n++] = *f;
	return 0;
}

int episodes_merge(struct findings *all, const struct findings *slice, int k, long long from,
		   long long to)
{
	for (int i = 0; i < slice->n; i++) {
		const struct finding *f = &slice->v[i];
		struct finding *e = open_episode(all, f, k);

		if (e) {
			long long start = e->when_from;
			int n = e->nslices;

			if (worse(f, e))
				*e = *f;	/* the worst slice's evidence */
			e->when_from = start;
			e->when_to = to;
			e->nslices = n + 1;
			e->slice_last = k;
			continue;
		}
		struct finding c = *f;

		c.when_from = from;
		c.when_to = to;
		c.nslices = 1;
		c.slice_last = k;
		if (append(all, &c))
			return -ENOMEM;
	}
	return 0;
}

int episodes_add_window(struct findings *all, const struct findings *window, int nslices, long long from,
			long long to)
{
	for (int i = 0; i < window->n; i++) {
		const struct finding *f = &window->v[i];
		bool seen = false;

		for (int k = 0; k < all->n && !seen; k++)
			seen = all->v[k].rule == f->rule && strcmp(all->v[k].resource, f->resource) == 0;
		if (seen)
			continue;	/* a slice found it already, with its own times */
		struct finding c = *f;

		c.when_from = from;
		c.when_to = to;
		c.nslices = nslices;
		c.slice_last = nslices - 1;
		if (append(all, &c))
			return -ENOMEM;
	}
	return 0;
}
