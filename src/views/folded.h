/* The folded-stack text format of flamegraph.pl's stackcollapse scripts:
 * one "frame;frame;frame count" per line, outermost frame first, the count
 * after the last space. */
#ifndef TRIAGE_VIEWS_FOLDED_H
#define TRIAGE_VIEWS_FOLDED_H

#include <stddef.h>
#include <stdio.h>

#include "model/stacks.h"

/* Write every stack, sorted by key (deterministic output). Returns 0 or
 * -ENOMEM. */
int folded_write(FILE *f, const struct stacks *s);

/* Parse folded text into s (frames are cleaned as stacks.h says, counts
 * of the same stack added). Empty lines are skipped. Returns 0, -ENOMEM, or
 * -EINVAL with *bad_line (1-based) on a line without a count. Limits of s
 * apply (dropped lines are counted in s->dropped_samples). */
int folded_parse(const char *buf, size_t len, struct stacks *s, int *bad_line);

#endif
