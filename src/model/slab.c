#include "model/slab.h"

#include <stdlib.h>
#include <string.h>

static double pct(double a, double b)
{
	return b > 0 ? a * 100.0 / b : 0.0;
}

void slab_summary(const struct proc_slabinfo *s, struct slab_summary *o)
{
	memset(o, 0, sizeof(*o));
	for (size_t i = 0; i < s->n; i++) {
		const struct slab_cache *c = &s->c[i];

		o->active_objs += c->active_objs;
		o->total_objs += c->num_objs;
		o->active_slabs += c->active_slabs;
		o->total_slabs += c->num_slabs;
		o->total_caches++;
		if (c->active_objs > 0)
			o->active_caches++;
		o->active_size += (double)c->active_objs * (double)c->obj_size;
		o->total_size += (double)c->num_objs * (double)c->obj_size;
		if (i == 0 || c->obj_size < o->min_obj)
			o->min_obj = c->obj_size;
		if (c->obj_size > o->max_obj)
			o->max_obj = c->obj_size;
	}
	o->avg_obj = o->total_objs ? o->total_size / (double)o->total_objs : 0.0;
	o->pct_objs = pct((double)o->active_objs, (double)o->total_objs);
	o->pct_slabs = pct((double)o->active_slabs, (double)o->total_slabs);
	o->pct_caches = pct((double)o->active_caches, (double)o->total_caches);
	o->pct_size = pct(o->active_size, o->total_size);
}

unsigned slab_use_pct(const struct slab_cache *c)
{
	return c->num_objs ? (unsigned)(c->active_objs * 100 / c->num_objs) : 0;
}

unsigned long long slab_cache_bytes(const struct slab_cache *c, unsigned long page)
{
	return (unsigned long long)c->num_slabs * c->pages_per_slab * page;
}

int slab_sort_valid(char key)
{
	return key != '\0' && strchr("abclvnopsu", key) != NULL;
}

/* the sort key's value of C (larger first); n sorts by name instead */
static unsigned long long key_of(const struct slab_cache *c, char key, unsigned long page)
{
	switch (key) {
	case 'a': return c->active_objs;
	case 'b': return c->objs_per_slab;
	case 'c': return slab_cache_bytes(c, page);
	case 'l': return c->num_slabs;
	case 'v': return c->active_slabs;
	case 'p': return c->pages_per_slab;
	case 's': return c->obj_size;
	case 'u': return slab_use_pct(c);
	default: return c->num_objs;
	}
}

struct sort_ctx {
	char key;
	unsigned long page;
};

static int cmp(const void *pa, const void *pb, void *arg)
{
	const struct slab_cache *a = pa, *b = pb;
	const struct sort_ctx *x = arg;
	unsigned long long ka, kb;

	if (x->key == 'n')
		return strcmp(a->name, b->name);
	ka = key_of(a, x->key, x->page);
	kb = key_of(b, x->key, x->page);
	if (ka != kb)
		return ka > kb ? -1 : 1;
	return strcmp(a->name, b->name);	/* ties: by name, so the order is stable */
}

void slab_sort(struct proc_slabinfo *s, char key, unsigned long page)
{
	struct sort_ctx x = { key, page };

	qsort_r(s->c, s->n, sizeof(*s->c), cmp, &x);
}
