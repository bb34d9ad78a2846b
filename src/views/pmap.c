#include "views/pmap.h"

#include <inttypes.h>
#include <string.h>

#include "core/escape.h"

static void name(FILE *f, const struct smap *m)
{
	const char *n = pmap_name(m);

	esc_term_fputs(f, n, strlen(n));
}

void pmap_print(FILE *f, const struct pmap_view *v)
{
	struct pmap_total t;
	char mode[6];

	fprintf(f, "%d:   ", v->pid);
	esc_term_fputs(f, v->cmdline, strlen(v->cmdline));
	fputc('\n', f);
	if (v->extended)
		fputs("Address           Kbytes     RSS   Dirty Mode  Mapping\n", f);
	for (size_t i = 0; i < v->maps->n; i++) {
		const struct smap *m = &v->maps->v[i];

		pmap_mode(m, mode);
		if (v->extended)
			fprintf(f, "%016" PRIx64 " %7" PRIu64 " %7" PRIu64 " %7" PRIu64 " %s ",
				m->start, pmap_kbytes(m), m->rss_kb, pmap_dirty_kb(m), mode);
		else
			fprintf(f, "%016" PRIx64 " %6" PRIu64 "K %s ", m->start, pmap_kbytes(m), mode);
		name(f, m);
		fputc('\n', f);
	}
	pmap_totals(v->maps, &t);
	if (v->extended)
		fprintf(f, "---------------- ------- ------- ------- \n"
			"total kB %15" PRIu64 " %7" PRIu64 " %7" PRIu64 "\n",
			t.kbytes, t.rss_kb, t.dirty_kb);
	else
		fprintf(f, " total %16" PRIu64 "K\n", t.kbytes);
}

void pmap_json(struct json *j, const struct pmap_view *v)
{
	struct pmap_total t;
	char mode[6], addr[20];

	json_obj_begin(j, NULL);
	json_int(j, "pid", v->pid);
	json_str(j, "cmdline", v->cmdline);
	json_arr_begin(j, "mappings");
	for (size_t i = 0; i < v->maps->n; i++) {
		const struct smap *m = &v->maps->v[i];

		pmap_mode(m, mode);
		snprintf(addr, sizeof(addr), "%016" PRIx64, m->start);
		json_obj_begin(j, NULL);
		json_str(j, "address", addr);
		json_uint(j, "kbytes", pmap_kbytes(m));
		json_uint(j, "rss_kb", m->rss_kb);
		json_uint(j, "dirty_kb", pmap_dirty_kb(m));
		json_uint(j, "pss_kb", m->pss_kb);
		json_uint(j, "swap_kb", m->swap_kb);
		json_str(j, "mode", mode);
		json_str(j, "mapping", pmap_name(m));
		json_str(j, "path", m->path);
		json_obj_end(j);
	}
	json_arr_end(j);
	pmap_totals(v->maps, &t);
	json_obj_begin(j, "total");
	json_uint(j, "kbytes", t.kbytes);
	json_uint(j, "rss_kb", t.rss_kb);
	json_uint(j, "dirty_kb", t.dirty_kb);
	json_obj_end(j);
	json_obj_end(j);
}
