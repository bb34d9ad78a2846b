#include "views/free.h"

#include <string.h>

const char *free_human(char *buf, size_t size, long long kb, bool si)
{
	static const char up[] = { 'B', 'K', 'M', 'G', 'T', 'P' };
	long long bytes = kb * 1024LL;
	double base = si ? 1000.0 : 1024.0, div = 1;

	if (snprintf(buf, size, "%lldB", bytes) <= 4)
		return buf;
	for (size_t i = 1; i < sizeof(up); i++) {
		div *= base;
		if (si) {
			if (snprintf(buf, size, "%.1f%c", (float)(bytes / div), up[i]) <= 4)
				return buf;
			if (snprintf(buf, size, "%ld%c", (long)(bytes / div), up[i]) <= 4)
				return buf;
		} else {
			if (snprintf(buf, size, "%.1f%ci", (float)(bytes / div), up[i]) <= 5)
				return buf;
			if (snprintf(buf, size, "%ld%ci", (long)(bytes / div), up[i]) <= 5)
				return buf;
		}
	}
	return buf;	/* more than an exbibyte: as procps, whatever the last try gave */
}

static void cell(FILE *f, const struct free_view *v, long long kb, bool first)
{
	char buf[64];

	if (v->human)
		free_human(buf, sizeof(buf), kb, v->si);
	else
		snprintf(buf, sizeof(buf), "%lld", mem_model_scale(kb, v->exponent, v->si));
	fprintf(f, first ? "%11s" : " %11s", buf);
}

/* "Mem:" padded to 9 columns (procps print_head_col). */
static void head(FILE *f, const char *name)
{
	fprintf(f, "%-9s", name);
}

static void three(FILE *f, const struct free_view *v, const char *name,
		  long long a, long long b, long long c)
{
	head(f, name);
	cell(f, v, a, true);
	cell(f, v, b, false);
	cell(f, v, c, false);
	fputc('\n', f);
}

void free_print(FILE *f, const struct free_view *v, const struct mem_free *m)
{
	if (v->wide)
		fputs("               total        used        free      shared     buffers       cache   available\n", f);
	else
		fputs("               total        used        free      shared  buff/cache   available\n", f);
	head(f, "Mem:");
	cell(f, v, (long long)m->total, true);
	cell(f, v, (long long)m->used, false);
	cell(f, v, (long long)m->free, false);
	cell(f, v, (long long)m->shared, false);
	if (v->wide) {
		cell(f, v, (long long)m->buffers, false);
		cell(f, v, (long long)m->cache, false);
	} else {
		cell(f, v, (long long)m->buff_cache, false);
	}
	cell(f, v, (long long)m->available, false);
	fputc('\n', f);
	if (v->lohi) {
		three(f, v, "Low:", (long long)m->low_total, (long long)m->low_used, (long long)m->low_free);
		three(f, v, "High:", (long long)m->high_total, (long long)m->high_used, (long long)m->high_free);
	}
	three(f, v, "Swap:", (long long)m->swap_total, (long long)m->swap_used, (long long)m->swap_free);
	if (v->total)
		three(f, v, "Total:", (long long)m->all_total, (long long)m->all_used,
		      (long long)m->all_free);
	if (v->committed)
		three(f, v, "Comm:", (long long)m->commit_limit, (long long)m->committed_as,
		      (long long)m->commit_avail);
}

void free_json_begin(struct json *j)
{
	json_obj_begin(j, NULL);
	json_str(j, "command", "free");
	json_str(j, "unit", "KiB");
	json_arr_begin(j, "samples");
}

static void triple(struct json *j, const char *key, uint64_t t, uint64_t u, uint64_t fr)
{
	json_obj_begin(j, key);
	json_uint(j, "total", t);
	json_uint(j, "used", u);
	json_uint(j, "free", fr);
	json_obj_end(j);
}

void free_json_sample(struct json *j, const struct free_view *v, const struct mem_free *m, time_t when)
{
	json_obj_begin(j, NULL);
	if (when > 0)
		json_int(j, "time", (long long)when);
	json_obj_begin(j, "mem");
	json_uint(j, "total", m->total);
	json_uint(j, "used", m->used);
	json_uint(j, "free", m->free);
	json_uint(j, "shared", m->shared);
	json_uint(j, "buffers", m->buffers);
	json_uint(j, "cache", m->cache);
	json_uint(j, "buff_cache", m->buff_cache);
	json_uint(j, "available", m->available);
	json_bool(j, "available_estimated", m->available_estimated);
	json_obj_end(j);
	if (v->lohi) {
		triple(j, "low", m->low_total, m->low_used, m->low_free);
		triple(j, "high", m->high_total, m->high_used, m->high_free);
	}
	triple(j, "swap", m->swap_total, m->swap_used, m->swap_free);
	triple(j, "total", m->all_total, m->all_used, m->all_free);
	json_obj_begin(j, "commit");
	json_uint(j, "limit", m->commit_limit);
	json_uint(j, "committed_as", m->committed_as);
	/* free -v's third column, limit - committed, is left to the reader:
	 * it is negative when overcommitted, and every other field is a size */
	json_obj_end(j);
	json_obj_end(j);
}

void free_json_end(struct json *j)
{
	json_arr_end(j);
	json_obj_end(j);
	json_end(j);
}
