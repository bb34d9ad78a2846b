/* Number formatting shared by the writers. */
#ifndef TRIAGE_CORE_FMT_H
#define TRIAGE_CORE_FMT_H

#include <stddef.h>
#include <stdio.h>

/* v with decimals places ("%.*f") into s (size bytes), never "-0.00": a
 * value that rounds to zero prints unsigned (a tiny negative from float
 * arithmetic, 100 - 100.0000001, or -0.0), as sysstat's cprintf_f does.
 * Returns s. */
static inline const char *fmt_fixed(char *s, size_t size, int decimals, double v)
{
	int n = snprintf(s, size, "%.*f", decimals, v);

	if (n > 1 && s[0] == '-' && (size_t)n < size) {
		const char *p = s + 1;

		while (*p == '0' || *p == '.')
			p++;
		if (!*p)
			for (char *q = s; *q; q++)
				q[0] = q[1];
	}
	return s;
}

#endif
