/* The triage collector's refused connects (triage_collect_resets.c): as root
 * with BPF, the tcp:tcp_send_reset probe (bpf/tcpreset_api.h) is attached
 * from the first interval whose counters show refused connects (AttemptFails
 * at tcp.refused's warning level), so that an idle report loads nothing; at
 * the window's end its counts go to o->resets, by port and client. */
#ifndef TRIAGE_CMD_TRIAGE_COLLECT_RESETS_H
#define TRIAGE_CMD_TRIAGE_COLLECT_RESETS_H

#include <stdbool.h>

#include "analysis/obs.h"
#include "core/root.h"

struct collect_resets;

struct collect_resets *collect_resets_new(void);
void collect_resets_free(struct collect_resets *cr);
/* After step k's TCP counters are in o: attach when they call for it. r:
 * the live root, NULL for a recorded sample (nothing to trace). */
void collect_resets_step(struct collect_resets *cr, const struct root *r, struct obs *o, int k);
/* At the window's end: the counts into o->resets, or why not into
 * o->unchecked (when connects were refused). */
void collect_resets_last(struct collect_resets *cr, struct obs *o);
/* Rolling windows (serve): the next window's collector takes over the probe,
 * its counts from now on. After collect_resets_last(from). */
void collect_resets_roll(struct collect_resets *from, struct collect_resets *to);

struct tcpreset_row;
/* The rows of the probe (one per port and client) into r, ports by refused
 * connects, each with its busiest clients. Exposed for the unit tests. */
void collect_resets_group(const struct tcpreset_row *rows, int n, struct obs_resets *r);

#endif
