/* The hook for `triage --deep` (issue 6): after the rules ran, run the BPF
 * probes the findings call for (runqlat for cpu.saturated, biolatency for
 * disk.*, offcputime for latency with idle CPUs) for a few seconds and append
 * their summary to the findings' evidence with finding_evidence().
 *
 * deep.c (the BPF half, issue 6) implements it; a deep_run that cannot
 * probe returns -errno (-ENOSYS: no probes built in) and the report lists
 * "deep probes" under unchecked with the reason. */
#ifndef TRIAGE_ANALYSIS_DEEP_H
#define TRIAGE_ANALYSIS_DEEP_H

#include "analysis/finding.h"
#include "analysis/obs.h"

/* fs: the ranked findings (evidence may be appended, findings added);
 * o: the window's observations; seconds: how long probes may run.
 * Returns 0 or -errno (reported under unchecked, never fatal). */
int deep_run(struct findings *fs, const struct obs *o, double seconds);

#endif
