/* procps pmap's figures over smaps: the mode, the mapping's name, totals. */
#ifndef TRIAGE_MODEL_PMAP_H
#define TRIAGE_MODEL_PMAP_H

#include <stddef.h>
#include <stdint.h>

#include "sources/proc_pid_smaps_list.h"

struct pmap_total {
	uint64_t kbytes, rss_kb, dirty_kb;
};

/* "r-xp" -> "r-x--": r w x, s for shared, and '-' */
void pmap_mode(const struct smap *m, char out[6]);
/* pmap's name: the file's base name (" (deleted)" kept), "  [ stack ]" for
 * [stack], "  [ anon ]" for anonymous and other pseudo mappings */
const char *pmap_name(const struct smap *m);
uint64_t pmap_kbytes(const struct smap *m);
uint64_t pmap_dirty_kb(const struct smap *m);
void pmap_totals(const struct smaps_list *l, struct pmap_total *t);

#endif
