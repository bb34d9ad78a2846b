/* /proc/slabinfo (version 2.x): one line per slab cache,
 * "name active_objs num_objs objsize objperslab pagesperslab : tunables
 *  limit batchcount sharedfactor : slabdata active_slabs num_slabs sharedavail".
 * The file is mode 0400: only root reads it. */
#ifndef TRIAGE_SOURCES_PROC_SLABINFO_H
#define TRIAGE_SOURCES_PROC_SLABINFO_H

#include <stddef.h>

#include "core/root.h"

struct slab_cache {
	char name[64];			/* untrusted: a module may name its cache */
	unsigned long active_objs;	/* objects in use */
	unsigned long num_objs;		/* objects allocated (in use or free) */
	unsigned long obj_size;		/* bytes per object */
	unsigned long objs_per_slab;
	unsigned long pages_per_slab;
	unsigned long active_slabs;
	unsigned long num_slabs;
};

struct proc_slabinfo {
	struct slab_cache *c;
	size_t n, cap;
};

/* 0, -EINVAL for a malformed file (not version 2.x, short line), -ENOMEM */
int proc_slabinfo_parse(const char *buf, size_t len, struct proc_slabinfo *out);
/* as root_read: -ENOENT, -EACCES (not root) ... */
int proc_slabinfo_read(const struct root *r, struct proc_slabinfo *out);
void proc_slabinfo_free(struct proc_slabinfo *s);

#endif
