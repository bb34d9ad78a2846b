/* Wall-clock time of kernel-log records (dmesg -T).
 *
 * The boot time is now - /proc/uptime, as util-linux dmesg derives it (it
 * uses CLOCK_BOOTTIME; /proc/uptime is the same clock). Records carry
 * microseconds since boot on the local clock, which does not advance while
 * suspended: after a suspend the times are early, as dmesg -T warns. */
#ifndef TRIAGE_MODEL_KMSG_TIME_H
#define TRIAGE_MODEL_KMSG_TIME_H

#include <stdint.h>
#include <time.h>

/* Seconds since the epoch of a record ts_usec after boot, where now (epoch
 * seconds) was uptime_s after boot. Rounded down to the second. */
static inline time_t kmsg_time_wall(double now, double uptime_s, uint64_t ts_usec)
{
	return (time_t)(now - uptime_s + (double)ts_usec / 1e6);
}

#endif
