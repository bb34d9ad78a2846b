#include "sources/uname.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

void uname_parse_line(const char *buf, size_t len, char *out, size_t size)
{
	const char *nl = memchr(buf, '\n', len);
	size_t n = nl ? (size_t)(nl - buf) : len;

	if (size == 0)
		return;
	if (n >= size)
		n = size - 1;
	memcpy(out, buf, n);
	out[n] = '\0';
}

static void field(const struct root *r, const char *rel, char *out, size_t size,
		  const char *fallback)
{
	char buf[256];
	ssize_t n = root_read(r, ROOT_PROC, rel, buf, sizeof(buf));

	if (n > 0)
		uname_parse_line(buf, (size_t)n, out, size);
	else
		snprintf(out, size, "%s", fallback);
}

void uname_read(const struct root *r, struct uname_info *u)
{
	struct utsname un;
	char buf[32];

	if (uname(&un))
		memset(&un, 0, sizeof(un));
	field(r, "sys/kernel/ostype", u->sysname, sizeof(u->sysname), un.sysname);
	field(r, "sys/kernel/osrelease", u->release, sizeof(u->release), un.release);
	field(r, "sys/kernel/hostname", u->nodename, sizeof(u->nodename), un.nodename);
	snprintf(u->machine, sizeof(u->machine), "%s", un.machine);
	field(r, "sys/kernel/pid_max", buf, sizeof(buf), "32768");
	u->pid_max = strtol(buf, NULL, 10);
	if (u->pid_max <= 0)
		u->pid_max = 32768;
}
