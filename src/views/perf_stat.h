/* triage stat's text (perf stat's layout) and JSON output. */
#ifndef TRIAGE_VIEWS_PERF_STAT_H
#define TRIAGE_VIEWS_PERF_STAT_H

#include <stdio.h>

#include "model/perf_stat.h"

struct perf_stat_report {
	const struct perf_stat_model *m;
	const char *target;	/* "system wide", "process 123,456", or the command line */
	int is_command;		/* target is a command: quoted, user/sys shown */
	double user_s, sys_s;	/* the command's rusage, NAN when not a command */
};

/* Each state's text (perf's "<not counted>" ...) and JSON word, and each
 * verdict's JSON word (tests/unit/test_tables.c checks every row). */
extern const char *const perf_stat_state_text[PSTAT_GONE + 1];
extern const char *const perf_stat_state_json[PSTAT_GONE + 1];
extern const char *const perf_stat_verdict_json[PVERD_OFF_CPU + 1];

void perf_stat_print(FILE *f, const struct perf_stat_report *r);
void perf_stat_print_json(FILE *f, const struct perf_stat_report *r);

#endif
