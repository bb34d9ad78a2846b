/* The past diagnosed: a recorded window is judged slice by slice (the report
 * over each minute, say), and the findings of consecutive slices about the
 * same rule and resource merge into one episode: true from the start of its
 * first slice to the end of its last, with the evidence of its worst slice.
 * A finding that stops and starts again is two episodes. Pure: no I/O. */
#ifndef TRIAGE_ANALYSIS_EPISODES_H
#define TRIAGE_ANALYSIS_EPISODES_H

#include "analysis/finding.h"

/* Merge slice number k's findings (covering [from, to], seconds since the
 * epoch) into all. Slices come in order, k = 0, 1, 2 ... Returns 0 or
 * -ENOMEM. */
int episodes_merge(struct findings *all, const struct findings *slice, int k, long long from,
		   long long to);

/* Findings judged over the whole window (slow leaks that no slice is long
 * enough to see): each true from..to, over all nslices, unless a slice
 * already found the same rule and resource. Returns 0 or -ENOMEM. */
int episodes_add_window(struct findings *all, const struct findings *window, int nslices, long long from,
			long long to);

#endif
