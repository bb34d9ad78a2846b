#include "sources/sys_class_net.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sources/scan.h"

long sys_class_net_parse_speed(const char *buf)
{
	const char *p = buf, *end = buf + strlen(buf);
	uint64_t v;

	/* "-1" (SPEED_UNKNOWN) fails here: no digit first */
	if (scan_u64(&p, end, &v) || !scan_eol(p, end) || v == 0 || v > 100000000)
		return -1;
	return (long)v;
}

enum net_duplex sys_class_net_parse_duplex(const char *buf)
{
	if (!strncmp(buf, "full", 4))
		return NET_DUPLEX_FULL;
	if (!strncmp(buf, "half", 4))
		return NET_DUPLEX_HALF;
	return NET_DUPLEX_UNKNOWN;
}

static ssize_t attr(const struct root *r, const char *ifname, const char *a, char *buf, size_t size)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "class/net/%s/%s", ifname, a);
	return root_read(r, ROOT_SYS, rel, buf, size);
}

int sys_class_net_read(const struct root *r, const char *name, struct sys_class_net_if *out)
{
	char buf[64], rel[96];
	const char *p;
	uint64_t v;
	int fd;

	out->speed_mbps = -1;
	out->duplex = NET_DUPLEX_UNKNOWN;
	out->operstate[0] = '\0';
	out->type = -1;
	/* a name with '/' or a dot-name would leave the directory */
	if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return -ENOENT;
	snprintf(rel, sizeof(rel), "class/net/%s", name);
	fd = root_openat(r, ROOT_SYS, rel, O_PATH | O_DIRECTORY);
	if (fd < 0)
		return fd;
	close(fd);
	if (attr(r, name, "speed", buf, sizeof(buf)) > 0)
		out->speed_mbps = sys_class_net_parse_speed(buf);
	if (attr(r, name, "duplex", buf, sizeof(buf)) > 0)
		out->duplex = sys_class_net_parse_duplex(buf);
	if (attr(r, name, "operstate", buf, sizeof(buf)) > 0) {
		buf[strcspn(buf, "\n")] = '\0';
		snprintf(out->operstate, sizeof(out->operstate), "%.*s", (int)sizeof(out->operstate) - 1, buf);
	}
	if (attr(r, name, "type", buf, sizeof(buf)) > 0) {
		p = buf;
		if (!scan_u64(&p, buf + strlen(buf), &v) && v <= 0xffff)
			out->type = (int)v;
	}
	return 0;
}
