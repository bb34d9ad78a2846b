/* Full-screen text of the interactive top: the keys (h, ?), a process's
 * `triage pid` report (Enter), a finding's evidence, next commands and
 * action (Enter on a findings line). Scrolled with the arrows, PgUp/PgDn,
 * Home/End; q or Esc returns to the table. */
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/finding.h"
#include "cmd/pid_common.h"
#include "core/escape.h"
#include "sources/pid_snap.h"
#include "tui/tui_priv.h"

struct lines {
	const char **v;
	size_t *len;
	size_t n;
};

static int split(const char *text, size_t len, struct lines *l)
{
	size_t cap = 1;

	for (size_t i = 0; i < len; i++)
		cap += text[i] == '\n';
	l->v = calloc(cap, sizeof(*l->v));
	l->len = calloc(cap, sizeof(*l->len));
	l->n = 0;
	if (!l->v || !l->len)
		return -ENOMEM;
	for (size_t i = 0; i < len;) {
		const char *e = memchr(text + i, '\n', len - i);
		size_t k = e ? (size_t)(e - (text + i)) : len - i;

		l->v[l->n] = text + i;
		l->len[l->n++] = k;
		i += k + 1;
	}
	return 0;
}

/* One line of the text, cut to the screen (controls as '?': the text was
 * escaped by its view, this is the last guard). */
static void put_line(int y, const char *s, size_t len)
{
	char buf[1024];

	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\t')
			buf[i] = ' ';
	tui_put_plain(y, 0, buf, COLS);
}

void tui_pager(struct tui *t, const char *title, const char *text, size_t len)
{
	struct lines l;
	size_t top = 0;

	if (split(text, len, &l)) {
		snprintf(t->msg, sizeof(t->msg), "out of memory");
		goto out;
	}
	for (;;) {
		int h = LINES - 2, ch;
		char foot[160];

		erase();
		attron(A_REVERSE);
		mvhline(0, 0, ' ', COLS);
		tui_put(0, 0, title, COLS);
		attroff(A_REVERSE);
		for (int i = 0; i < h && top + (size_t)i < l.n; i++)
			put_line(1 + i, l.v[top + i], l.len[top + i]);
		snprintf(foot, sizeof(foot), "lines %zu-%zu of %zu   up/down PgUp/PgDn Home/End scroll, q or Esc back",
			 l.n ? top + 1 : 0, top + (size_t)h < l.n ? top + (size_t)h : l.n, l.n);
		attron(A_BOLD);
		tui_put_plain(LINES - 1, 0, foot, COLS);
		attroff(A_BOLD);
		refresh();
		ch = getch();
		if (tui_stopping() || ch == 'q' || ch == 27 || ch == 'h' || ch == '?')
			break;
		if (ch == KEY_DOWN || ch == 'j')
			top += top + (size_t)h < l.n;
		else if (ch == KEY_UP || ch == 'k')
			top -= top > 0;
		else if (ch == KEY_NPAGE || ch == ' ')
			top = top + 2 * (size_t)h <= l.n ? top + (size_t)h : l.n > (size_t)h ? l.n - (size_t)h : 0;
		else if (ch == KEY_PPAGE)
			top = top > (size_t)h ? top - (size_t)h : 0;
		else if (ch == KEY_HOME || ch == 'g')
			top = 0;
		else if (ch == KEY_END || ch == 'G')
			top = l.n > (size_t)h ? l.n - (size_t)h : 0;
	}
out:
	free(l.v);
	free(l.len);
}

static const char help_text[] =
	"triage top: the keys (as procps top and htop)\n"
	"\n"
	"  P  M  T  N     sort by %CPU, %MEM, TIME+, PID (replay: T steps; F6 sorts)\n"
	"  <  >           sort by the column left / right of the current one\n"
	"  R              reverse the sort order\n"
	"  F6             choose the sort column\n"
	"  f              choose the columns shown (space) and the sort column (Enter)\n"
	"  /              filter by command name (empty: all)\n"
	"  u              only the processes of a user (empty: all)\n"
	"  t  F5          tree: children under their parent (replay: F5 only)\n"
	"  H              threads: every thread on its own line\n"
	"  1              per-CPU bars / one %Cpu(s) line\n"
	"  k  F9          send a signal to the selected process (asks which, then to confirm)\n"
	"  r              renice the selected process\n"
	"  Enter          the selected process's report (triage pid), or, on a findings\n"
	"                 line, the finding's evidence, next commands and action\n"
	"  Tab            move the cursor between the process table and the findings\n"
	"  up down PgUp PgDn Home End   move the cursor\n"
	"  space          refresh now (live)\n"
	"  h  ?           this help\n"
	"  q              quit\n"
	"\n"
	"Replay (--from TIME): the header shows the recorded time\n"
	"  t  left        one interval back\n"
	"  T  right       one interval forward\n"
	"  g              jump to a time (2026-12-03 03:00, 03:00:10, -2h, @EPOCH)\n"
	"\n"
	"Header: bars per CPU (u user, s system, w iowait, t steal; colours when allowed),\n"
	"memory and swap, PSI (share of the interval some task stalled), the busiest disk\n"
	"(%util) and interface, and the findings of triage's rules over the last interval.\n";

void tui_pager_help(struct tui *t)
{
	tui_pager(t, "Help", help_text, sizeof(help_text) - 1);
}

void tui_pager_process(struct tui *t)
{
	const struct top_line *l = tui_table_selected(t);
	const struct root *r = sample_loop_root(t->lp);
	struct pid_snap snap;
	char *text = NULL, title[128];
	size_t len = 0;
	FILE *f;
	int err, pid;

	if (!l)
		return;
	if (t->replay || !r) {
		snprintf(t->msg, sizeof(t->msg), "process detail: reads the live system (triage pid), not a recording");
		return;
	}
	pid = l->m->cur->pid;
	memset(&snap, 0, sizeof(snap));
	err = pid_snap_take(r, pid, true, &snap);
	f = err ? NULL : open_memstream(&text, &len);
	if (f) {
		err = pid_report_write(f, r, pid, false, NULL, &snap);
		fclose(f);
	}
	pid_snap_free(&snap);
	if (err || !f) {
		snprintf(t->msg, sizeof(t->msg), "process %d: %s", pid, strerror(err ? -err : ENOMEM));
		free(text);
		return;
	}
	snprintf(title, sizeof(title), "triage pid %d", pid);
	tui_pager(t, title, text, len);
	free(text);
}

/* A finding's text: its fields escaped (they hold process names, paths). */
static void finding_text(FILE *f, const struct finding *fd)
{
	const struct rule_def *d = &rule_defs[fd->rule];

	fprintf(f, "%s  %s  ", severity_name(fd->sev), d->id);
	esc_term_fputs(f, fd->resource, strlen(fd->resource));
	fputs("\n\n", f);
	esc_term_fputs(f, fd->summary, strlen(fd->summary));
	fputs("\n\nEvidence:\n", f);
	for (int i = 0; i < fd->nevidence; i++) {
		fputs("  ", f);
		esc_term_fputs(f, fd->evidence[i], strlen(fd->evidence[i]));
		fputc('\n', f);
	}
	fputs("\nNext:\n", f);
	for (int i = 0; i < fd->nnext; i++) {
		fputs("  ", f);
		esc_term_fputs(f, fd->next[i], strlen(fd->next[i]));
		fputc('\n', f);
	}
	if (d->action)
		fprintf(f, "\nAction:\n  %s\n", d->action);
}

void tui_pager_finding(struct tui *t)
{
	const struct findings *fs = &t->fr.judged.fs;
	char *text = NULL, title[128];
	size_t len = 0;
	FILE *f;

	if (!t->fr.judged_ok || t->sel_finding < 0 || t->sel_finding >= fs->n)
		return;
	f = open_memstream(&text, &len);
	if (!f)
		return;
	finding_text(f, &fs->v[t->sel_finding]);
	fclose(f);
	snprintf(title, sizeof(title), "Finding %d of %d", t->sel_finding + 1, fs->n);
	tui_pager(t, title, text, len);
	free(text);
}
