/* Column helpers of the sysstat-style tables: " %W.Pf" numbers where an
 * unknown value (NAN) prints as "-" in the same width, and names escaped for
 * the terminal (core/escape.h) then padded to a width. */
#ifndef TRIAGE_VIEWS_COLS_H
#define TRIAGE_VIEWS_COLS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/escape.h"

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

#endif
