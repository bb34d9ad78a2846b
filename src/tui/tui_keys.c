/* The interactive top's keys: procps top's (P M T N < > R k r u 1 H h q)
 * and htop's (F5 tree, F6 sort, F9 kill, / filter); replay's t T g and the
 * arrows. */
#include <curses.h>
#include <stdio.h>

#include "tui/tui_priv.h"

static void sort_by(struct tui *t, enum top_key k)
{
	t->key = k;
	t->ascending = k == K_USER || k == K_CMD;
}

/* < and >: the column left or right of the sort column. */
static void sort_move(struct tui *t, int d)
{
	int k = (int)t->key + d;

	if (k >= 0 && k < K__COUNT)
		sort_by(t, (enum top_key)k);
}

static void toggle_threads(struct tui *t)
{
	t->threads = !t->threads;
	/* the next sample reads every task/TID (live and snapshots) */
	t->lp->want.scan.threads = t->threads;
	if (t->replay || t->snapshots) {
		snprintf(t->msg, sizeof(t->msg), "threads: %s (as far as the samples hold them)",
			 t->threads ? "on" : "off");
		return;
	}
	/* live: a sample now, with or without the threads */
	if (tui_step(t) < 0)
		snprintf(t->msg, sizeof(t->msg), "threads: cannot sample");
}

static void move_cursor(struct tui *t, long d)
{
	int n = tui_header_findings(t);

	if (!t->focus_findings) {
		tui_table_move(t, d);
		return;
	}
	t->sel_finding += (int)d;
	if (t->sel_finding >= n)
		t->sel_finding = n - 1;
	if (t->sel_finding < 0)
		t->sel_finding = 0;
}

/* Keys that only change how the frame is shown. Returns true when ch was one. */
static bool view_key(struct tui *t, int ch)
{
	long page = LINES - t->table_y - 1 > 1 ? LINES - t->table_y - 1 : 1;

	switch (ch) {
	case 'P': sort_by(t, K_CPU); break;
	case 'M': sort_by(t, K_MEM); break;
	case 'T': if (t->replay) return false; sort_by(t, K_TIME); break;
	case 'N': sort_by(t, K_PID); break;
	case '<': sort_move(t, -1); break;
	case '>': sort_move(t, 1); break;
	case 'R': t->ascending = !t->ascending; break;
	case KEY_F(6): tui_dialog_sort(t); break;
	case 'f': tui_dialog_fields(t); break;
	case '/': tui_dialog_filter(t); break;
	case 'u': tui_dialog_user(t); break;
	case 't': if (t->replay) return false; t->tree = !t->tree; break;
	case KEY_F(5): t->tree = !t->tree; break;
	case 'H': toggle_threads(t); break;
	case '1': t->percpu = !t->percpu; break;
	case '\t':
		t->focus_findings = !t->focus_findings && tui_header_findings(t) > 0;
		break;
	case KEY_DOWN: move_cursor(t, 1); break;
	case KEY_UP: move_cursor(t, -1); break;
	case KEY_NPAGE: move_cursor(t, page); break;
	case KEY_PPAGE: move_cursor(t, -page); break;
	case KEY_HOME: move_cursor(t, -(long)t->fr.n - 1000); break;
	case KEY_END: move_cursor(t, (long)t->fr.n + 1000); break;
	default: return false;
	}
	return true;
}

bool tui_key(struct tui *t, int ch)
{
	if (view_key(t, ch)) {
		if (t->have_frame && tui_frame_refresh(t))
			snprintf(t->msg, sizeof(t->msg), "out of memory");
		return true;
	}
	switch (ch) {
	case 'q': return false;
	case 'h': case '?': tui_pager_help(t); break;
	case 'k': case KEY_F(9): tui_dialog_signal(t); break;
	case 'r': tui_dialog_renice(t); break;
	case '\n': case '\r': case KEY_ENTER:
		if (t->focus_findings)
			tui_pager_finding(t);
		else
			tui_pager_process(t);
		break;
	case 't': case KEY_LEFT: if (t->replay) tui_replay_back(t); break;
	case 'T': case KEY_RIGHT:
		if (t->replay && tui_step(t) == 1)
			snprintf(t->msg, sizeof(t->msg), "the end of the recording");
		break;
	case 'g': if (t->replay) tui_replay_jump(t); break;
	case ' ': if (!t->replay) tui_step(t); break;
	default: break;
	}
	return true;
}
