/* The triage collector: takes one sample of every source per interval through
 * the readers (sources/) and models (model/), and turns each pair of samples
 * into the per-interval values of struct obs that the rules read. It is the
 * only part of the report that touches the root directory.
 *
 * Cost: small host-wide files every interval; the /proc/PID scan only at the
 * first and last sample; per-process descriptors, limits and sockets only for
 * the few candidates the scan points at (see bench/RESULTS.md). */
#ifndef TRIAGE_CMD_TRIAGE_COLLECT_H
#define TRIAGE_CMD_TRIAGE_COLLECT_H

#include <stdbool.h>

#include "analysis/obs.h"
#include "core/root.h"

struct collect;

/* A collector filling o. focus_pid: --pid (0 none). Returns NULL on ENOMEM. */
struct collect *collect_new(struct obs *o, int focus_pid);
void collect_free(struct collect *c);

/* Take sample k (0 is the first) from r; last is true for the final one.
 * Returns 0, or -errno when not even /proc/uptime could be read (the report
 * cannot run). Everything else that fails goes to o->unchecked. */
int collect_sample(struct collect *c, const struct root *r, int k, bool last);

#endif
