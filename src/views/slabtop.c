#include "views/slabtop.h"

#include <string.h>
#include <time.h>

#include "core/escape.h"
#include "core/json.h"

static void summary(FILE *f, const struct slab_summary *m)
{
	fprintf(f, " Active / Total Objects (%% used)    : %lu / %lu (%.1f%%)\n",
		m->active_objs, m->total_objs, m->pct_objs);
	fprintf(f, " Active / Total Slabs (%% used)      : %lu / %lu (%.1f%%)\n",
		m->active_slabs, m->total_slabs, m->pct_slabs);
	fprintf(f, " Active / Total Caches (%% used)     : %lu / %lu (%.1f%%)\n",
		m->active_caches, m->total_caches, m->pct_caches);
	fprintf(f, " Active / Total Size (%% used)       : %.2fK / %.2fK (%.1f%%)\n",
		m->active_size / 1024.0, m->total_size / 1024.0, m->pct_size);
	fprintf(f, " Minimum / Average / Maximum Object : %.2fK / %.2fK / %.2fK\n\n",
		(double)m->min_obj / 1024.0, m->avg_obj / 1024.0, (double)m->max_obj / 1024.0);
}

void slabtop_print(FILE *f, const struct proc_slabinfo *s, const struct slab_summary *m,
		   unsigned long page)
{
	summary(f, m);
	fputs("  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME\n", f);
	for (size_t i = 0; i < s->n; i++) {
		const struct slab_cache *c = &s->c[i];

		fprintf(f, "%6lu %6lu %3u%% %7.2fK %6lu %8lu %9lluK ", c->num_objs,
			c->active_objs, slab_use_pct(c), (double)c->obj_size / 1024.0,
			c->num_slabs, c->objs_per_slab, slab_cache_bytes(c, page) / 1024);
		esc_term_fputs(f, c->name, strlen(c->name));
		fputc('\n', f);
	}
}

static void json_summary(struct json *j, const struct slab_summary *m)
{
	json_obj_begin(j, "summary");
	json_uint(j, "active_objs", m->active_objs);
	json_uint(j, "total_objs", m->total_objs);
	json_uint(j, "active_slabs", m->active_slabs);
	json_uint(j, "total_slabs", m->total_slabs);
	json_uint(j, "active_caches", m->active_caches);
	json_uint(j, "total_caches", m->total_caches);
	json_double(j, "active_size_kb", m->active_size / 1024.0, 2);
	json_double(j, "total_size_kb", m->total_size / 1024.0, 2);
	json_uint(j, "min_obj_size", m->min_obj);
	json_double(j, "avg_obj_size", m->avg_obj, 1);
	json_uint(j, "max_obj_size", m->max_obj);
	json_obj_end(j);
}

void slabtop_print_json(FILE *f, const struct proc_slabinfo *s, const struct slab_summary *m,
			unsigned long page)
{
	struct json j;

	json_init(&j, f, true);
	json_obj_begin(&j, NULL);
	json_str(&j, "command", "slabtop");
	json_int(&j, "time", (long long)time(NULL));
	json_summary(&j, m);
	json_arr_begin(&j, "caches");
	for (size_t i = 0; i < s->n; i++) {
		const struct slab_cache *c = &s->c[i];

		json_obj_begin(&j, NULL);
		json_str(&j, "name", c->name);
		json_uint(&j, "objs", c->num_objs);
		json_uint(&j, "active", c->active_objs);
		json_uint(&j, "use_pct", slab_use_pct(c));
		json_uint(&j, "obj_size", c->obj_size);
		json_uint(&j, "slabs", c->num_slabs);
		json_uint(&j, "active_slabs", c->active_slabs);
		json_uint(&j, "objs_per_slab", c->objs_per_slab);
		json_uint(&j, "pages_per_slab", c->pages_per_slab);
		json_uint(&j, "cache_size_kb", slab_cache_bytes(c, page) / 1024);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}
