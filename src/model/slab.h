/* procps slabtop's figures over /proc/slabinfo: the summary and the sort. */
#ifndef TRIAGE_MODEL_SLAB_H
#define TRIAGE_MODEL_SLAB_H

#include "sources/proc_slabinfo.h"

struct slab_summary {
	unsigned long active_objs, total_objs;
	unsigned long active_slabs, total_slabs;
	unsigned long active_caches, total_caches;	/* active: with objects in use */
	double active_size, total_size;			/* bytes: objects x object size */
	unsigned long min_obj, max_obj;			/* bytes */
	double avg_obj;					/* total size / total objects */
	double pct_objs, pct_slabs, pct_caches, pct_size;
};

void slab_summary(const struct proc_slabinfo *s, struct slab_summary *out);

/* procps: USE = active * 100 / objects, truncated; CACHE SIZE in bytes =
 * slabs x pages per slab x page size */
unsigned slab_use_pct(const struct slab_cache *c);
unsigned long long slab_cache_bytes(const struct slab_cache *c, unsigned long page);

/* slabtop's -s keys: a b c l v n o p s u; 0 when KEY is not one */
int slab_sort_valid(char key);
void slab_sort(struct proc_slabinfo *s, char key, unsigned long page);

#endif
