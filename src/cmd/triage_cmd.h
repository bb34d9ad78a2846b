/* Private to cmd/triage*.c: the report's options and the printing shared
 * by the live report and the replay of a recorded window. */
#ifndef TRIAGE_CMD_TRIAGE_CMD_H
#define TRIAGE_CMD_TRIAGE_CMD_H

#include <stdbool.h>
#include <time.h>

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "core/opts.h"
#include "sample/loop.h"

enum {
	OPT_PID = OPT_COMMON__END,
	OPT_RULES,
	OPT_DEEP,
	OPT_SLICE,
	OPT_FORMAT,
	OPT_WINDOW,
	OPT_FOR,
};

enum {
	TRIAGE_OK = 0,
	TRIAGE_WARNING = 1,
	TRIAGE_CRITICAL = 2,
	TRIAGE_CANNOT_RUN = 3,
};

struct triage_opts {
	struct common_opts co;
	double duration, interval;	/* seconds */
	bool interval_set;		/* -i given (replay: a coarser step) */
	long pid;			/* --pid, 0 none */
	bool rules;			/* --rules: print the rule table */
	bool rules_prom;		/* --format prometheus (else markdown) */
	double rules_window, rules_for;	/* --window, --for of the Prometheus rules (s) */
	bool deep;			/* --deep: BPF probes for the findings */
	double slice;			/* --slice: a recorded window is judged per this many s */
};

/* Print the report of o with findings fs (ranked); returns the exit status. */
int triage_show(const struct obs *o, const struct findings *fs, const struct triage_opts *t,
		bool replay, int slices, double slice_s, time_t from, time_t to);

/* --deep: run the probes the findings call for (cmd/triage_deep.c) and add
 * their results to fs. Returns 0 or -errno (-ENOSYS: none built in). */
int triage_deep(struct findings *fs, const struct obs *o, double seconds);

/* A recorded window (--from): judged slice by slice, the findings merged
 * into episodes with their times (analysis/episodes.h). Returns the exit
 * status. */
int triage_replay(struct sample_loop *lp, const struct triage_opts *t);

#endif
