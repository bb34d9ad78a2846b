/* Private to src/tui/: the interactive top's state. */
#ifndef TRIAGE_TUI_TUI_PRIV_H
#define TRIAGE_TUI_TUI_PRIV_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmd/top_findings.h"
#include "cmd/top_rows.h"
#include "model/cpu.h"
#include "sample/loop.h"
#include "sources/passwd.h"
#include "tui/tui.h"

/* Colour pairs (when colours are allowed). */
enum tui_color {
	TC_NONE,
	TC_USER,	/* CPU bars: user time */
	TC_SYS,		/* system */
	TC_WAIT,	/* iowait */
	TC_STEAL,	/* steal */
	TC_CRIT,	/* a critical finding */
	TC_WARN,	/* a warning */
	TC_HEAD,	/* the table's column header */
	TC__COUNT
};

/* The figures of one step (the loop's two samples), rebuilt at every step. */
struct tui_frame {
	const struct sample *older;	/* NULL: the first sample (figures since boot) */
	const struct sample *newer;	/* owned by the loop, alive until the next step */
	struct top_rows rows;		/* filtered, sorted */
	size_t *order;			/* display order: indexes into rows.lines */
	int *depth;			/* tree depth of each shown line (0 flat) */
	size_t n;			/* lines in order */
	struct top_judged judged;	/* the report's rules over the interval */
	bool judged_ok;
	struct cpu_model cpu;		/* per-CPU percentages */
	bool cpu_ok;
	unsigned ntasks, nrunning;	/* processes, running */
};

struct tui {
	const struct tui_opts *o;
	struct sample_loop *lp;
	struct common_opts co;		/* a copy: --from moves when stepping back */
	char from_buf[48];		/* "@SECONDS.NANOSECONDS" */
	struct sample_want want;	/* what the loop was opened with */
	bool replay;			/* a recording (--from / --store) */
	bool snapshots;			/* --root snapshots: stepped forward only */
	struct pid_params params;
	long page_kb;
	struct passwd_db users;
	bool have_users;
	struct top_filter filter;
	char name_filter[64];
	char user_text[64];
	enum top_key key;
	bool ascending;
	bool tree, threads, percpu;
	bool hidden[K__COUNT];		/* f: the columns not shown */
	bool color;
	bool focus_findings;		/* Tab: the findings lines have the cursor */
	int sel_finding;
	size_t sel;			/* the selected line (display order) */
	int sel_id;			/* its task id, kept across refreshes */
	size_t first;			/* the first line on screen */
	int pid_width;
	double delay;
	struct tui_frame fr;
	bool have_frame;
	int64_t *times;			/* replay: the recorded times seen, in order */
	size_t ntimes, cap;
	size_t pos;			/* the frame's newer sample in times[] */
	bool at_end;			/* replay: no record after this one */
	char msg[256];			/* the status line's message, "" none */
	int table_y;			/* the table's first row on screen */
};

/* Set by the signal handlers (SIGINT, SIGTERM, SIGHUP): leave. */
bool tui_stopping(void);

/* tui_frame.c: the frame of the loop's step (older may be NULL). */
int tui_frame_build(struct tui *t, const struct sample *older, const struct sample *newer);
/* Re-filter and re-sort the current frame after a key changed how. */
int tui_frame_refresh(struct tui *t);
void tui_frame_free(struct tui_frame *f);
/* The first sample's settings: page size, CPUs, users. */
void tui_frame_setup(struct tui *t, const struct sample *first);

/* tui_text.c: untrusted text escaped (core/escape.h), clipped to w columns,
 * at (y, x); returns the columns written. tui_put_plain for our own text. */
int tui_put(int y, int x, const char *s, int w);
int tui_put_plain(int y, int x, const char *s, int w);
/* Turn a colour pair on/off (nothing without colours). */
void tui_color_on(const struct tui *t, enum tui_color c);
void tui_color_off(const struct tui *t, enum tui_color c);

/* tui_header.c: draw the header from row 0; returns the next free row. */
int tui_header_draw(struct tui *t);
/* The findings lines' first row and count (for the cursor), set by the draw. */
int tui_header_findings(const struct tui *t);

/* tui_table.c: the column header and the rows from row y to the status line. */
void tui_table_draw(struct tui *t, int y);
/* The selected line, or NULL when none. */
const struct top_line *tui_table_selected(const struct tui *t);
/* Move the selection by d lines (clamped). */
void tui_table_move(struct tui *t, long d);
/* The display order of the frame's lines: sorted, or as a tree. 0 or -ENOMEM. */
int tui_table_order(struct tui *t);

/* tui_keys.c: one key; returns false to quit. */
bool tui_key(struct tui *t, int ch);

/* tui_dialog.c: a line of input on the status line (Enter true, Esc false). */
bool tui_prompt(struct tui *t, const char *question, char *buf, size_t size);
/* A yes/no question: true only for y or Y. */
bool tui_confirm(struct tui *t, const char *question);
/* k/F9, r, F6 (sort), f (fields and sort), / and u. */
void tui_dialog_signal(struct tui *t);
void tui_dialog_renice(struct tui *t);
void tui_dialog_sort(struct tui *t);
void tui_dialog_fields(struct tui *t);
void tui_dialog_filter(struct tui *t);
void tui_dialog_user(struct tui *t);
/* -u or u: text to the filter's uid; false (message set) when unknown. */
bool tui_user_set(struct tui *t, const char *text);

/* tui_pager.c: a scrollable text (our own or escaped text) until q/Esc. */
void tui_pager(struct tui *t, const char *title, const char *text, size_t len);
void tui_pager_help(struct tui *t);
void tui_pager_process(struct tui *t);
void tui_pager_finding(struct tui *t);

/* tui_replay.c: the loop's next step into the frame (live or replay);
 * 0, 1 at the end of the samples, -errno. */
int tui_step(struct tui *t);
/* Replay: one interval back (t, left) or a jump to a time (g). */
void tui_replay_back(struct tui *t);
void tui_replay_jump(struct tui *t);

/* tui_screen.c: draw everything. */
void tui_draw(struct tui *t);

#endif
