/* triage pid: the one-process report, text and JSON. */
#ifndef TRIAGE_VIEWS_PID_H
#define TRIAGE_VIEWS_PID_H

#include <stdio.h>
#include <time.h>

#include "core/json.h"
#include "analysis/rules_proc.h"
#include "model/pidinfo.h"

struct pid_report {
	int pid;
	const struct pid_snap *snap;	/* the last sample */
	const struct pidinfo *m;
	time_t start;			/* wall clock of the start; 0 unknown */
	const char *cmdline;		/* joined; may be "" */
	const struct proc_verdicts *verdicts;	/* analysis/rules_proc.h */
};

/* Shared by the text and JSON halves. */
extern const char *const pid_fd_type_names[FD__TYPES];
const char *pid_state_name(char state);
const char *pid_unavailable_reason(int err);
/* One verdict as a sentence: what the numbers say and the usual cause. */
void pid_verdict_text(FILE *f, const struct pid_report *r, const struct proc_verdict *v);

void pid_print(FILE *f, const struct pid_report *r);
void pid_print_json(struct json *j, const struct pid_report *r);

#endif
