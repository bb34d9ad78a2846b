/* Column helpers of the sysstat-style tables: " %W.Pf" numbers where an
 * unknown value (NAN) prints as "-" in the same width, and names escaped for
 * the terminal (core/escape.h) then padded to a width. */
#ifndef TRIAGE_VIEWS_COLS_H
#define TRIAGE_VIEWS_COLS_H

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/escape.h"
#include "core/json.h"

/* A blank, then v in width columns with prec decimals, or "-". */
static inline void cols_num(FILE *f, int width, int prec, double v)
{
	if (isnan(v) || isinf(v))
		fprintf(f, " %*s", width, "-");
	else
		fprintf(f, " %*.*f", width, prec, v);
}

/* name escaped, padded with blanks to width columns: left-aligned when left,
 * else right-aligned. Longer names are printed whole. */
static inline void cols_name(FILE *f, const char *name, int width, int left)
{
	size_t len = strlen(name), w = esc_term_width(name, len);
	int pad = (size_t)width > w ? width - (int)w : 0;

	if (!left)
		fprintf(f, "%*s", pad, "");
	esc_term_fputs(f, name, len);
	if (left)
		fprintf(f, "%*s", pad, "");
}

/* One column of a table view, shared by the text and JSON writers of every
 * table (iostat, sar, vmstat ...): its header as the anchor tool prints it,
 * its JSON key, where its value (a double, NAN when unknown) sits in the row
 * struct, and its text width and decimals (" %W.Pf"). A new report is a
 * column list, not a new writer. */
struct col {
	const char *head, *key;
	size_t off;
	int width, prec;
	int kind;		/* enum col_kind: how a --human view shows it */
};

/* What a value is, for the human-readable form (sysstat's --human): a plain
 * number, a percentage ("14.4%"), a size in the report's unit (kB or MB:
 * scaled by 1024 with a suffix, "2.5M"), or a size always in kB. */
enum col_kind {
	COL_NUM,
	COL_PCT,
	COL_SIZE,
	COL_KB,
};

#define COLS_N(a) (sizeof(a) / sizeof((a)[0]))
/* A column of row type T, field F (a double). */
#define COL(T, h, k, F, w, p) { h, k, offsetof(T, F), w, p, COL_NUM }
/* The same, with its kind (enum col_kind). */
#define COLK(T, h, k, F, w, p, kind) { h, k, offsetof(T, F), w, p, kind }

/* The value of c in the row at base. */
static inline double cols_val(const void *base, const struct col *c)
{
	double v;

	memcpy(&v, (const char *)base + c->off, sizeof(v));
	return v;
}

/* " %*s" of each header, right-aligned in its width. */
static inline void cols_head(FILE *f, const struct col *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, " %*s", c[i].width, c[i].head);
}

/* The decimals of column c: prec >= 0 (sysstat's --dec) overrides those
 * of every column but the counts (prec 0: kB_read, as sysstat's integer
 * columns, stays whole). */
static inline int cols_prec(const struct col *c, int prec)
{
	return prec >= 0 && c->prec > 0 ? prec : c->prec;
}

/* The row's values, each " %W.Pf" or "-", with cols_prec's decimals. */
static inline void cols_row(FILE *f, const void *base, const struct col *c, size_t n, int prec)
{
	for (size_t i = 0; i < n; i++)
		cols_num(f, c[i].width, cols_prec(&c[i], prec), cols_val(base, &c[i]));
}

/* The row's values in sysstat's human-readable form (its cprintf_unit and
 * cprintf_xpc): sizes scaled by 1024 from unit_idx (the index in "BkMGTPE"
 * of the report's unit: 1 kB, 2 MB) with one letter, percentages with "%",
 * both in the column's width with one decimal (none with --dec=0); plain
 * numbers as cols_row. */
static inline void cols_row_human(FILE *f, const void *base, const struct col *c, size_t n,
				  int prec, int unit_idx)
{
	static const char units[] = "BkMGTPE";

	for (size_t i = 0; i < n; i++) {
		double v = cols_val(base, &c[i]);
		int u = c[i].kind == COL_KB ? 1 : unit_idx, d = prec == 0 ? 0 : 1;

		if (c[i].kind == COL_NUM || isnan(v) || isinf(v)) {
			cols_num(f, c[i].width, cols_prec(&c[i], prec), v);
			continue;
		}
		if (c[i].kind == COL_PCT) {
			fprintf(f, " %*.*f%%", c[i].width - 1, d, v);
			continue;
		}
		while (v >= 1024 && units[u + 1]) {
			v /= 1024;
			u++;
		}
		fprintf(f, " %*.*f%c", c[i].width - 1, d, v, units[u]);
	}
}

/* The row's values as JSON members key: number (null when unknown), with
 * cols_prec's decimals. */
static inline void cols_json(struct json *j, const void *base, const struct col *c, size_t n, int prec)
{
	for (size_t i = 0; i < n; i++)
		json_double(j, c[i].key, cols_val(base, &c[i]), cols_prec(&c[i], prec));
}

#endif
