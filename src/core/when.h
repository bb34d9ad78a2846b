/* The times of --from / --to (and sysstat's -s / -e): a pure parser.
 *
 *   2026-12-03 03:00[:SS]   a date and time (also 2026-12-03T03:00, or the date alone: 00:00)
 *   03:00[:SS]              today
 *   yesterday 23:00[:SS]    (today HH:MM too; "yesterday" alone is its 00:00)
 *   -2h  -30m  -90s  -1d    before now; units may be combined: -1h30m
 *   @1796300000[.5]         seconds since the epoch (UTC)
 *   now
 * Dates and clock times are local time (the TZ environment variable, as
 * localtime(3)); "today" and "yesterday" are now's date there. */
#ifndef TRIAGE_CORE_WHEN_H
#define TRIAGE_CORE_WHEN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Parse s relative to now: *t_ns in ns since the epoch. Returns 0, or
 * -EINVAL with one sentence in why (whysz bytes) saying what is accepted. */
int when_parse(const char *s, time_t now, int64_t *t_ns, char *why, size_t whysz);

/* A window: from (NULL: no bound, INT64_MIN) and to (NULL: now). -EINVAL
 * with why naming the option when one is bad or from is after to. */
int when_window(const char *from, const char *to, time_t now, int64_t *from_ns, int64_t *to_ns,
		char *why, size_t whysz);

#endif
