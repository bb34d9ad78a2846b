#include "model/pmap.h"

#include <string.h>

void pmap_mode(const struct smap *m, char out[6])
{
	out[0] = m->perms[0] == 'r' ? 'r' : '-';
	out[1] = m->perms[1] == 'w' ? 'w' : '-';
	out[2] = m->perms[2] == 'x' ? 'x' : '-';
	out[3] = m->perms[3] == 's' ? 's' : '-';
	out[4] = '-';
	out[5] = '\0';
}

const char *pmap_name(const struct smap *m)
{
	const char *slash;

	if (strcmp(m->path, "[stack]") == 0)
		return "  [ stack ]";
	if (m->path[0] == '\0' || m->path[0] == '[')
		return "  [ anon ]";
	/* the base name, as pmap: after the last '/' */
	slash = strrchr(m->path, '/');
	return slash ? slash + 1 : m->path;
}

uint64_t pmap_kbytes(const struct smap *m)
{
	return (m->end - m->start) / 1024;
}

uint64_t pmap_dirty_kb(const struct smap *m)
{
	return m->shared_dirty_kb + m->private_dirty_kb;
}

void pmap_totals(const struct smaps_list *l, struct pmap_total *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < l->n; i++) {
		t->kbytes += pmap_kbytes(&l->v[i]);
		t->rss_kb += l->v[i].rss_kb;
		t->dirty_kb += pmap_dirty_kb(&l->v[i]);
	}
}
