/* procps slabtop -o's screen, and its JSON document. */
#ifndef TRIAGE_VIEWS_SLABTOP_H
#define TRIAGE_VIEWS_SLABTOP_H

#include <stdio.h>

#include "model/slab.h"

void slabtop_print(FILE *f, const struct proc_slabinfo *s, const struct slab_summary *m,
		   unsigned long page);
void slabtop_print_json(FILE *f, const struct proc_slabinfo *s, const struct slab_summary *m,
			unsigned long page);

#endif
