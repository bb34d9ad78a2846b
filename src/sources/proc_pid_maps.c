#include "sources/proc_pid_maps.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "sources/scan.h"

static const char *skip_sp(const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	return p;
}

/* One line (without its newline) into m. Returns 0 or -EINVAL. */
static int parse_line(const char *p, const char *end, struct pid_map *m)
{
	uint64_t v, maj, min;
	const char *path;
	size_t plen;
	static const char del[] = " (deleted)";

	if (!(p = scan_hex(p, end, &m->start)) || p >= end || *p++ != '-')
		return -EINVAL;
	if (!(p = scan_hex(p, end, &m->end)) || p + 6 > end || *p++ != ' ')
		return -EINVAL;
	m->exec = p[2] == 'x';				/* rwxp */
	p = skip_sp(p + 4, end);
	if (!(p = scan_hex(p, end, &m->pgoff)))
		return -EINVAL;
	p = skip_sp(p, end);
	if (!(p = scan_hex(p, end, &maj)) || p >= end || *p++ != ':' || !(p = scan_hex(p, end, &min)))
		return -EINVAL;
	m->maj = (uint32_t)maj;
	m->min = (uint32_t)min;
	p = skip_sp(p, end);
	for (v = 0; p < end && *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (uint64_t)(*p - '0');	/* inode, decimal */
	m->ino = v;
	path = skip_sp(p, end);
	plen = (size_t)(end - path);
	m->deleted = plen >= sizeof(del) - 1 && !memcmp(end - (sizeof(del) - 1), del, sizeof(del) - 1);
	if (m->deleted)
		plen -= sizeof(del) - 1;
	m->path = strndup(path, plen);
	return m->path ? 0 : -ENOMEM;
}

int proc_pid_maps_parse(const char *buf, size_t len, bool exec_only,
			struct pid_maps *out, int *bad_line)
{
	const char *p = buf, *end = buf + len;
	size_t cap = 0;
	int line = 0, err;

	out->v = NULL;
	out->n = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		struct pid_map m;

		line++;
		if (le > p) {
			memset(&m, 0, sizeof(m));
			err = parse_line(p, le, &m);
			if (err) {
				*bad_line = line;
				proc_pid_maps_free(out);
				return err;
			}
			if (exec_only && !m.exec) {
				free(m.path);
			} else {
				if (out->n == cap) {
					struct pid_map *v;

					cap = cap ? cap * 2 : 32;
					v = realloc(out->v, cap * sizeof(*v));
					if (!v) {
						free(m.path);
						proc_pid_maps_free(out);
						return -ENOMEM;
					}
					out->v = v;
				}
				out->v[out->n++] = m;
			}
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}

int proc_pid_maps_read(const struct root *r, pid_t pid, bool exec_only, struct pid_maps *out)
{
	struct buf b = { 0 };
	char rel[32];
	int err, bad = 0;

	snprintf(rel, sizeof(rel), "%d/maps", (int)pid);
	err = root_read_buf(r, ROOT_PROC, rel, &b);
	if (!err)
		err = proc_pid_maps_parse(b.p, b.len, exec_only, out, &bad);
	buf_free(&b);
	return err;
}

void proc_pid_maps_free(struct pid_maps *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].path);
	free(m->v);
	m->v = NULL;
	m->n = 0;
}
