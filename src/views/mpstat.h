/* mpstat(1) text, sysstat 12.6 layout (-u report), and its JSON. */
#ifndef TRIAGE_VIEWS_MPSTAT_H
#define TRIAGE_VIEWS_MPSTAT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/json.h"
#include "model/cpu.h"
#include "sources/sys_cpu.h"
#include "sources/sys_cpu_topo.h"

/* Which lines to print: "all" and/or CPUs (-P). */
struct mpstat_select {
	bool all;			/* the "all" line */
	bool every;			/* -P ALL / ON: every CPU */
	const struct sys_cpu_list *list;	/* -P N,M: these CPUs (when not every) */
	int dec;			/* --dec: digits after the point, 0..2 (2) */
	bool no_util;			/* -I without -u: no "cpu_load" in JSON */
	const struct sys_cpu_topo *topo;	/* -T: CORE SOCK NODE columns, or NULL */
	/* -n / -N: the node report */
	bool nodes;			/* shown */
	bool node_every;		/* -N ALL: "all" and every node */
	const struct sys_cpu_list *node_list;	/* -N 0,1: these nodes (when not every) */
	const struct cpu_node_model *node_m;	/* the nodes of the report */
};

struct mpstat_irq_report;	/* views/mpstat_irq.h */

/* "\n%-11s  CPU    %usr ..." (with -T " CORE SOCK NODE" after CPU) */
void mpstat_print_header(FILE *f, const char *label, const struct mpstat_select *sel);
/* -n/-N: "\n%-11s NODE    %usr ..." and the lines of sel->node_m: "all"
 * (m->all) unless -N lists nodes, then the nodes asked that hold a CPU. */
void mpstat_print_nodes(FILE *f, const char *plabel, const char *clabel, bool hdr,
			const struct cpu_model *m, const struct mpstat_select *sel);
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
/* A stream (an interval without a count) is JSON Lines: each report one
 * compact mpstat_json_report line, and at the end {"average": {...}}. */
void mpstat_json_average_line(struct json *j, FILE *f, const struct cpu_model *avg,
			      const struct mpstat_select *sel, const struct mpstat_irq_report *irq);

#endif
