/* Folded stacks as a pprof profile (perftools.profiles.Profile of
 * profile.proto, gzipped), as `go tool pprof` and Grafana read it: one
 * function and one location per distinct frame, each sample's locations
 * leaf first. */
#ifndef TRIAGE_VIEWS_PPROF_H
#define TRIAGE_VIEWS_PPROF_H

#include <stdint.h>
#include <stdio.h>

#include "model/stacks.h"

struct pprof_opts {
	/* period_ns > 0 (sampling at -F): values [samples/count,
	 * cpu/nanoseconds = count * period_ns], period_type cpu/nanoseconds.
	 * 0: one value of type/unit (e.g. "offcpu"/"microseconds"; NULL:
	 * "samples"/"count"), period 1 of the same. */
	uint64_t period_ns;
	const char *type, *unit;
	uint64_t duration_ns;	/* 0: not written */
};

/* Encode the profile (uncompressed) into out. Returns 0 or -ENOMEM. */
struct pbuf;
int pprof_encode(struct pbuf *out, const struct stacks *s, const struct pprof_opts *o);

/* Encode, gzip and write to f. Returns 0, -ENOMEM or -EIO. */
int pprof_write(FILE *f, const struct stacks *s, const struct pprof_opts *o);

#endif
