/* triage psi: the pressure table and its JSON. */
#ifndef TRIAGE_VIEWS_PSI_H
#define TRIAGE_VIEWS_PSI_H

#include <stdio.h>

#include "core/json.h"
#include "model/psi.h"
#include "sources/psi.h"

struct psi_report {
	long long when;				/* the latest sample's wall time */
	double dt_s;				/* interval; NAN with one sample */
	const struct psi_host *cur;		/* the latest sample */
	struct psi_rate rate[PSI__COUNT];	/* stall % over the interval */
};

/* One table: a row per resource, some and full, avg10/60/300 and the
 * interval's stall %; an unavailable resource gets its reason. */
void psi_print(FILE *f, const struct psi_report *rep);

/* One object: interval_s, resources[] {name, available, reason, some, full}. */
void psi_print_json(struct json *j, const struct psi_report *rep);

/* The some/full block of one PSI file (also used by the cgroup and pid
 * views): {avg10, avg60, avg300, total_us, stall_pct} or null when absent. */
void psi_json_line(struct json *j, const char *key, const struct psi_line *l, double stall_pct);

#endif
