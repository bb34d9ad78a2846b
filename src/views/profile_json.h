/* triage profile --format json: the folded stacks as arrays of frames. */
#ifndef TRIAGE_VIEWS_PROFILE_JSON_H
#define TRIAGE_VIEWS_PROFILE_JSON_H

#include <stdint.h>
#include <stdio.h>

#include "model/stacks.h"

struct profile_summary {
	uint64_t samples;	/* samples taken (or read from folded text) */
	uint64_t lost;		/* lost by the kernel (ring full) */
	double depth1_pct;	/* user stacks of one frame, % (NAN: unknown) */
	unsigned freq;		/* -F, 0 when from folded text */
};

/* {"samples", "lost", "dropped", "distinct_stacks", "stacks": [{"frames": [...], "count"}]} */
int profile_json_write(FILE *f, const struct stacks *s, const struct profile_summary *sum);

#endif
