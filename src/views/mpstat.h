/* mpstat(1) text, sysstat 12.6 layout (-u report), and its JSON. */
#ifndef TRIAGE_VIEWS_MPSTAT_H
#define TRIAGE_VIEWS_MPSTAT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/json.h"
#include "model/cpu.h"
#include "sources/sys_cpu.h"

/* Which lines to print: "all" and/or CPUs (-P). */
struct mpstat_select {
	bool all;			/* the "all" line */
	bool every;			/* -P ALL / ON: every CPU */
	const struct sys_cpu_list *list;	/* -P N,M: these CPUs (when not every) */
	int dec;			/* --dec: digits after the point, 0..2 (2) */
	bool no_util;			/* -I without -u: no "cpu_load" in JSON */
};

struct mpstat_irq_report;	/* views/mpstat_irq.h */

/* "\n%-11s  CPU    %usr ..." */
void mpstat_print_header(FILE *f, const char *label);
/* The lines of one report; offline and new CPUs are skipped (sysstat 12). */
void mpstat_print_rows(FILE *f, const char *label, const struct cpu_model *m,
		       const struct mpstat_select *sel);

/* The banner, and the JSON document's head up to its "statistics" array,
 * are views/sysstat_banner.h's sysstat_banner_begin().
 * JSON: {"command": "mpstat", host fields, "statistics": [ {"timestamp":
 * "...", "since_boot": b, "interval_s": x, "cpu_load": [ {"cpu": "all",
 * "usr": ...}, ... ]}, ... ], "average": {"cpu_load": [...]} }
 * irq (NULL: none): the -I reports' keys in the same objects. */
void mpstat_json_report(struct json *j, const char *timestamp, bool since_boot,
			const struct cpu_model *m, const struct mpstat_select *sel,
			const struct mpstat_irq_report *irq);
void mpstat_json_end(struct json *j, const struct cpu_model *avg,
		     const struct mpstat_select *sel, const struct mpstat_irq_report *irq);

#endif
