#include "sources/proc_pid_smaps_list.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

/* a header line: "start-end perms offset maj:min inode [path]"; 1 if it is one */
static int header(const char *line, struct smap *m)
{
	int pos = 0;
	const char *path;

	memset(m, 0, sizeof(*m));
	if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %4s %" SCNx64 " %x:%x %" SCNu64 "%n", &m->start,
		   &m->end, m->perms, &m->offset, &m->maj, &m->min, &m->inode, &pos) != 7)
		return 0;
	path = line + pos;
	while (*path == ' ' || *path == '\t')
		path++;
	m->path = strdup(path);
	return m->path ? 1 : -ENOMEM;
}

static void field(const char *line, struct smap *m)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{ "Size:", offsetof(struct smap, size_kb) },
		{ "Rss:", offsetof(struct smap, rss_kb) },
		{ "Pss:", offsetof(struct smap, pss_kb) },
		{ "Swap:", offsetof(struct smap, swap_kb) },
		{ "Shared_Dirty:", offsetof(struct smap, shared_dirty_kb) },
		{ "Private_Dirty:", offsetof(struct smap, private_dirty_kb) },
	};

	if (strncmp(line, "VmFlags:", 8) == 0) {
		m->noreserve = strstr(line + 8, " nr") != NULL;
		return;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		size_t kl = strlen(keys[i].key);

		if (strncmp(line, keys[i].key, kl) == 0) {
			*(uint64_t *)((char *)m + keys[i].off) = strtoull(line + kl, NULL, 10);
			return;
		}
	}
}

static int push(struct smaps_list *l, const struct smap *m)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct smap *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *m;
	return 0;
}

static int line_in(struct smaps_list *l, const char *line, int lineno, int *bad_line)
{
	struct smap m;
	int h = header(line, &m);

	if (h < 0)
		return h;
	if (h) {
		if (push(l, &m)) {
			free(m.path);
			return -ENOMEM;
		}
		return 0;
	}
	if (!l->n || !strchr(line, ':')) {
		*bad_line = lineno;
		return -EINVAL;
	}
	field(line, &l->v[l->n - 1]);
	return 0;
}

int proc_pid_smaps_list_parse(const char *buf, size_t len, struct smaps_list *out, int *bad_line)
{
	const char *p = buf, *end = buf + len;
	int lineno = 0, err = 0;

	memset(out, 0, sizeof(*out));
	*bad_line = 0;
	while (p < end && !err) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char line[4608];

		if (n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl ? nl + 1 : end;
		lineno++;
		if (line[0])
			err = line_in(out, line, lineno, bad_line);
	}
	if (err)
		proc_pid_smaps_list_free(out);
	return err;
}

int proc_pid_smaps_list_read(const struct root *r, int pid, struct smaps_list *out, int *bad_line)
{
	char rel[64];
	struct buf b = { 0 };
	int err;

	*bad_line = 0;
	snprintf(rel, sizeof(rel), "%d/smaps", pid);
	err = root_read_buf(r, ROOT_PROC, rel, &b);
	if (!err)
		err = proc_pid_smaps_list_parse(b.p ? b.p : "", b.len, out, bad_line);
	buf_free(&b);
	return err;
}

void proc_pid_smaps_list_free(struct smaps_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
