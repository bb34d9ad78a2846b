/* /proc/loadavg: "0.01 0.02 0.00 1/77 2455". */
#ifndef TRIAGE_SOURCES_PROC_LOADAVG_H
#define TRIAGE_SOURCES_PROC_LOADAVG_H

#include <stddef.h>

#include "core/root.h"

struct proc_loadavg {
	double load[3];		/* (1-3) 1, 5 and 15 minute load averages */
	unsigned running;	/* (4) runnable tasks (nr_running), before the slash */
	unsigned tasks;		/* (4) all tasks (nr_threads), after the slash */
	unsigned last_pid;	/* (5) most recently allocated PID */
};

int proc_loadavg_parse(const char *buf, size_t len, struct proc_loadavg *out);
int proc_loadavg_read(const struct root *r, struct proc_loadavg *out);

#endif
