#include "sources/proc_pid_limits.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* fs/proc/base.c lnames[] */
static const char *const limit_names[PL__COUNT] = {
	[PL_CPU] = "Max cpu time",
	[PL_FSIZE] = "Max file size",
	[PL_DATA] = "Max data size",
	[PL_STACK] = "Max stack size",
	[PL_CORE] = "Max core file size",
	[PL_RSS] = "Max resident set",
	[PL_NPROC] = "Max processes",
	[PL_NOFILE] = "Max open files",
	[PL_MEMLOCK] = "Max locked memory",
	[PL_AS] = "Max address space",
	[PL_LOCKS] = "Max file locks",
	[PL_SIGPENDING] = "Max pending signals",
	[PL_MSGQUEUE] = "Max msgqueue size",
	[PL_NICE] = "Max nice priority",
	[PL_RTPRIO] = "Max realtime priority",
	[PL_RTTIME] = "Max realtime timeout",
};

const char *proc_pid_limits_name(enum proc_limit l)
{
	return l < PL__COUNT ? limit_names[l] : NULL;
}

/* One value: "unlimited" or a decimal. Advances *p. */
static int value(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;

	while (s < end && *s == ' ')
		s++;
	if ((size_t)(end - s) >= 9 && !memcmp(s, "unlimited", 9)) {
		*v = PROC_LIMIT_INFINITY;
		*p = s + 9;
		return 0;
	}
	if (s == end || *s < '0' || *s > '9')
		return -EINVAL;
	*v = 0;
	while (s < end && *s >= '0' && *s <= '9') {
		if (*v > (UINT64_MAX - 9) / 10)
			return -EINVAL;
		*v = *v * 10 + (uint64_t)(*s++ - '0');
	}
	*p = s;
	return 0;
}

int proc_pid_limits_parse(const char *buf, size_t len, struct proc_pid_limits *out)
{
	const char *p = buf, *end = buf + len, *nl;
	int found = 0;

	memset(out, 0, sizeof(*out));
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		for (int i = 0; i < PL__COUNT; i++) {
			size_t n = strlen(limit_names[i]);
			const char *q = p + n;
			/* the name, then at least one space (so "Max file size" is not
			 * taken for a prefix of a longer name) */
			if ((size_t)(nl - p) <= n || memcmp(p, limit_names[i], n) != 0 || *q != ' ')
				continue;
			if (value(&q, nl, &out->soft[i]) || value(&q, nl, &out->hard[i]))
				return -EINVAL;
			out->have[i] = true;
			found++;
			break;
		}
	}
	return found ? 0 : -EINVAL;
}

int proc_pid_limits_read(const struct root *r, pid_t pid, struct proc_pid_limits *out)
{
	char rel[64], buf[4096];
	ssize_t n;

	snprintf(rel, sizeof(rel), "%d/limits", (int)pid);
	n = root_read(r, ROOT_PROC, rel, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	return proc_pid_limits_parse(buf, (size_t)n, out);
}
