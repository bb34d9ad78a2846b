/* The recorder's watch on process exits (bpf/exitstat_api.h): the processes
 * that end between two samples, drained into each sample (sample.h's
 * exited) just before its process scan, so that a process is either in the
 * scan or in the list of the next sample, never lost and never counted
 * twice (model/exited.h).
 *
 * Without BPF (not root, no BTF, the load refused) it says so once on
 * stderr, writes the same line once into the store (a note replays show:
 * codec 0x0401, in the first record after each (re)open) and the recorder
 * carries on without exits. */
#ifndef TRIAGE_CMD_RECORD_EXITS_H
#define TRIAGE_CMD_RECORD_EXITS_H

#include <stdbool.h>

#include "core/root.h"
#include "sample/sample.h"

struct record_exits;

/* Start watching on r (the live root). Never fails: without BPF the watch
 * only carries the note. NULL on out of memory. */
struct record_exits *record_exits_open(const char *cmd, const struct root *r);

/* Before a sample's scan: drain what ended since the last drain. */
void record_exits_drain(struct record_exits *x);

/* After the sample s was taken: hand it what was drained (have_exited), or
 * the note when note is true (the first record since the store opened). */
void record_exits_give(struct record_exits *x, struct sample *s, bool note);

void record_exits_close(struct record_exits *x);

#endif
