/* The interactive top's terminal and main loop: ncurses on stdin/stdout
 * (newterm, so an unusable TERM is an error to fall back from, not an
 * exit), colours only when allowed (NO_COLOR, --no-color, a terminal
 * without them), SIGWINCH through ncurses (KEY_RESIZE). SIGINT, SIGTERM,
 * SIGHUP and SIGQUIT only set a flag, and a hang-up on stdin is seen by
 * poll: every way out goes through endwin(), so the terminal is restored. */
#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/sampler.h"
#include "sources/pid_max.h"
#include "tui/tui_priv.h"

#define TUI_PRIME_S 0.2		/* the second frame (the first with an interval) comes this soon */
#define TUI_TICK_MS 250		/* keys and signals are looked at at least this often */

/* Set from the signal handlers, read by the loop. */
static volatile sig_atomic_t tui_stop;

static void on_stop(int sig)
{
	(void)sig;
	tui_stop = 1;
}

bool tui_stopping(void)
{
	/* re-opening a recording installs the loop's handlers (SIGINT, SIGTERM) */
	return tui_stop != 0 || sampler_interrupted();
}

void tui_want(struct sample_want *w)
{
	top_findings_want(w);
	w->parts |= SAMPLE_BIT(PASSWD) | SAMPLE_BIT(STAT) | SAMPLE_BIT(MEMINFO) | SAMPLE_BIT(LOADAVG);
	w->procs = true;
}

static void signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: a wait returns at once */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
}

static void colors(struct tui *t)
{
	if (!t->color || !has_colors() || start_color() == ERR) {
		t->color = false;
		return;
	}
	use_default_colors();
	init_pair(TC_USER, COLOR_GREEN, -1);
	init_pair(TC_SYS, COLOR_RED, -1);
	init_pair(TC_WAIT, COLOR_BLUE, -1);
	init_pair(TC_STEAL, COLOR_MAGENTA, -1);
	init_pair(TC_CRIT, COLOR_RED, -1);
	init_pair(TC_WARN, COLOR_YELLOW, -1);
	init_pair(TC_HEAD, COLOR_BLACK, COLOR_GREEN);
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The terminal went away (its pty closed): poll says so on stdin. */
static bool lost(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

static void status_line(const struct tui *t)
{
	char line[512];

	if (t->msg[0]) {
		attron(A_BOLD);
		tui_put_plain(LINES - 1, 0, t->msg, COLS);
		attroff(A_BOLD);
		return;
	}
	snprintf(line, sizeof(line), "sort %s%s%s%.40s%s%.40s%s%s  h help  q quit%s", top_key_name(t->key),
		 t->ascending ? " (low first)" : "", t->name_filter[0] ? "  filter " : "", t->name_filter,
		 t->user_text[0] ? "  user " : "", t->user_text, t->tree ? "  tree" : "", t->threads ? "  threads" : "",
		 t->replay ? "  t/T step  g jump" : "");
	tui_put(LINES - 1, 0, line, COLS);
}

void tui_draw(struct tui *t)
{
	erase();
	if (t->have_frame)
		tui_table_draw(t, tui_header_draw(t));
	else
		tui_put_plain(0, 0, "triage top: no sample yet", COLS);
	status_line(t);
	refresh();
}

/* The live (or snapshot) refresh and the keys, until q or a signal. */
static int loop(struct tui *t)
{
	int64_t next = now_ns() + (int64_t)((t->delay < TUI_PRIME_S ? t->delay : TUI_PRIME_S) * 1e9);
	bool dirty = true, ended = t->replay;
	long frames = 1;	/* the first one is drawn */
	int err = 0;

	for (;;) {
		int64_t now;
		int ch, ms;

		if (tui_stopping() || lost() || (t->o->frames > 0 && frames >= t->o->frames))
			break;
		now = now_ns();
		if (!ended && now >= next) {
			err = tui_step(t);
			if (err < 0)
				break;
			if (err == 1) {
				ended = true;
				snprintf(t->msg, sizeof(t->msg), "the last snapshot");
			}
			err = 0;
			frames++;
			next += (int64_t)(t->delay * 1e9);
			if (next < now)
				next = now + (int64_t)(t->delay * 1e9);
			dirty = true;
		}
		if (dirty)
			tui_draw(t);
		dirty = false;
		ms = ended ? TUI_TICK_MS : (int)((next - now) / 1000000);
		timeout(ms < 0 ? 0 : ms > TUI_TICK_MS ? TUI_TICK_MS : ms);
		ch = getch();
		if (ch == ERR)
			continue;
		t->msg[0] = '\0';
		if (!tui_key(t, ch))
			break;
		dirty = true;
	}
	return err;
}

static void setup(struct tui *t, const struct tui_opts *o, struct sample_loop *lp)
{
	const struct root *r = sample_loop_root(lp);
	long pid_max = 4194304;

	t->o = o;
	t->lp = lp;
	t->co = *o->co;
	t->want = lp->want;
	t->replay = lp->feed.next != NULL;
	t->snapshots = !t->replay && sample_loop_replay(lp);
	t->key = o->key;
	t->ascending = o->ascending;
	t->delay = o->delay;
	t->color = o->color;
	t->percpu = true;
	if (r)
		pid_max_read(r, &pid_max);
	t->pid_width = 5;
	for (long m = pid_max, d = 0; m > 0; m /= 10)
		if (++d > t->pid_width)
			t->pid_width = (int)d;
	lp->interval = 0;	/* the loop here keeps the time */
	lp->first_interval = 0;
	lp->max = -1;
}

/* The first frame: one sample (live), two (a recording: an interval).
 * Taken before the terminal is set up, so that an error prints plainly. */
static int first(struct tui *t)
{
	int err = tui_step(t);

	if (!err && t->replay)
		err = tui_step(t);
	if (err == 1 && t->have_frame)
		err = 0;
	if (err == 1) {
		err_msg(t->o->cmd, "no sample to show");
		return -ENODATA;
	}
	if (err)
		return err;
	if (t->lp->want.scan.npids && t->fr.newer->procs.nprocs == 0) {
		err_msg(t->o->cmd, "no process with PID %d", t->lp->want.scan.pids[0]);
		return -ESRCH;
	}
	if (t->o->user && !tui_user_set(t, t->o->user)) {
		err_msg(t->o->cmd, "invalid user '%s'", t->o->user);
		return -ESRCH;
	}
	return t->o->user ? tui_frame_refresh(t) : 0;
}

int tui_top(struct sample_loop *lp, const struct tui_opts *o)
{
	struct tui *t = calloc(1, sizeof(*t));
	SCREEN *scr;
	int err;

	if (!t)
		return -ENOMEM;
	setup(t, o, lp);
	setlocale(LC_CTYPE, "");	/* UTF-8 names; numbers stay in the C locale */
	signals();
	err = first(t);
	scr = err ? NULL : newterm(NULL, stdout, stdin);
	if (!scr) {
		if (!err) {
			err_msg(o->cmd, "cannot use the terminal (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
			err = -ENOTTY;
		}
		goto out;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	colors(t);
	tui_draw(t);
	err = loop(t);
	endwin();
	delscreen(scr);
out:
	if (err == -ENOMEM)
		err_errno(o->cmd, err, "out of memory");
	tui_frame_free(&t->fr);
	passwd_free(&t->users);
	free(t->times);
	free(t);
	return err;
}
