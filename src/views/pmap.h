/* procps pmap's default and -x screens, and the JSON document. */
#ifndef TRIAGE_VIEWS_PMAP_H
#define TRIAGE_VIEWS_PMAP_H

#include <stdbool.h>
#include <stdio.h>

#include "core/json.h"
#include "model/pmap.h"

struct pmap_view {
	int pid;
	const char *cmdline;	/* joined, or "[comm]" */
	const struct smaps_list *maps;
	bool extended;		/* -x */
};

void pmap_print(FILE *f, const struct pmap_view *v);
/* one object for the process inside the document's "processes" array */
void pmap_json(struct json *j, const struct pmap_view *v);

#endif
