#include "sources/proc_uptime.h"

#include <errno.h>
#include <stdlib.h>

int proc_uptime_parse(const char *buf, size_t len, struct proc_uptime *out)
{
	char *end;

	(void)len;
	out->up_s = strtod(buf, &end);
	if (end == buf || out->up_s < 0)
		return -EINVAL;
	buf = end;
	out->idle_s = strtod(buf, &end);
	if (end == buf)
		return -EINVAL;
	return 0;
}

int proc_uptime_read(const struct root *r, struct proc_uptime *out)
{
	char buf[256];
	ssize_t n = root_read(r, ROOT_PROC, "uptime", buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	return proc_uptime_parse(buf, (size_t)n, out);
}
