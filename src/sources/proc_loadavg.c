#include "sources/proc_loadavg.h"

#include <errno.h>
#include <stdio.h>

int proc_loadavg_parse(const char *buf, size_t len, struct proc_loadavg *out)
{
	(void)len;
	if (sscanf(buf, "%lf %lf %lf %u/%u %u", &out->load[0], &out->load[1],
		   &out->load[2], &out->running, &out->tasks, &out->last_pid) != 6)
		return -EINVAL;
	return 0;
}

int proc_loadavg_read(const struct root *r, struct proc_loadavg *out)
{
	char buf[256];
	ssize_t n = root_read(r, ROOT_PROC, "loadavg", buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	return proc_loadavg_parse(buf, (size_t)n, out);
}
