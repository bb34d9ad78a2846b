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
};

#define COLS_N(a) (sizeof(a) / sizeof((a)[0]))
/* A column of row type T, field F (a double). */
#define COL(T, h, k, F, w, p) { h, k, offsetof(T, F), w, p }

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

/* The row's values, each " %W.Pf" or "-"; prec >= 0 overrides every
 * column's decimals (sysstat's --dec). */
static inline void cols_row(FILE *f, const void *base, const struct col *c, size_t n, int prec)
{
	for (size_t i = 0; i < n; i++)
		cols_num(f, c[i].width, prec >= 0 ? prec : c[i].prec, cols_val(base, &c[i]));
}

/* The row's values as JSON members key: number (null when unknown), with
 * each column's decimals (prec >= 0 overrides). */
static inline void cols_json(struct json *j, const void *base, const struct col *c, size_t n, int prec)
{
	for (size_t i = 0; i < n; i++)
		json_double(j, c[i].key, cols_val(base, &c[i]), prec >= 0 ? prec : c[i].prec);
}

#endif
