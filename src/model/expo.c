/* The exposition model (expo.h): families and their series. */
#include "model/expo.h"
#include "model/expo_priv.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "sample/sample.h"

struct expo_family *expo_family(struct expo *e, const char *name, enum expo_type type,
				const char *unit, const char *help)
{
	for (int i = 0; i < e->n; i++)
		if (strcmp(e->f[i].name, name) == 0)
			return &e->f[i];
	if (e->n == e->cap) {
		int cap = e->cap ? e->cap * 2 : 64;
		struct expo_family *f = realloc(e->f, (size_t)cap * sizeof(*f));

		if (!f)
			return NULL;
		e->f = f;
		e->cap = cap;
	}
	e->f[e->n] = (struct expo_family){ .name = name, .unit = unit, .help = help, .type = type };
	return &e->f[e->n++];
}

/* A new series of f, or NULL: *err -ENOMEM, or 0 when it is not added
 * (unknown value, the family full). */
static struct expo_sample *slot(struct expo_family *f, double v, int *err)
{
	*err = 0;
	if (!f) {
		*err = -ENOMEM;
		return NULL;
	}
	if (isnan(v))
		return NULL;
	if (f->n >= EXPO_MAX_SAMPLES) {
		f->full = true;
		return NULL;
	}
	if (f->n == f->cap) {
		int cap = f->cap ? f->cap * 2 : 8;
		struct expo_sample *p = realloc(f->s, (size_t)cap * sizeof(*p));

		if (!p) {
			*err = -ENOMEM;
			return NULL;
		}
		f->s = p;
		f->cap = cap;
	}
	memset(f->s[f->n].lk, 0, sizeof(f->s[f->n].lk));
	f->s[f->n].v = v;
	return &f->s[f->n++];
}

int expo_add(struct expo_family *f, double v, int nl, ...)
{
	int err = 0;
	struct expo_sample *s = slot(f, v, &err);
	va_list ap;

	if (!s)
		return err;
	va_start(ap, nl);
	for (int i = 0; i < nl && i < EXPO_MAX_LABELS; i++) {
		const char *k = va_arg(ap, const char *); /* NOLINT(clang-analyzer-valist.Uninitialized): ap is va_start()ed above */
		const char *val = va_arg(ap, const char *); /* NOLINT(clang-analyzer-valist.Uninitialized): ap is va_start()ed above */

		s->lk[i] = k;
		snprintf(s->lv[i], sizeof(s->lv[i]), "%s", val ? val : "");
	}
	va_end(ap);
	return 0;
}

void expo_free(struct expo *e)
{
	for (int i = 0; i < e->n; i++)
		free(e->f[i].s);
	free(e->f);
	memset(e, 0, sizeof(*e));
}

static void rule_value(void *ctx, enum rule_id r, const char *resource, double v)
{
	struct expo_ctx *x = ctx;
	struct expo_family *f = FAM("triage_rule_value", EXPO_GAUGE, NULL,
				    "The value a rule compared with its thresholds (triage --rules), in the rule's unit");

	ADD(f, v, 2, "id", rule_defs[r].id, "resource", resource);
}

static void findings_fams(struct expo_ctx *x, const struct obs *o, const struct findings *fs)
{
	struct expo_family *f = FAM("triage_finding", EXPO_GAUGE, NULL,
				    "1 for each current finding of the report, by rule id, resource and severity");

	for (int i = 0; fs && i < fs->n; i++)
		ADD(f, 1, 3, "id", rule_defs[fs->v[i].rule].id, "resource", fs->v[i].resource,
		    "severity", severity_name(fs->v[i].sev));
	for (int r = 0; r < RULE__COUNT; r++)
		expo_rule_values(o, (enum rule_id)r, rule_value, x);
	f = FAM("triage_unchecked", EXPO_GAUGE, NULL, "1 for each part the report could not check (see /report for why)");
	for (int i = 0; i < o->nunchecked; i++)
		ADD(f, 1, 1, "what", o->unchecked[i].what);
}

static void window_fams(struct expo_ctx *x, const struct obs *o, const struct expo_opts *opt)
{
	ADD(FAM("triage_window_seconds", EXPO_GAUGE, "seconds", "Length of the window the figures are over"),
	    o->window_s, 0);
	ADD(FAM("triage_collect_seconds", EXPO_GAUGE, "seconds",
		"Time the last sampling and judging took (the cost of a window, not of a scrape)"),
	    opt ? opt->collect_s : NAN, 0);
	ADD(FAM("triage_window_end_timestamp_seconds", EXPO_GAUGE, "seconds",
		"Wall-clock time of the window's last sample"), o->wall_end > 0 ? o->wall_end : NAN, 0);
}

int expo_build(struct expo *e, const struct obs *o, const struct findings *fs,
	       const struct sample *newer, const struct expo_opts *opt)
{
	struct expo_ctx x = { .e = e };

	memset(e, 0, sizeof(*e));
	if (newer)
		expo_node_fams(&x, newer, o);
	expo_use_fams(&x, o, opt);
	findings_fams(&x, o, fs);
	window_fams(&x, o, opt);
	return x.err;
}
