/* The USE matrix: one row per resource instance with its Utilization,
 * Saturation and Errors, each a number with its unit, the metric it came from
 * and a status. Built from the observations; a cell's status is warning or
 * critical when a finding judged that cell of that resource (rule_def.use),
 * ok when the value is known and nothing fired, unknown when the value is. */
#ifndef TRIAGE_ANALYSIS_USE_H
#define TRIAGE_ANALYSIS_USE_H

#include <stdbool.h>

#include "analysis/finding.h"
#include "analysis/obs.h"

enum use_status {
	USE_NA,		/* this cell does not apply to the resource */
	USE_UNKNOWN,
	USE_OK,
	USE_WARNING,
	USE_CRITICAL,
};

struct use_cell {
	double value;		/* mean over the window (or the state at the end) */
	double peak;		/* highest interval, NAN when not a series */
	const char *unit;	/* "%", "/s", "per CPU" ... */
	const char *source;	/* the metric and where it came from */
	enum use_status status;
};

struct use_row {
	char resource[160];	/* kind, or kind:instance (as in findings) */
	char kind[16];
	char instance[144];
	struct use_cell u, s, e;
	enum use_status status;	/* the worst of the three */
	double rank;		/* for the text view: how busy (utilization) */
};

struct use_matrix {
	struct use_row *v;
	int n, cap;
};

/* Fill m from the observations, then mark cells from the findings.
 * Returns 0 (rows that cannot be allocated are left out). */
int use_build(const struct obs *o, const struct findings *fs, struct use_matrix *m);
void use_free(struct use_matrix *m);

const char *use_status_name(enum use_status s);

#endif
