/* The interactive `triage top` (ncurses): the header (per-CPU bars, memory,
 * load and PSI, the busiest disk and interface, the current findings of the
 * report's rules), the process table with top's and htop's keys, and the
 * replay of a recording (--from) stepped interval by interval.
 *
 * Files: tui_screen.c (terminal set-up and restore, the main loop),
 * tui_frame.c (a frame's figures from the loop's step), tui_header.c,
 * tui_table.c (the process table and tree), tui_keys.c, tui_dialog.c
 * (prompts and confirmations: signal, renice, filters, sort field),
 * tui_pager.c (help, process detail, finding detail), tui_replay.c
 * (stepping through a recording), tui_text.c (escaped, clipped cells). */
#ifndef TRIAGE_TUI_TUI_H
#define TRIAGE_TUI_TUI_H

#include <stdbool.h>

#include "cmd/top_rows.h"
#include "core/opts.h"
#include "sample/loop.h"
#include "tui/tui_term.h"

struct tui_opts {
	const char *cmd;		/* "top", for messages */
	const struct common_opts *co;	/* --from/--to/--store: reopened to step back */
	double delay;			/* -d seconds between refreshes (live) */
	long frames;			/* -n: quit after this many refreshes; -1 never */
	enum top_key key;		/* -o */
	bool ascending;
	const char *user;		/* -u USER (name or uid), NULL all */
	bool color;			/* colours allowed (no NO_COLOR, --no-color) */
};

/* Add what the header needs (the report's host files, disks, links) to w. */
void tui_want(struct sample_want *w);

/* Run the interactive top on lp (opened with tui_want's parts; its hooks
 * set). The terminal is restored however it ends (q, SIGINT, SIGTERM,
 * SIGHUP, a lost terminal). Returns 0, or -errno after printing why (after
 * the terminal is restored): a bad -u user (-ESRCH), a failed sample. */
int tui_top(struct sample_loop *lp, const struct tui_opts *o);

#endif
