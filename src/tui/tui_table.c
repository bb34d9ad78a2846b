/* The interactive top's process table: top's columns (views/top.h formats),
 * the sort column marked, the selected line in reverse video; as a tree
 * (t/F5): children under their parent, threads (H) under their process.
 * RES and SHR come from statm, read only for the lines on screen (the scan
 * reads stat alone: a refresh at 10,000 processes stays cheap). */
#include <curses.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/escape.h"
#include "sources/proc_pid.h"
#include "tui/tui_priv.h"
#include "views/top.h"

static int line_id(const struct top_line *l)
{
	return l->m->cur->tid ? l->m->cur->tid : l->m->cur->pid;
}

/* The parent's task id: a thread's is its process, a process's its ppid. */
static int line_parent(const struct top_line *l)
{
	const struct proc_pid_rec *c = l->m->cur;

	return c->tid && c->tid != c->pid ? c->pid : c->stat.ppid;
}

struct id_ix {
	int id;
	size_t ix;
};

static int id_cmp(const void *a, const void *b)
{
	const struct id_ix *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static long find_ix(const struct id_ix *v, size_t n, int id)
{
	struct id_ix key = { id, 0 }, *hit = bsearch(&key, v, n, sizeof(*v), id_cmp);

	return hit ? (long)hit->ix : -1;
}

/* Tree order: roots (no shown parent) in sort order, each followed by its
 * children in sort order, depth first. */
static int tree_order(struct tui_frame *f)
{
	size_t n = f->rows.n, k = 0, sp = 0;
	struct id_ix *ids = calloc(n ? n : 1, sizeof(*ids));
	long *child = malloc((n ? n : 1) * sizeof(long)), *next = malloc((n ? n : 1) * sizeof(long));
	size_t *stack = malloc((n ? n : 1) * sizeof(size_t));
	int err = 0;

	if (!ids || !child || !next || !stack) {
		err = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		ids[i] = (struct id_ix){ line_id(&f->rows.lines[i]), i };
		child[i] = next[i] = -1;
	}
	qsort(ids, n, sizeof(*ids), id_cmp);
	/* push in reverse so that each child list keeps the sort order */
	for (size_t i = n; i-- > 0;) {
		long p = find_ix(ids, n, line_parent(&f->rows.lines[i]));

		if (p >= 0 && (size_t)p != i) {
			next[i] = child[p];
			child[p] = (long)i;
		}
	}
	for (size_t r = n; r-- > 0;) {
		long p = find_ix(ids, n, line_parent(&f->rows.lines[r]));

		if (p < 0 || (size_t)p == r)
			stack[sp++] = r;	/* a root: pushed last-first, popped first-first */
	}
	/* depth of a node: its parent's + 1, set as children are pushed */
	for (size_t i = 0; i < n; i++)
		f->depth[i] = 0;
	while (sp > 0 && k < n) {
		size_t v = stack[--sp];
		size_t mark = sp;

		f->order[k++] = v;
		for (long c = child[v]; c >= 0 && sp < n; c = next[c]) {
			f->depth[c] = f->depth[v] + 1;
			stack[sp++] = (size_t)c;
		}
		/* reverse what was pushed, so the first child pops first */
		for (size_t a = mark, b = sp; a + 1 < b; a++, b--) {
			size_t tmp = stack[a];
			stack[a] = stack[b - 1];
			stack[b - 1] = tmp;
		}
	}
	f->n = k;
out:
	free(ids);
	free(child);
	free(next);
	free(stack);
	return err;
}

int tui_table_order(struct tui *t)
{
	struct tui_frame *f = &t->fr;
	size_t n = f->rows.n;

	free(f->order);
	free(f->depth);
	f->order = malloc((n ? n : 1) * sizeof(*f->order));
	f->depth = calloc(n ? n : 1, sizeof(*f->depth));
	f->n = 0;
	if (!f->order || !f->depth)
		return -ENOMEM;
	if (t->tree) {
		int err = tree_order(f);
		if (err)
			return err;
	} else {
		for (size_t i = 0; i < n; i++)
			f->order[i] = i;
		f->n = n;
	}
	/* keep the selection on the same task */
	for (size_t i = 0; i < f->n; i++) {
		if (line_id(&f->rows.lines[f->order[i]]) == t->sel_id) {
			t->sel = i;
			return 0;
		}
	}
	if (t->sel >= f->n)
		t->sel = f->n ? f->n - 1 : 0;
	return 0;
}

const struct top_line *tui_table_selected(const struct tui *t)
{
	if (!t->have_frame || t->fr.n == 0 || t->sel >= t->fr.n)
		return NULL;
	return &t->fr.rows.lines[t->fr.order[t->sel]];
}

void tui_table_move(struct tui *t, long d)
{
	long s = (long)t->sel + d;
	const struct top_line *l;

	if (s >= (long)t->fr.n)
		s = (long)t->fr.n - 1;
	if (s < 0)
		s = 0;
	t->sel = (size_t)s;
	l = tui_table_selected(t);
	t->sel_id = l ? line_id(l) : 0;
}

static void pct(char *out, size_t size, double v)
{
	if (isnan(v))
		snprintf(out, size, "%5s", "-");
	else
		snprintf(out, size, v < 999.95 ? "%5.1f" : "%5.0f", v);
}

/* One cell's text (top -b's formats, views/top.h), without padding. */
static void cell(const struct top_line *l, enum top_key k, char *out, size_t size)
{
	const struct proc_pid_stat *st = &l->m->cur->stat;

	switch (k) {
	case K_PID: snprintf(out, size, "%d", line_id(l)); break;
	case K_USER: snprintf(out, size, "%s", l->user); break;
	case K_PR:
		/* procps: a priority below -99 is a real-time one, shown "rt" */
		if (st->priority < -99)
			snprintf(out, size, "rt");
		else
			snprintf(out, size, "%lld", (long long)st->priority);
		break;
	case K_NI: snprintf(out, size, "%lld", (long long)st->nice); break;
	case K_VIRT: top_fmt_mem(out, size, l->virt_kb, 7); break;
	case K_RES: top_fmt_mem(out, size, l->res_kb, 6); break;
	case K_SHR: top_fmt_mem(out, size, l->shr_kb, 6); break;
	case K_S: snprintf(out, size, "%c", st->state ? st->state : '?'); break;
	case K_CPU: pct(out, size, l->m->top_cpu); break;
	case K_MEM: pct(out, size, l->m->top_mem); break;
	case K_TIME: top_fmt_time(out, size, l->m->time_cs, 9); break;
	case K_CMD: snprintf(out, size, "%s", st->comm); break;
	case K__COUNT: out[0] = '\0'; break;
	}
}

/* Widths of top's columns (negative: left-justified); PID's is pid_max's. */
static int col_width(const struct tui *t, enum top_key k)
{
	static const int widths[K__COUNT] = {
		[K_PID] = 0, [K_USER] = -8, [K_PR] = 3, [K_NI] = 3, [K_VIRT] = 7, [K_RES] = 6,
		[K_SHR] = 6, [K_S] = 1, [K_CPU] = 5, [K_MEM] = 5, [K_TIME] = 9, [K_CMD] = -7,
	};

	return k == K_PID ? t->pid_width : widths[k];
}

/* Text at x in a column of width w (negative: left), untrusted text
 * escaped; the last column takes the rest of the line. Returns the next x. */
static int put_cell(int y, int x, const char *text, int w, bool untrusted, bool last)
{
	int aw = w < 0 ? -w : w, len;
	char pad[64];

	if (last)
		aw = COLS - x;
	len = (int)esc_term_width(text, strlen(text));
	if (w > 0 && len < aw) {
		snprintf(pad, sizeof(pad), "%*s", aw - len < 60 ? aw - len : 60, "");
		x += tui_put_plain(y, x, pad, COLS - x);
		aw = len;
	}
	if (untrusted)
		tui_put(y, x, text, aw < COLS - x ? aw : COLS - x);
	else
		tui_put_plain(y, x, text, aw < COLS - x ? aw : COLS - x);
	return x + aw + 1;
}

static void header(const struct tui *t, int y)
{
	int x = 0;

	attron(A_REVERSE);
	tui_color_on(t, TC_HEAD);
	mvhline(y, 0, ' ', COLS);
	for (int k = 0; k < K__COUNT && x < COLS; k++) {
		const char *name = k == K_PID && t->threads ? "TID" : top_key_name((enum top_key)k);

		if (t->hidden[k])
			continue;
		if (k == (int)t->key)
			attron(A_BOLD | A_UNDERLINE);
		x = put_cell(y, x, name, col_width(t, (enum top_key)k), false, false);
		if (k == (int)t->key)
			attroff(A_BOLD | A_UNDERLINE);
	}
	tui_color_off(t, TC_HEAD);
	attroff(A_REVERSE);
}

/* RES/SHR of a line on screen: statm now (live), unless the scan has it. */
static void statm_of(const struct tui *t, struct top_line *l)
{
	const struct root *r = sample_loop_root(t->lp);
	const struct proc_pid_rec *c = l->m->cur;
	struct proc_pid_statm sm;

	if (c->statm || t->replay || !r || !r->live)
		return;
	if (proc_pid_statm_read(r, c->pid, c->tid, &sm) == 0)
		top_line_statm(l, &sm, t->page_kb);
}

static void row(const struct tui *t, int y, struct top_line *l, int depth, bool sel)
{
	char text[512];
	int x = 0;

	statm_of(t, l);
	if (sel)
		attron(A_REVERSE);
	mvhline(y, 0, ' ', COLS);
	for (int k = 0; k < K__COUNT && x < COLS; k++) {
		enum top_key key = (enum top_key)k;

		if (t->hidden[k])
			continue;
		if (key == K_CMD && depth > 0) {
			char lead[64];
			int ind = depth * 2 - 2 < 40 ? depth * 2 - 2 : 40;

			snprintf(lead, sizeof(lead), "%*s`- ", ind, "");
			x += tui_put_plain(y, x, lead, COLS - x);
		}
		cell(l, key, text, sizeof(text));
		x = put_cell(y, x, text, col_width(t, key), key == K_USER || key == K_CMD, key == K_CMD);
	}
	if (sel)
		attroff(A_REVERSE);
}

void tui_table_draw(struct tui *t, int y)
{
	int h = LINES - 1 - (y + 1);	/* the last line is the status line */
	struct tui_frame *f = &t->fr;

	t->table_y = y + 1;
	header(t, y);
	if (h <= 0)
		return;
	if (t->sel < t->first)
		t->first = t->sel;
	if (t->sel >= t->first + (size_t)h)
		t->first = t->sel - (size_t)h + 1;
	if (t->first + (size_t)h > f->n)
		t->first = f->n > (size_t)h ? f->n - (size_t)h : 0;
	for (int i = 0; i < h && t->first + (size_t)i < f->n; i++) {
		size_t k = t->first + (size_t)i;

		row(t, t->table_y + i, &f->rows.lines[f->order[k]], f->depth[f->order[k]],
		    !t->focus_findings && k == t->sel);
	}
}
