/* The interactive top's questions, on the status line: a signal to send
 * (its name or number, then a confirmation), a nice value, the sort field,
 * a name filter, a user. The samples wait while a question is open. */
#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>

#include "core/escape.h"
#include "core/opts.h"
#include "tui/tui_priv.h"

static void status(const struct tui *t, const char *text)
{
	(void)t;
	move(LINES - 1, 0);
	clrtoeol();
	attron(A_BOLD);
	tui_put_plain(LINES - 1, 0, text, COLS);
	attroff(A_BOLD);
}

bool tui_prompt(struct tui *t, const char *question, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	curs_set(1);
	for (;;) {
		char line[512];
		int ch;

		snprintf(line, sizeof(line), "%s%s", question, buf);
		status(t, line);
		refresh();
		ch = getch();
		if (tui_stopping()) {
			curs_set(0);
			return false;
		}
		if (ch == ERR || ch == KEY_RESIZE)
			continue;
		if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
			break;
		if (ch == 27) {
			curs_set(0);
			return false;
		}
		if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && n > 0)
			buf[--n] = '\0';
		else if (ch >= 0x20 && ch < 0x7f && n + 1 < size) {
			buf[n++] = (char)ch;
			buf[n] = '\0';
		}
	}
	curs_set(0);
	return true;
}

bool tui_confirm(struct tui *t, const char *question)
{
	for (;;) {
		int ch;

		status(t, question);
		refresh();
		ch = getch();
		if (tui_stopping())
			return false;
		if (ch == ERR || ch == KEY_RESIZE)
			continue;
		return ch == 'y' || ch == 'Y';
	}
}

/* A signal's number from "15", "TERM" or "SIGTERM"; 0 unknown. */
static int signal_parse(const char *s)
{
	long v;

	if (!*s)
		return SIGTERM;
	if (opt_parse_long(s, 1, 64, &v) == 0)
		return (int)v;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (int i = 1; i < NSIG; i++) {
		const char *abbrev = sigabbrev_np(i);
		if (abbrev && strcasecmp(s, abbrev) == 0)
			return i;
	}
	return 0;
}

/* The selected task, or NULL with a message (replay: nothing to act on). */
static const struct top_line *target(struct tui *t, const char *what)
{
	const struct top_line *l = tui_table_selected(t);
	const struct root *r = sample_loop_root(t->lp);

	if (t->replay || !r || !r->live) {
		snprintf(t->msg, sizeof(t->msg), "%s: the processes shown are not this system's (a recording or a snapshot)",
			 what);
		return NULL;
	}
	if (!l)
		snprintf(t->msg, sizeof(t->msg), "%s: no process selected", what);
	return l;
}

static int target_id(const struct top_line *l)
{
	return l->m->cur->tid ? l->m->cur->tid : l->m->cur->pid;
}

void tui_dialog_signal(struct tui *t)
{
	const struct top_line *l = target(t, "kill");
	char q[256], ans[32], name[64], esc[96];
	int sig, pid;

	if (!l)
		return;
	pid = target_id(l);
	snprintf(name, sizeof(name), "%s", l->m->cur->stat.comm);
	snprintf(q, sizeof(q), "Send which signal to PID %d? [TERM] ", pid);
	if (!tui_prompt(t, q, ans, sizeof(ans)))
		return;
	sig = signal_parse(ans);
	if (!sig) {
		snprintf(t->msg, sizeof(t->msg), "kill: unknown signal '%.32s'", ans);
		return;
	}
	/* the name is untrusted: only its escaped form is shown */
	esc_term(esc, sizeof(esc), name, strlen(name));
	snprintf(q, sizeof(q), "Send SIG%s (%d) to PID %d (%s)? [y/N] ", sigabbrev_np(sig) ? sigabbrev_np(sig) : "?",
		 sig, pid, esc);
	if (!tui_confirm(t, q)) {
		snprintf(t->msg, sizeof(t->msg), "kill: not sent");
		return;
	}
	if (kill(pid, sig) != 0)
		snprintf(t->msg, sizeof(t->msg), "kill %d: %s", pid, strerror(errno));
	else
		snprintf(t->msg, sizeof(t->msg), "sent SIG%s to PID %d", sigabbrev_np(sig) ? sigabbrev_np(sig) : "?",
			 pid);
}

void tui_dialog_renice(struct tui *t)
{
	const struct top_line *l = target(t, "renice");
	char q[128], ans[16];
	long v;
	int pid;

	if (!l)
		return;
	pid = target_id(l);
	snprintf(q, sizeof(q), "Renice PID %d to value (-20..19): ", pid);
	if (!tui_prompt(t, q, ans, sizeof(ans)) || !ans[0])
		return;
	if (opt_parse_long(ans, -20, 19, &v)) {
		snprintf(t->msg, sizeof(t->msg), "renice: '%.15s' is not a nice value (-20..19)", ans);
		return;
	}
	if (setpriority(PRIO_PROCESS, (id_t)pid, (int)v) != 0)
		snprintf(t->msg, sizeof(t->msg), "renice %d: %s", pid, strerror(errno));
	else
		snprintf(t->msg, sizeof(t->msg), "PID %d: nice %ld", pid, v);
}

/* The field list on the status line: the cursor at cur, hidden ones in
 * brackets. */
static void field_line(const struct tui *t, const char *what, int cur)
{
	int x;

	move(LINES - 1, 0);
	clrtoeol();
	x = tui_put_plain(LINES - 1, 0, what, COLS);
	for (int k = 0; k < K__COUNT; k++) {
		char cell[32];

		snprintf(cell, sizeof(cell), t->hidden[k] ? " [%s]" : " %s", top_key_name((enum top_key)k));
		if (k == cur)
			attron(A_REVERSE);
		x += tui_put_plain(LINES - 1, x, cell, COLS - x);
		if (k == cur)
			attroff(A_REVERSE);
	}
	refresh();
}

/* F6 (sort only) and f (also which columns show: space). */
static void fields(struct tui *t, bool toggle)
{
	int cur = (int)t->key;

	for (;;) {
		int ch;

		field_line(t, toggle ? "Fields (left/right, space shows/hides, Enter sorts, Esc):"
				     : "Sort by (left/right, Enter; Esc):", cur);
		ch = getch();
		if (tui_stopping() || ch == 27 || ch == 'q')
			return;
		if (ch == KEY_LEFT || ch == '<' || ch == KEY_UP)
			cur = cur > 0 ? cur - 1 : cur;
		else if (ch == KEY_RIGHT || ch == '>' || ch == KEY_DOWN)
			cur = cur + 1 < K__COUNT ? cur + 1 : cur;
		else if (toggle && ch == ' ' && cur != K_CMD)
			t->hidden[cur] = !t->hidden[cur];
		else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
			t->key = (enum top_key)cur;
			t->ascending = t->key == K_USER || t->key == K_CMD;
			return;
		}
	}
}

void tui_dialog_sort(struct tui *t)
{
	fields(t, false);
}

void tui_dialog_fields(struct tui *t)
{
	fields(t, true);
}

void tui_dialog_filter(struct tui *t)
{
	char buf[sizeof(t->name_filter)];

	if (!tui_prompt(t, "Filter by name (empty: all): ", buf, sizeof(buf)))
		return;
	snprintf(t->name_filter, sizeof(t->name_filter), "%s", buf);
}

bool tui_user_set(struct tui *t, const char *text)
{
	uid_t uid;
	long v;

	if (!text || !*text) {
		t->filter.by_uid = false;
		t->user_text[0] = '\0';
		return true;
	}
	if (t->have_users && passwd_uid(&t->users, text, &uid) == 0) {
		t->filter.uid = uid;
	} else if (opt_parse_long(text, 0, 0x7fffffff, &v) == 0) {
		t->filter.uid = (uid_t)v;
	} else {
		snprintf(t->msg, sizeof(t->msg), "invalid user '%.40s'", text);
		return false;
	}
	t->filter.by_uid = true;
	snprintf(t->user_text, sizeof(t->user_text), "%s", text);
	return true;
}

void tui_dialog_user(struct tui *t)
{
	char buf[64];

	if (!tui_prompt(t, "Show the processes of user (empty: all): ", buf, sizeof(buf)))
		return;
	tui_user_set(t, buf);
}
