/* Bounded tokenizing of kernel text files: numbers and words between a
 * pointer and an end pointer, never past end and never needing a NUL.
 * Shared by the readers of /proc/stat, /proc/meminfo, /proc/vmstat ... */
#ifndef TRIAGE_SOURCES_TOK_H
#define TRIAGE_SOURCES_TOK_H

#include <errno.h>
#include <stdint.h>

/* Skip blanks (space, tab). */
static inline const char *tok_skip_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Parse an unsigned decimal after optional blanks at *p, advancing *p past
 * it. Returns 0, -EINVAL when there is no digit, -ERANGE on overflow (then
 * *p still moves past the digits). */
static inline int tok_u64(const char **pp, const char *end, uint64_t *out)
{
	const char *p = tok_skip_blank(*pp, end);
	uint64_t v = 0;
	int err = 0;

	if (p >= end || *p < '0' || *p > '9')
		return -EINVAL;
	while (p < end && *p >= '0' && *p <= '9') {
		unsigned d = (unsigned)(*p - '0');

		if (v > (UINT64_MAX - d) / 10)
			err = -ERANGE;
		v = v * 10 + d;
		p++;
	}
	*pp = p;
	*out = err ? UINT64_MAX : v;
	return err;
}

#endif
