#include "views/cachestat_sys.h"

#include <time.h>

#include "core/json.h"

void cachestat_sys_compute(struct cachestat_sys_row *r)
{
	const uint64_t *c = r->ctr;

	r->accesses = c[CS_READ] + c[CS_FAULT] + c[CS_MAP];
	r->misses = c[CS_ADD] > c[CS_WRITE_ADD] ? c[CS_ADD] - c[CS_WRITE_ADD] : 0;
	r->hits = r->accesses > r->misses ? r->accesses - r->misses : 0;
	r->ratio = r->hits + r->misses ? (double)r->hits / (double)(r->hits + r->misses) : -1;
}

void cachestat_sys_header(FILE *f, bool timestamp)
{
	if (timestamp)
		fprintf(f, "%-8s ", "TIME");
	fprintf(f, "%8s %8s %8s %8s %12s %10s\n", "HITS", "MISSES", "DIRTIES", "HITRATIO",
		"BUFFERS_MB", "CACHED_MB");
}

static void mb(FILE *f, int width, long long kb)
{
	if (kb < 0)
		fprintf(f, " %*s", width, "-");
	else
		fprintf(f, " %*lld", width, kb / 1024);
}

void cachestat_sys_print(FILE *f, const struct cachestat_sys_row *r, bool timestamp)
{
	if (timestamp) {
		char clk[16];
		time_t now = time(NULL);
		struct tm tm;

		localtime_r(&now, &tm);
		strftime(clk, sizeof(clk), "%H:%M:%S", &tm);
		fprintf(f, "%-8s ", clk);
	}
	fprintf(f, "%8llu %8llu %8llu", (unsigned long long)r->hits, (unsigned long long)r->misses,
		(unsigned long long)r->ctr[CS_DIRTY]);
	if (r->ratio < 0)
		fprintf(f, " %8s", "-");
	else
		fprintf(f, " %7.2f%%", r->ratio * 100);
	mb(f, 12, r->buffers_kb);
	mb(f, 10, r->cached_kb);
	fputc('\n', f);
	fflush(f);
}

static void num_or_null(struct json *j, const char *key, long long v)
{
	if (v < 0)
		json_null(j, key);
	else
		json_int(j, key, v);
}

void cachestat_sys_json(FILE *f, const struct cachestat_sys_row *r, int pid)
{
	static const char *const names[CS__COUNT] = {
		[CS_READ] = "read", [CS_FAULT] = "fault", [CS_MAP] = "map",
		[CS_ADD] = "added", [CS_WRITE_ADD] = "write_added", [CS_DIRTY] = "dirtied",
	};
	struct json j;

	json_line_begin(&j, f);
	json_obj_begin(&j, NULL);
	json_int(&j, "time", (long long)time(NULL));
	json_double(&j, "interval_s", r->secs, 3);
	if (pid)
		json_int(&j, "pid", pid);
	else
		json_null(&j, "pid");
	json_uint(&j, "hits", r->hits);
	json_uint(&j, "misses", r->misses);
	json_uint(&j, "dirties", r->ctr[CS_DIRTY]);
	json_uint(&j, "accesses", r->accesses);
	if (r->ratio < 0)
		json_null(&j, "hit_ratio");
	else
		json_double(&j, "hit_ratio", r->ratio, 4);
	num_or_null(&j, "buffers_mb", r->buffers_kb < 0 ? -1 : r->buffers_kb / 1024);
	num_or_null(&j, "cached_mb", r->cached_kb < 0 ? -1 : r->cached_kb / 1024);
	json_obj_begin(&j, "pages");
	for (int i = 0; i < CS__COUNT; i++)
		json_uint(&j, names[i], r->ctr[i]);
	json_obj_end(&j);
	json_obj_begin(&j, "vmstat");
	num_or_null(&j, "pgpgin_kb", r->pgpgin_kb);
	num_or_null(&j, "nr_dirtied", r->nr_dirtied);
	num_or_null(&j, "workingset_refault_file", r->refault_file);
	json_obj_end(&j);
	json_obj_end(&j);
	json_line_end(&j);
}
