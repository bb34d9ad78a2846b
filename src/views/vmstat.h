/* vmstat(8) text, procps-ng 4.0.2 layout, and its JSON. */
#ifndef TRIAGE_VIEWS_VMSTAT_H
#define TRIAGE_VIEWS_VMSTAT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/json.h"
#include "model/vmstat.h"

struct vmstat_view {
	bool wide;		/* -w */
	bool active;		/* -a: inact/active headers */
	const char *unit;	/* "k" "K" "m" "M" as given to -S (JSON "unit") */
	const char *tz;		/* -t: time zone name for the header; NULL without -t */
};

/* The two header lines. Wide output has the "gu" column, as Debian 12's
 * procps 4.0.2 prints it; the narrow one does not. */
void vmstat_print_header(FILE *f, const struct vmstat_view *v);
/* One line; unknown columns print "-". stamp: "yyyy-mm-dd HH:MM:SS" with
 * -t, else NULL. */
void vmstat_print_line(FILE *f, const struct vmstat_view *v, const struct vmstat_line *l,
		       const char *stamp);

/* vmstat -s: "%13lu K total memory" ... "%13lu forks"; -f: forks alone.
 * Without proc/vmstat the paging lines are left out. */
void vmstat_print_sums(FILE *f, const struct vmstat_view *v, const struct vmstat_sums *s);
void vmstat_print_forks(FILE *f, const struct vmstat_sums *s);
/* {"command": "vmstat", "unit": "K", "stats": {"total_memory": ...}} */
void vmstat_json_sums(struct json *j, const struct vmstat_view *v, const struct vmstat_sums *s);

/* JSON: {"command": "vmstat", "unit": "K", "samples": [ {...}, ... ]} */
void vmstat_json_begin(struct json *j, const struct vmstat_view *v);
void vmstat_json_line(struct json *j, const struct vmstat_line *l, bool since_boot,
		      const char *stamp);
void vmstat_json_end(struct json *j);

#endif
