#include "sources/proc_slabinfo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

static int push(struct proc_slabinfo *s, const struct slab_cache *c)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		struct slab_cache *p = realloc(s->c, cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		s->c = p;
		s->cap = cap;
	}
	s->c[s->n++] = *c;
	return 0;
}

static int parse_line(const char *line, struct slab_cache *c)
{
	unsigned long lim, batch, shared, avail;

	memset(c, 0, sizeof(*c));
	if (sscanf(line, "%63s %lu %lu %lu %lu %lu : tunables %lu %lu %lu : slabdata %lu %lu %lu",
		   c->name, &c->active_objs, &c->num_objs, &c->obj_size, &c->objs_per_slab,
		   &c->pages_per_slab, &lim, &batch, &shared, &c->active_slabs,
		   &c->num_slabs, &avail) != 12)
		return -EINVAL;
	return 0;
}

int proc_slabinfo_parse(const char *buf, size_t len, struct proc_slabinfo *out)
{
	const char *p = buf, *end = buf + len;
	int major = 0, minor = 0, err;

	memset(out, 0, sizeof(*out));
	if (sscanf(buf, "slabinfo - version: %d.%d", &major, &minor) != 2 || major != 2)
		return -EINVAL;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		char line[512];
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct slab_cache c;

		if (n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl ? nl + 1 : end;
		if (strncmp(line, "slabinfo", 8) == 0 || line[0] == '#' || line[0] == '\0')
			continue;
		err = parse_line(line, &c);
		if (!err)
			err = push(out, &c);
		if (err) {
			proc_slabinfo_free(out);
			return err;
		}
	}
	return 0;
}

int proc_slabinfo_read(const struct root *r, struct proc_slabinfo *out)
{
	struct buf b = { 0 };
	int err = root_read_buf(r, ROOT_PROC, "slabinfo", &b);

	if (!err)
		err = proc_slabinfo_parse(b.p ? b.p : "", b.len, out);
	buf_free(&b);
	return err;
}

void proc_slabinfo_free(struct proc_slabinfo *s)
{
	free(s->c);
	memset(s, 0, sizeof(*s));
}
