#include "sources/pid_max.h"

#include <errno.h>
#include <stdlib.h>

int pid_max_parse(const char *buf, size_t len, long *out)
{
	char *end;
	long v;

	(void)len;
	v = strtol(buf, &end, 10);
	if (end == buf || v <= 0 || (*end && *end != '\n'))
		return -EINVAL;
	*out = v;
	return 0;
}

int pid_max_read(const struct root *r, long *out)
{
	char buf[32];
	ssize_t n = root_read(r, ROOT_PROC, "sys/kernel/pid_max", buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	return pid_max_parse(buf, (size_t)n, out);
}
