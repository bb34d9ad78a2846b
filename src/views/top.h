/* top -b's frame as procps-ng 4.0 prints it: the five summary lines, a blank
 * line, the column header and one line per task; and its JSON (one document
 * per frame: {"time", "uptime_s", "users", "load", "tasks", "cpu", "mem",
 * "source", "processes": [...]}).
 *
 * Column formats (procps top.c): PID as wide as pid_max's digits (at least
 * 5), USER 8 left-justified, PR NI 3, VIRT 7, RES SHR 6 (KiB, scaled to m/g/t
 * with one decimal when too wide), S 1, %CPU %MEM 5 with one decimal, TIME+ 9
 * as minutes:seconds.hundredths, COMMAND up to the line width; a text too
 * wide for its column ends with '+'. */
#ifndef TRIAGE_VIEWS_TOP_H
#define TRIAGE_VIEWS_TOP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "core/json.h"
#include "model/pid.h"

struct top_summary {
	time_t now;
	long exited;		/* processes that ended in the frame; -1 not known */
	double up_s;
	int users;
	double load[3];
	unsigned total, running, sleeping, stopped, zombie;
	bool have_cpu;		/* %Cpu(s) percentages over the frame */
	double us, sy, ni, id, wa, hi, si, st;
	bool have_mem;		/* MiB figures */
	double mem_total, mem_free, mem_used, mem_buff_cache;
	double swap_total, swap_free, swap_used, mem_avail;
	const char *source;	/* where the process figures came from: "proc", "bpf" */
};

struct top_line {
	const struct pid_row *m;
	bool exited;		/* a process that ended in the frame (a recording's,
				 * model/exited.h): state X, its CPU until its exit */
	const char *user;	/* name, or the uid as text */
	uint64_t virt_kb, res_kb, shr_kb;
};

struct top_layout {
	int width;		/* line width: 80, $COLUMNS, -w */
	int pid_width;		/* digits of pid_max, at least 5 */
};

void top_print_summary(FILE *f, const struct top_summary *s);
void top_print_header(FILE *f, const struct top_layout *lay);
void top_print_line(FILE *f, const struct top_layout *lay, const struct top_line *l);

/* TIME+ text of centiseconds into out, fitting width (procps scale_tics). */
void top_fmt_time(char *out, size_t size, uint64_t cs, int width);
/* A KiB figure fitting width (procps scale_mem). */
void top_fmt_mem(char *out, size_t size, uint64_t kb, int width);

/* One frame as an object at j's current place: the element of the bounded
 * document's "frames" array, or a JSON Lines line of its own (a stream). */
void top_json_frame_begin(struct json *j, const struct top_summary *s);
void top_json_task(struct json *j, const struct top_line *l);
void top_json_frame_end(struct json *j);

#endif
