/* pidstat's tables as sysstat 12.6 prints them, and their JSON.
 *
 * Text: a banner, then per interval and activity a blank line, a header line
 * starting with the previous sample's time and one line per task starting
 * with the current sample's time; "Average:" tables at the end. Unknown
 * values (NAN) print as "-". JSON: see pidstat_json_open. */
#ifndef TRIAGE_VIEWS_PIDSTAT_H
#define TRIAGE_VIEWS_PIDSTAT_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "core/json.h"
#include "model/pid.h"
#include "views/sysstat_banner.h"

/* In the order sysstat 12.6 prints the tables (write_stats_core). */
enum pidstat_act {
	PIDSTAT_CPU,	/* -u (-T TASK) */
	PIDSTAT_CHILD,	/* -u -T CHILD: usr-ms system-ms guest-ms */
	PIDSTAT_MEM,	/* -r */
	PIDSTAT_CHILD_MEM,	/* -r -T CHILD: minflt-nr majflt-nr */
	PIDSTAT_STACK,	/* -s */
	PIDSTAT_IO,	/* -d */
	PIDSTAT_CTXSW,	/* -w */
	PIDSTAT_KTAB,	/* -v */
	PIDSTAT_RT,	/* -R: prio policy */
	PIDSTAT__N
};

/* How the lines look: -t's TGID/TID, -U's USER instead of UID, -I's %CPU
 * over the CPUs, --human (sizes 2.5M, percentages 0.1%), --dec. */
struct pidstat_cols {
	bool threads;
	bool user;
	bool smp;		/* -I */
	bool human;		/* --human */
	int dec;		/* --dec: decimals of rates and percentages (2) */
};

/* "Linux 6.1.0 (host) \t11/21/26 \t_x86_64_\t(2 CPU)" */
struct pidstat_banner {
	const char *sysname, *release, *nodename, *machine;
	time_t now;
	int ncpus;
};

/* One task line. */
struct pidstat_line {
	const struct pid_row *m;	/* figures (model/pid.h) */
	uid_t uid;
	const char *user;		/* -U: the name of uid, NULL when unknown */
	int pid, tid;			/* tid > 0: a thread row (-t) */
	const char *cmd;		/* comm or, with -l, the command line */
	bool avg;			/* Average line: CPU column is "-" */
	bool exited;			/* a process that ended in the interval (a
					 * recording's, model/exited.h): its Command in
					 * angle brackets as atop marks them ("<name>"),
					 * JSON "exited": true; what its exit record does
					 * not hold prints as "-" (null) */
};

/* Whether an ended process's record has the figures of act: -u, -r, -d
 * and -w (bpf/exitstat.h: times, faults, I/O bytes, switches); not the
 * children's times, stack, descriptors or real-time policy. pidstat lists
 * ended processes in these tables only. */
bool pidstat_act_at_exit(enum pidstat_act act);

void pidstat_print_banner(FILE *f, const struct pidstat_banner *b);
/* ts: "05:36:20" or "Average:". */
void pidstat_print_header(FILE *f, const char *ts, enum pidstat_act act,
			  const struct pidstat_cols *c);
void pidstat_print_line(FILE *f, const char *ts, enum pidstat_act act,
			const struct pidstat_cols *c, const struct pidstat_line *l);
/* -h: one header ("# Time" and every activity's columns) and one line per
 * task with the activities acts[] asks, in the tables' order. */
void pidstat_print_header_h(FILE *f, const bool acts[PIDSTAT__N], const struct pidstat_cols *c);
void pidstat_print_line_h(FILE *f, const char *ts, const bool acts[PIDSTAT__N],
			  const struct pidstat_cols *c, const struct pidstat_line *l);

/* JSON. A bounded run is one document: {"command": "pidstat", "sysname",
 * "release", "nodename", "machine", "number_of_cpus", "date", "statistics":
 * [ {"time", "interval_s", "tasks": [...]} ... ], "average": {"time",
 * "interval_s", "tasks": [...]}} (no "average" without an interval). A
 * stream (an interval without a count) is JSON Lines: one compact
 * {"time", "interval_s", "average", "tasks"} per interval, flushed. */
void pidstat_json_open(struct json *j, FILE *f, const struct sysstat_banner *b);
void pidstat_json_close(struct json *j);
/* One interval or the average: an element of the document, or (stream) a
 * line of its own on f. */
void pidstat_json_begin(struct json *j, FILE *f, bool stream, time_t t, double interval_s,
			bool avg);
/* "user" (a string or null) is written when cols->user. */
void pidstat_json_task(struct json *j, const struct pidstat_line *l,
		       const bool acts[PIDSTAT__N], const struct pidstat_cols *c);
void pidstat_json_end(struct json *j);

#endif
