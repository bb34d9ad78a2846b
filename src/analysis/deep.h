/* `triage --deep`: after the rules ran, BPF probes the findings call for
 * (runqlat for cpu.saturated, biolatency for disk.*, off-CPU stacks for
 * latency with idle CPUs) run for a few seconds and their summary is added
 * to the findings' evidence.
 *
 * Analysis does no I/O: this half says which probes the findings call for
 * (deep_plan) and turns their results into evidence (deep_apply). The
 * probes themselves run in cmd/triage_deep.c, which hands the results over
 * as data. */
#ifndef TRIAGE_ANALYSIS_DEEP_H
#define TRIAGE_ANALYSIS_DEEP_H

#include <stdbool.h>

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "bpf/log2_hist.h"

#define DEEP_MAX_S 3.0
#define DEEP_TOP_STACKS 3

struct deep_plan {
	double secs;		/* how long each probe runs */
	bool runqlat;		/* cpu.saturated: run-queue latency */
	bool biolatency;	/* disk.*: block I/O latency per disk */
	int offcpu;		/* index in fs of the finding that wants off-CPU stacks, -1 none */
};

/* What the probes found; a probe that could not run has its err set. */
struct deep_results {
	int runqlat_err;
	struct log2_hist runq;		/* all waits */
	int biolatency_err;
	const struct log2_hists *bio;	/* per disk (name) */
	int offcpu_err;
	/* the top off-CPU stacks, already symbolized: "1.90 s blocked,
	 * postgres[812]: do_nanosleep<-hrtimer_nanosleep" */
	char stacks[DEEP_TOP_STACKS][224];
	int nstacks;
};

/* Which probes fs (ranked) and o call for; seconds: the report's duration. */
void deep_plan(const struct findings *fs, const struct obs *o, double seconds, struct deep_plan *p);

/* Append the results as evidence. Returns 0 when at least one probe ran,
 * else the first probe's error (reported under unchecked, never fatal). */
int deep_apply(struct findings *fs, const struct deep_plan *p, const struct deep_results *r);

#endif
