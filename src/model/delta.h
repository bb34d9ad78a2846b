/* Counter arithmetic shared by every model. A counter that went backwards is
 * unknown (NAN), never zero and never huge: a process was replaced, a device
 * re-registered, or a dyn-tick kernel raced (sysstat's comment on iowait). */
#ifndef TRIAGE_MODEL_DELTA_H
#define TRIAGE_MODEL_DELTA_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

/* cur - prev, or NAN when cur < prev. */
static inline double delta_u64(uint64_t prev, uint64_t cur)
{
	return cur >= prev ? (double)(cur - prev) : NAN;
}

/* For counters the kernel keeps in 32 bits (some /proc/net fields on 32-bit
 * kernels): one wrap is assumed when cur < prev and both fit in 32 bits. */
static inline double delta_u32wrap(uint64_t prev, uint64_t cur)
{
	if (cur >= prev)
		return (double)(cur - prev);
	if (prev <= UINT32_MAX && cur <= UINT32_MAX)
		return (double)((uint64_t)UINT32_MAX + 1 - prev + cur);
	return NAN;
}

/* Rate per second; NAN when the delta is unknown or dt is not positive. */
static inline double rate(double delta, double dt_s)
{
	return dt_s > 0 ? delta / dt_s : NAN;
}

/* Percentage part/whole*100; NAN when whole is 0 or unknown. */
static inline double pct(double part, double whole)
{
	return whole > 0 ? part / whole * 100.0 : NAN;
}

#endif
