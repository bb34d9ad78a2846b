/* The flight recorder's store as a feed of recorded samples for the loop
 * (sample/loop.h): the records of [from, to] in time order. */
#ifndef TRIAGE_SAMPLE_STORE_FEED_H
#define TRIAGE_SAMPLE_STORE_FEED_H

#include <stdbool.h>

#include "sample/loop.h"

/* Open dir (NULL: the default store) for the window from..to (--from/--to
 * syntax, core/when.h; NULL from: the start, NULL to: the end). Prints the
 * reason (one line) and returns -EINVAL for a bad time or window (bad
 * usage), another -errno when the store cannot be read. A window with no
 * record is said, and is an error, at the feed's first next. With edges,
 * also the record before from and the one after to (store_cursor_edges). */
int sample_store_feed_open(const char *cmd, const char *dir, const char *from, const char *to, bool edges,
			   struct sample_feed *feed);

#endif
