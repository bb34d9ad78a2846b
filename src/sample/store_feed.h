/* The flight recorder's store as a feed of recorded samples for the loop
 * (sample/loop.h): the records of [from, to] in time order. */
#ifndef TRIAGE_SAMPLE_STORE_FEED_H
#define TRIAGE_SAMPLE_STORE_FEED_H

#include "sample/loop.h"

/* Open dir (NULL: the default store) for the window from..to (--from/--to
 * syntax, core/when.h; NULL from: the start, NULL to: the end). Prints the
 * reason (one line) and returns -errno when the store cannot be read or the
 * window is bad or empty. */
int sample_store_feed_open(const char *cmd, const char *dir, const char *from, const char *to,
			   struct sample_feed *feed);

#endif
