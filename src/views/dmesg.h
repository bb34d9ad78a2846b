/* The kernel log as util-linux dmesg prints it, and its JSON. */
#ifndef TRIAGE_VIEWS_DMESG_H
#define TRIAGE_VIEWS_DMESG_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "sources/kmsg.h"

struct dmesg_view {
	const struct kmsg_log *log;
	const size_t *idx;	/* records to print, in order */
	size_t n;
	const time_t *wall;	/* -T: wall-clock time of each printed record, else NULL */
	bool decode;		/* -x: "kern  :info  : " prefix */
	bool raw;		/* -r: "<prio>" prefix (facility << 3 | level) */
};

/* "[    2.198359] message" (or "[Sat Nov 21 05:19:49 2026] message", or
 * "<6>[    2.198359] message"). */
void dmesg_print(FILE *f, const struct dmesg_view *v);
/* {"source": "kmsg", "skipped": N (overwritten while reading), "unparsed": N,
 *  "records": [{"seq", "ts_usec", "facility", "level", "wall_time"?,
 *  "wall_time_text"?, "message", "dict"?: {KEY: value}}]} */
void dmesg_print_json(FILE *f, const struct dmesg_view *v);

#endif
