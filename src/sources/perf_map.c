#include "sources/perf_map.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "sources/scan.h"

/* A hex number, "0x" allowed, and the blank after it: the position past the
 * blank, or NULL. */
static const char *hexnum(const char *p, const char *end, uint64_t *v)
{
	if (end - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	p = scan_hex(p, end, v);
	return p && p < end && *p == ' ' ? p + 1 : NULL;
}

int perf_map_parse(const char *buf, size_t len, struct symtab *t, int *bad)
{
	const char *p = buf, *end = buf + len;
	int err;

	symtab_init(t);
	*bad = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *q;
		uint64_t start, size;

		if (le > p && le[-1] == '\r')
			le--;
		if ((q = hexnum(p, le, &start)) && (q = hexnum(q, le, &size)) && q < le && size) {
			err = symtab_add(t, start, size, q, (size_t)(le - q), NULL, 0);
			if (err) {
				symtab_free(t);
				return err;
			}
		} else if (le > p) {
			(*bad)++;
		}
		p = nl ? nl + 1 : end;
	}
	symtab_finish(t, 0);
	return 0;
}

int perf_map_read(const struct root *r, pid_t pid, struct symtab *t)
{
	struct buf b = { 0 };
	char rel[48];
	int err, bad;

	snprintf(rel, sizeof(rel), "tmp/perf-%d.map", (int)pid);
	err = root_read_buf(r, ROOT_TOP, rel, &b);
	if (err == -ENOENT) {
		/* A process in another mount namespace (a container) writes
		 * its own /tmp, seen through /proc/PID/root. */
		snprintf(rel, sizeof(rel), "%d/root/tmp/perf-%d.map", (int)pid, (int)pid);
		err = root_read_buf(r, ROOT_PROC, rel, &b);
	}
	if (!err)
		err = perf_map_parse(b.p, b.len, t, &bad);
	buf_free(&b);
	return err;
}
