/* Folded stacks as a speedscope file
 * (https://www.speedscope.app/file-format-schema.json): one "sampled"
 * profile, the frames shared, each sample's frame numbers root first. */
#ifndef TRIAGE_VIEWS_SPEEDSCOPE_H
#define TRIAGE_VIEWS_SPEEDSCOPE_H

#include <stdio.h>

#include "model/stacks.h"

/* name: the profile's name (NULL: "triage profile"); unit: the weights'
 * unit, one of the schema's ("none" for sample counts, "microseconds").
 * Returns 0 or -ENOMEM. */
int speedscope_write(FILE *f, const struct stacks *s, const char *name, const char *unit);

#endif
