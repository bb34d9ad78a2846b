/* The wall-clock time a sample stands for. Live, the time it was read.
 * Replayed (--root A,B), the time it was captured: boot time (proc/stat
 * btime) plus its uptime, so a replay prints the capture's timestamps and
 * golden files do not depend on when the tests run. */
#ifndef TRIAGE_MODEL_CLOCK_H
#define TRIAGE_MODEL_CLOCK_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* btime 0 means unknown (then the current time is used). */
static inline time_t clock_sample_time(bool replay, uint64_t btime, double up_s)
{
	if (replay && btime > 0 && up_s >= 0)
		return (time_t)btime + (time_t)floor(up_s);
	return time(NULL);
}

#endif
