/* fsslower's lines, as ext4slower prints them: TIME COMM PID T BYTES OFF_KB
 * LAT(ms) FILENAME; or one JSON object per event. Names are escaped. */
#ifndef TRIAGE_VIEWS_FSSLOWER_H
#define TRIAGE_VIEWS_FSSLOWER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bpf/fsslower.h"

struct fsslower_view {
	FILE *f;
	bool json;
};

void fsslower_header(const struct fsslower_view *v);
/* path: the file's full path when known (NULL: the event's name). */
void fsslower_event(const struct fsslower_view *v, const struct fsslower_event *e, const char *path);
/* "lost N events" or {"lost": N} when n > 0. */
void fsslower_lost(const struct fsslower_view *v, uint64_t n);

#endif
