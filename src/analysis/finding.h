/* Findings: what triage concluded, with its evidence, ranked.
 *
 * A finding is made by one rule (analysis/rules.h) about one resource. Its
 * text fields hold untrusted bytes (process names, paths): views escape them. */
#ifndef TRIAGE_ANALYSIS_FINDING_H
#define TRIAGE_ANALYSIS_FINDING_H

#include <stdarg.h>

#include "analysis/rules.h"

enum severity {
	SEV_INFO,
	SEV_WARNING,
	SEV_CRITICAL,
};

#define FINDING_MAX_EVIDENCE 8
#define FINDING_MAX_NEXT 6

struct finding {
	enum rule_id rule;
	enum severity sev;
	double impact;			/* ranks findings of equal severity: value / threshold */
	char resource[160];		/* "cpu", "disk:sda", "fs:/var", "tcp:8080", "cgroup:/x" */
	char summary[256];		/* one line */
	char evidence[FINDING_MAX_EVIDENCE][256];	/* numbers and where they came from */
	int nevidence;
	char next[FINDING_MAX_NEXT][160];	/* commands: triage first, classic tools second */
	int nnext;
	int pid;			/* the process it names, 0 none */
	char comm[64];
	/* Over a recorded window (analysis/episodes.h): when it was true, from
	 * the start of the first slice that found it to the end of the last
	 * one in a row; 0 for a live report. */
	long long when_from, when_to;	/* seconds since the epoch */
	int nslices;			/* slices in a row that found it */
	int slice_last;			/* the last of them (merging) */
};

struct findings {
	struct finding *v;
	int n, cap;
};

/* Start a finding of rule r (copies the rule's next commands). Returns NULL
 * on ENOMEM. The resource and summary are printf formats. */
struct finding *findings_add(struct findings *fs, enum rule_id r, enum severity sev,
			     double impact, const char *resource_fmt, ...)
	__attribute__((format(printf, 5, 6)));
void finding_summary(struct finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Add one evidence line; extra lines beyond FINDING_MAX_EVIDENCE are dropped. */
void finding_evidence(struct finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Put a command first in next[] (e.g. "triage pid 1234"). */
void finding_next_first(struct finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void finding_name_proc(struct finding *f, int pid, const char *comm);
/* Put pid for the word PID in the next commands ("triage pid PID"). */
void finding_next_pid(struct finding *f, int pid);

/* Sort: severity (critical first), then impact, then rule order. */
void findings_rank(struct findings *fs);
/* Highest severity present, or -1 when there is no finding. */
int findings_worst(const struct findings *fs);
void findings_free(struct findings *fs);

const char *severity_name(enum severity s);

#endif
