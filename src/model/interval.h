/* The elapsed time between two samples, from their /proc/uptime, as sysstat
 * takes it: uptime in hundredths of a second (read_uptime()), so the interval
 * is a whole number of centiseconds. The first report of iostat measures
 * from boot: prev NULL gives the uptime itself. */
#ifndef TRIAGE_MODEL_INTERVAL_H
#define TRIAGE_MODEL_INTERVAL_H

#include <math.h>

#include "sources/proc_uptime.h"

/* Seconds between prev and cur (NULL prev: since boot); NAN when not
 * positive (snapshots out of order, a reboot in between). */
static inline double interval_dt(const struct proc_uptime *prev, const struct proc_uptime *cur)
{
	double a = prev ? round(prev->up_s * 100.0) : 0, b = round(cur->up_s * 100.0);

	return b > a ? (b - a) / 100.0 : NAN;
}

#endif
