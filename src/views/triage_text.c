/* The human report. Order: the verdict, the findings (critical first, with
 * evidence, next commands and action), the USE matrix (aggregate rows, rows
 * that are not ok, and the busiest instances of each kind), then what was not
 * checked. A healthy 2-CPU box fits in about 25 lines. */
#include "views/triage.h"

#include <math.h>
#include <string.h>

#include "core/escape.h"
#include "core/fmt.h"

#define TOP_PER_KIND 2	/* ok instances shown per kind (cpu:N, disk, fs ...) */

enum { C_OFF, C_RED, C_YELLOW, C_GREEN, C_DIM, C_BOLD };

static void color(FILE *f, const struct triage_report *r, int c)
{
	static const char *seq[] = {
		[C_OFF] = "\033[0m", [C_RED] = "\033[1;31m", [C_YELLOW] = "\033[1;33m",
		[C_GREEN] = "\033[32m", [C_DIM] = "\033[2m", [C_BOLD] = "\033[1m",
	};
	if (r->color)
		fputs(seq[c], f);
}

static void esc(FILE *f, const char *s)
{
	esc_term_fputs(f, s, strlen(s));
}

static int sev_color(enum severity s)
{
	return s == SEV_CRITICAL ? C_RED : s == SEV_WARNING ? C_YELLOW : C_DIM;
}

static void header(FILE *f, const struct triage_report *r)
{
	const struct obs *o = r->o;
	int nw = 0, nc = 0, ni = 0;
	struct tm tm;
	char ts[48];

	if (r->from) {
		char a[24], b[24];

		localtime_r(&r->from, &tm);
		strftime(a, sizeof(a), "%Y-%m-%d %H:%M:%S", &tm);
		localtime_r(&r->now, &tm);
		strftime(b, sizeof(b), "%H:%M:%S", &tm);
		snprintf(ts, sizeof(ts), "(recorded %.19s to %.8s)", a, b);
	} else if (r->now) {
		localtime_r(&r->now, &tm);
		strftime(ts, sizeof(ts), "%Y-%m-%d %H:%M:%S", &tm);
	} else {
		snprintf(ts, sizeof(ts), "(replayed snapshots)");
	}
	for (int i = 0; i < r->fs->n; i++) {
		nc += r->fs->v[i].sev == SEV_CRITICAL;
		nw += r->fs->v[i].sev == SEV_WARNING;
		ni += r->fs->v[i].sev == SEV_INFO;
	}
	if (r->slices)
		fprintf(f, "triage %s: %d CPUs, judged in %d slice%s of %g s; the USE matrix is the worst slice's\n",
			ts, o->host.ncpu, r->slices, r->slices == 1 ? "" : "s", r->slice_s);
	else
		fprintf(f, "triage %s: %d CPUs, %g s in %d intervals\n", ts, o->host.ncpu,
			isnan(o->window_s) ? 0 : round(o->window_s * 10) / 10, o->intervals);
	if (nc + nw == 0) {
		color(f, r, C_GREEN);
		fputs("OK: no warning or critical finding", f);
		color(f, r, C_OFF);
		if (ni)
			fprintf(f, " (%d info)", ni);
		fputc('\n', f);
		return;
	}
	color(f, r, nc ? C_RED : C_YELLOW);
	fprintf(f, "%s: %d critical, %d warning", nc ? "CRITICAL" : "WARNING", nc, nw);
	color(f, r, C_OFF);
	if (ni)
		fprintf(f, ", %d info", ni);
	fputc('\n', f);
}

/* "  when:     2026-12-03 02:53:00 to 02:55:00 (2 slices)" */
static void when(FILE *f, const struct finding *x)
{
	time_t a = (time_t)x->when_from, b = (time_t)x->when_to;
	char sa[24], sb[24];
	struct tm tm;

	localtime_r(&a, &tm);
	strftime(sa, sizeof(sa), "%Y-%m-%d %H:%M:%S", &tm);
	localtime_r(&b, &tm);
	strftime(sb, sizeof(sb), "%H:%M:%S", &tm);
	fprintf(f, "  when:     %s to %s (%d slice%s)\n", sa, sb, x->nslices, x->nslices == 1 ? "" : "s");
}

static void finding(FILE *f, const struct triage_report *r, const struct finding *x)
{
	fputc('\n', f);
	color(f, r, sev_color(x->sev));
	fprintf(f, "%-8s ", x->sev == SEV_CRITICAL ? "CRITICAL" : "WARNING");
	color(f, r, C_OFF);
	color(f, r, C_BOLD);
	fprintf(f, "%s ", rule_defs[x->rule].id);
	color(f, r, C_OFF);
	esc(f, x->resource);
	fputs("\n  ", f);
	esc(f, x->summary);
	fputc('\n', f);
	if (x->when_from)
		when(f, x);
	for (int i = 0; i < x->nevidence; i++) {
		fputs(i ? "            " : "  evidence: ", f);
		esc(f, x->evidence[i]);
		fputc('\n', f);
	}
	fputs("  next:     ", f);
	for (int i = 0; i < x->nnext; i++) {
		if (i)
			fputs("; ", f);
		esc(f, x->next[i]);
	}
	fputs("\n  action:   ", f);
	esc(f, rule_defs[x->rule].action);
	fputc('\n', f);
}

static void info(FILE *f, const struct triage_report *r, const struct finding *x)
{
	color(f, r, C_DIM);
	fprintf(f, "info     %s ", rule_defs[x->rule].id);
	esc(f, x->resource);
	fputs(": ", f);
	esc(f, x->summary);
	color(f, r, C_OFF);
	fputc('\n', f);
	if (x->when_from)
		when(f, x);
}

static void cellf(FILE *f, const struct triage_report *r, const struct use_cell *c, bool pad)
{
	char s[64], num[400];
	int n;

	if (c->status == USE_NA)
		n = snprintf(s, sizeof(s), "%s", "");
	else if (isnan(c->value))
		n = snprintf(s, sizeof(s), "-");
	else
		n = snprintf(s, sizeof(s), "%s %s",
			     fmt_fixed(num, sizeof(num), fabs(c->value) < 10 && c->value != 0 &&
				       c->value != floor(c->value) ? 2 : 0, c->value), c->unit);
	if (c->status >= USE_WARNING)
		color(f, r, c->status == USE_CRITICAL ? C_RED : C_YELLOW);
	fputs(s, f);
	if (c->status >= USE_WARNING)
		color(f, r, C_OFF);
	for (; pad && n < 21; n++)
		fputc(' ', f);
}

static void rowf(FILE *f, const struct triage_report *r, const struct use_row *x)
{
	char name[160];
	static const char *st[] = {
		[USE_NA] = "    ", [USE_UNKNOWN] = "?   ", [USE_OK] = "ok  ",
		[USE_WARNING] = "WARN", [USE_CRITICAL] = "CRIT",
	};
	int c = x->status == USE_CRITICAL ? C_RED : x->status == USE_WARNING ? C_YELLOW :
		x->status == USE_OK ? C_GREEN : C_DIM;
	size_t n;

	color(f, r, c);
	fputs(st[x->status], f);
	color(f, r, C_OFF);
	n = esc_term(name, sizeof(name), x->resource, strlen(x->resource));
	if (n > 20) {	/* long mount points and cgroup paths: keep the end */
		fputs(" ...", f);
		fputs(name + n - 16, f);
		fputc(' ', f);
	} else {
		fprintf(f, " %-20s ", name);
	}
	cellf(f, r, &x->u, true);
	cellf(f, r, &x->s, true);
	cellf(f, r, &x->e, false);
	fputc('\n', f);
}

/* Instances of a kind other than the first row of that kind (the aggregate),
 * when ok: only the TOP_PER_KIND busiest are shown. */
static bool shown(const struct use_matrix *m, int k, int *hidden)
{
	const struct use_row *x = &m->v[k];
	int better = 0;

	if (!strchr(x->resource, ':') || x->status >= USE_WARNING || !strcmp(x->kind, "psi"))
		return true;
	for (int i = 0; i < m->n; i++) {
		const struct use_row *y = &m->v[i];

		if (i == k || strcmp(y->kind, x->kind) != 0 || !strchr(y->resource, ':') || y->status >= USE_WARNING)
			continue;
		double a = isnan(y->rank) ? -1 : y->rank, b = isnan(x->rank) ? -1 : x->rank;
		if (a > b || (a == b && i < k))
			better++;
	}
	if (better < TOP_PER_KIND)
		return true;
	(*hidden)++;
	return false;
}

/* --pid: one line about the process. */
static void focus(FILE *f, const struct triage_report *r)
{
	const struct obs_proc *p = obs_focus(r->o);

	if (!r->o->focus_pid)
		return;
	fprintf(f, "Process %d", r->o->focus_pid);
	if (!p) {
		fputs(": not seen during the window\n", f);
		return;
	}
	fputs(" (", f);
	esc(f, p->comm);
	fprintf(f, "): state %c, %d thread(s), ", p->state, p->nthreads);
	if (isnan(p->cpu_pct)) fputs("CPU -, ", f); else fprintf(f, "%.1f%% of one CPU, ", p->cpu_pct);
	if (isnan(p->nfds)) fputs("fds -", f); else fprintf(f, "%.0f fds", p->nfds);
	if (!isnan(p->fd_soft)) fprintf(f, " of %.0f", p->fd_soft);
	if (!isnan(p->close_wait)) fprintf(f, ", %.0f CLOSE-WAIT", p->close_wait);
	if (r->o->focus_cgroup[0]) {
		fputs(", cgroup ", f);
		esc(f, r->o->focus_cgroup);
	}
	fputc('\n', f);
}

void triage_print_text(FILE *f, const struct triage_report *r)
{
	const struct use_matrix *m = r->m;
	int hidden = 0, ninfo = 0;

	header(f, r);
	focus(f, r);
	for (int i = 0; i < r->fs->n; i++)
		if (r->fs->v[i].sev > SEV_INFO)
			finding(f, r, &r->fs->v[i]);
	fputc('\n', f);
	for (int i = 0; i < r->fs->n; i++)
		if (r->fs->v[i].sev == SEV_INFO) {
			info(f, r, &r->fs->v[i]);
			ninfo++;
		}
	if (ninfo)
		fputc('\n', f);
	color(f, r, C_BOLD);
	fprintf(f, "     %-20s %-21s%-21s%s\n", "RESOURCE", "UTILIZATION", "SATURATION", "ERRORS");
	color(f, r, C_OFF);
	for (int i = 0; i < m->n; i++)
		if (shown(m, i, &hidden))
			rowf(f, r, &m->v[i]);
	if (hidden)
		fprintf(f, "     (%d more instances ok; --json lists every one)\n", hidden);
	if (r->o->nunchecked) {
		fputs("\nNot checked:\n", f);
		for (int i = 0; i < r->o->nunchecked; i++) {
			fputs("  ", f);
			esc(f, r->o->unchecked[i].what);
			fputs(": ", f);
			esc(f, r->o->unchecked[i].why);
			fputc('\n', f);
		}
	}
}
