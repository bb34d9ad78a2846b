/* uptime's one line, as procps-ng prints it, and its JSON. */
#ifndef TRIAGE_VIEWS_UPTIME_H
#define TRIAGE_VIEWS_UPTIME_H

#include <stdio.h>
#include <time.h>

struct uptime_report {
	time_t now;		/* wall clock, local time is printed */
	double up_s;		/* seconds since boot */
	int users;		/* logged-in users (utmp) */
	double load[3];		/* 1, 5, 15 minute load averages */
	unsigned running, tasks;	/* from /proc/loadavg */
};

/* " 05:23:47 up 4 min,  0 user,  load average: 0.01, 0.02, 0.00" */
void uptime_print(FILE *f, const struct uptime_report *u);
/* "up 1 week, 2 days, 3 hours, 4 minutes" (uptime -p) */
void uptime_print_pretty(FILE *f, const struct uptime_report *u);
/* "2026-11-21 05:19:47" (uptime -s) */
void uptime_print_since(FILE *f, const struct uptime_report *u);
void uptime_print_json(FILE *f, const struct uptime_report *u);

#endif
