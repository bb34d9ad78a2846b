#include "sources/kernel_id.h"

#include <stdio.h>
#include <string.h>

void kernel_id_parse_line(const char *buf, char *out, size_t size)
{
	size_t n = strcspn(buf, "\n");

	if (n >= size)
		n = size - 1;
	memcpy(out, buf, n);
	out[n] = '\0';
}

static int one(const struct root *r, const char *rel, char *out, size_t size, const char *dflt)
{
	char buf[256];
	ssize_t n = root_read(r, ROOT_PROC, rel, buf, sizeof(buf));

	if (n < 0) {
		snprintf(out, size, "%s", dflt);
		return (int)n;
	}
	kernel_id_parse_line(buf, out, size);
	return 0;
}

int kernel_id_read(const struct root *r, struct kernel_id *id)
{
	int e1 = one(r, "sys/kernel/ostype", id->sysname, sizeof(id->sysname), "Linux");
	int e2 = one(r, "sys/kernel/osrelease", id->release, sizeof(id->release), "?");
	int e3 = one(r, "sys/kernel/hostname", id->hostname, sizeof(id->hostname), "?");

	return e2 ? e2 : e3 ? e3 : e1;
}
