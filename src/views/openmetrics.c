/* OpenMetrics 1.0.0 and Prometheus 0.0.4 text (openmetrics.h). */
#include "views/openmetrics.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/escape.h"

/* Escape for a label value (quote true) or HELP text: backslash, newline,
 * and in label values the double quote; other control bytes and invalid
 * UTF-8 become U+FFFD (neither format can carry them). */
static void esc(FILE *f, const char *s, bool quote)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		int k;

		if (c == '\\' || (quote && c == '"')) {
			fputc('\\', f);
			fputc(c, f);
			i++;
		} else if (c == '\n') {
			fputs("\\n", f);
			i++;
		} else if (c >= 0x20 && c < 0x7f) {
			fputc(c, f);
			i++;
		} else if (c >= 0x80 && (k = utf8_decode((const unsigned char *)s + i, n - i, &cp)) > 0) {
			fwrite(s + i, 1, (size_t)k, f);
			i += (size_t)k;
		} else {	/* a control byte or invalid UTF-8 */
			fputs("\xef\xbf\xbd", f);
			i++;
		}
	}
}

void expo_write_label_value(FILE *f, const char *s)
{
	esc(f, s, true);
}

static void value(FILE *f, double v)
{
	if (isinf(v))
		fputs(v > 0 ? "+Inf" : "-Inf", f);
	else if (v == floor(v) && fabs(v) < 1e15)
		fprintf(f, "%.0f", v);
	else
		fprintf(f, "%.15g", v);
}

static const char *type_name(enum expo_type t, bool om)
{
	switch (t) {
	case EXPO_COUNTER: return "counter";
	case EXPO_UNKNOWN: return om ? "unknown" : "untyped";
	case EXPO_GAUGE: default: return "gauge";
	}
}

static void family(FILE *f, const struct expo_family *fam, bool om)
{
	const char *suffix = fam->type == EXPO_COUNTER ? "_total" : "";
	const char *hname = om ? "" : suffix;	/* 0.0.4 names the family by its sample name */

	if (fam->n == 0)
		return;
	fprintf(f, "# HELP %s%s ", fam->name, hname);
	esc(f, fam->help ? fam->help : "", false);
	fprintf(f, "\n# TYPE %s%s %s\n", fam->name, hname, type_name(fam->type, om));
	if (om && fam->unit)
		fprintf(f, "# UNIT %s %s\n", fam->name, fam->unit);
	for (int i = 0; i < fam->n; i++) {
		const struct expo_sample *s = &fam->s[i];

		fprintf(f, "%s%s", fam->name, suffix);
		for (int k = 0; k < EXPO_MAX_LABELS && s->lk[k]; k++) {
			fprintf(f, "%c%s=\"", k ? ',' : '{', s->lk[k]);
			esc(f, s->lv[k], true);
			fputc('"', f);
		}
		fputs(s->lk[0] ? "} " : " ", f);
		value(f, s->v);
		fputc('\n', f);
	}
}

void expo_write(FILE *f, const struct expo *e, bool openmetrics, bool triage_only)
{
	for (int i = 0; i < e->n; i++)
		if (!triage_only || strncmp(e->f[i].name, "node_", 5) != 0)
			family(f, &e->f[i], openmetrics);
	if (openmetrics)
		fputs("# EOF\n", f);
}
