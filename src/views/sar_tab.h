/* The table layout every sar report shares (sysstat 12.6 pr_stats.c): a
 * blank line, a header whose label is "%-11s" (the previous sample's time,
 * or "Average:"), an optional name column " %9s" (IFACE, DEV ...), then the
 * columns (views/cols.h); each row the label, the name, the values.
 * pl NULL: no blank line and no header, the rows only (sysstat's form for a
 * single one-row report: the header once, then a row per interval). */
#ifndef TRIAGE_VIEWS_SAR_TAB_H
#define TRIAGE_VIEWS_SAR_TAB_H

#include <stdio.h>

#include "views/cols.h"

static inline void sar_tab_head(FILE *f, const char *pl, const char *first,
				const struct col *c, size_t n)
{
	if (!pl)
		return;
	fprintf(f, "\n%-11s", pl);
	if (first)
		fprintf(f, " %9s", first);
	cols_head(f, c, n);
	fputc('\n', f);
}

/* One row; name NULL: none (one-row tables). */
static inline void sar_tab_row(FILE *f, const char *cl, const char *name, const void *base,
			       const struct col *c, size_t n)
{
	fprintf(f, "%-11s", cl);
	if (name) {
		fputc(' ', f);
		cols_name(f, name, 9, 0);
	}
	cols_row(f, base, c, n, -1);
	fputc('\n', f);
}

/* Per-CPU tables (-u, -P, -n SOFT): "CPU" in " %7s" (sysstat: "     CPU"),
 * then "all" (cpu < 0) or the number. */
static inline void sar_tab_cpu_head(FILE *f, const char *pl, const struct col *c, size_t n)
{
	if (!pl)
		return;
	fprintf(f, "\n%-11s %7s", pl, "CPU");
	cols_head(f, c, n);
	fputc('\n', f);
}

static inline void sar_tab_cpu_row(FILE *f, const char *cl, int cpu, const void *base,
				   const struct col *c, size_t n)
{
	if (cpu < 0)
		fprintf(f, "%-11s %7s", cl, "all");
	else
		fprintf(f, "%-11s %7d", cl, cpu);
	cols_row(f, base, c, n, -1);
	fputc('\n', f);
}

/* JSON "cpu": "all" or N */
static inline void sar_tab_cpu_json(struct json *j, int cpu)
{
	if (cpu < 0)
		json_str(j, "cpu", "all");
	else
		json_int(j, "cpu", cpu);
}

/* A one-row table; JSON: "name": {...} or null. */
static inline void sar_tab1(FILE *f, const char *pl, const char *cl, const struct col *c,
			    size_t n, const void *base)
{
	sar_tab_head(f, pl, NULL, c, n);
	sar_tab_row(f, cl, NULL, base, c, n);
}

static inline void sar_tab1_json(struct json *j, const char *name, bool have,
				 const struct col *c, size_t n, const void *base)
{
	if (!have) {
		json_null(j, name);
		return;
	}
	json_obj_begin(j, name);
	cols_json(j, base, c, n, -1);
	json_obj_end(j);
}

#endif
