#include "views/cachestat.h"

#include <inttypes.h>
#include <string.h>

#include "core/escape.h"
#include "core/json.h"

static double pct(uint64_t part, uint64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void col(FILE *f, bool known, uint64_t v, int w)
{
	if (known)
		fprintf(f, " %*" PRIu64, w, v);
	else
		fprintf(f, " %*s", w, "-");
}

static void row(FILE *f, const struct file_cache *c, const char *name, size_t nlen)
{
	fprintf(f, "%10" PRIu64 " %10" PRIu64 " %8.2f", c->pages, c->cached, pct(c->cached, c->pages));
	col(f, c->have_cachestat, c->dirty, 9);
	col(f, c->have_cachestat, c->writeback, 9);
	col(f, c->have_cachestat, c->evicted, 9);
	col(f, c->have_cachestat, c->recently_evicted, 9);
	fputc(' ', f);
	esc_term_fputs(f, name, nlen);
	fputc('\n', f);
}

void cachestat_print(FILE *f, const struct cachestat_row *rows, size_t n)
{
	struct file_cache t = { .have_cachestat = n > 0 };
	char total[48];

	fprintf(f, "%10s %10s %8s %9s %9s %9s %9s %s\n", "PAGES", "CACHED", "%CACHED", "DIRTY",
		"WRITEBACK", "EVICTED", "RECENT", "FILE");
	for (size_t i = 0; i < n; i++) {
		const struct file_cache *c = &rows[i].c;

		row(f, c, rows[i].path, strlen(rows[i].path));
		t.pages += c->pages;
		t.cached += c->cached;
		t.dirty += c->dirty;
		t.writeback += c->writeback;
		t.evicted += c->evicted;
		t.recently_evicted += c->recently_evicted;
		t.have_cachestat &= c->have_cachestat;
	}
	if (n > 1) {
		snprintf(total, sizeof(total), "total (%zu files)", n);
		row(f, &t, total, strlen(total));
	}
}

static void opt_uint(struct json *j, const char *key, bool known, uint64_t v)
{
	if (known)
		json_uint(j, key, v);
	else
		json_null(j, key);
}

void cachestat_print_json(FILE *f, const struct cachestat_row *rows, size_t n)
{
	struct json j;

	json_init(&j, f, false);
	json_obj_begin(&j, NULL);
	json_arr_begin(&j, "files");
	for (size_t i = 0; i < n; i++) {
		const struct file_cache *c = &rows[i].c;

		json_obj_begin(&j, NULL);
		json_str(&j, "file", rows[i].path);
		json_str(&j, "source", c->have_cachestat ? "cachestat" : "mincore");
		json_uint(&j, "size", c->size);
		json_uint(&j, "pages", c->pages);
		json_uint(&j, "cached", c->cached);
		json_double(&j, "cached_percent", pct(c->cached, c->pages), 2);
		opt_uint(&j, "dirty", c->have_cachestat, c->dirty);
		opt_uint(&j, "writeback", c->have_cachestat, c->writeback);
		opt_uint(&j, "evicted", c->have_cachestat, c->evicted);
		opt_uint(&j, "recently_evicted", c->have_cachestat, c->recently_evicted);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}
