#include "sources/proc_pid_oom.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int proc_pid_oom_parse_long(const char *buf, size_t len, long *out)
{
	char *e;

	(void)len;
	if (!*buf)
		return -EINVAL;
	errno = 0;
	*out = strtol(buf, &e, 10);
	if (e == buf || errno || (*e != '\n' && *e != '\0'))
		return -EINVAL;
	return 0;
}

static int read_long(const struct root *r, pid_t pid, const char *file, long *out)
{
	char rel[64], buf[64];
	ssize_t n;

	snprintf(rel, sizeof(rel), "%d/%s", (int)pid, file);
	n = root_read(r, ROOT_PROC, rel, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	return proc_pid_oom_parse_long(buf, (size_t)n, out);
}

int proc_pid_oom_read(const struct root *r, pid_t pid, struct proc_pid_oom *out)
{
	int err = read_long(r, pid, "oom_score", &out->score);

	return err ? err : read_long(r, pid, "oom_score_adj", &out->adj);
}

int proc_pid_wchan_read(const struct root *r, pid_t pid, char *out, size_t size)
{
	char rel[64];
	ssize_t n;

	snprintf(rel, sizeof(rel), "%d/wchan", (int)pid);
	n = root_read(r, ROOT_PROC, rel, out, size);
	if (n < 0)
		return (int)n;
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '))
		out[--n] = '\0';
	if (!strcmp(out, "0"))
		out[0] = '\0';
	return 0;
}
