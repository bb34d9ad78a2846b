/* triage history's text and JSON. */
#include "views/history.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "core/escape.h"
#include "core/json.h"

#define NS 1000000000ll

/* "2026-12-03 03:00:05" local; "-" for an unknown time. */
static const char *when(int64_t t_ns, char *s, size_t n)
{
	struct tm tm;
	time_t t = (time_t)(t_ns / NS);

	if (t_ns == INT64_MIN || !localtime_r(&t, &tm))
		snprintf(s, n, "-");
	else
		strftime(s, n, "%Y-%m-%d %H:%M:%S", &tm);
	return s;
}

/* A duration: 45s, 1m41s, 2h05m, 3d04h. */
static const char *span(int64_t ns, char *s, size_t n)
{
	long long v = ns / NS;

	if (v < 60)
		snprintf(s, n, "%llds", v);
	else if (v < 3600)
		snprintf(s, n, "%lldm%02llds", v / 60, v % 60);
	else if (v < 86400)
		snprintf(s, n, "%lldh%02lldm", v / 3600, v % 3600 / 60);
	else
		snprintf(s, n, "%lldd%02lldh", v / 86400, v % 86400 / 3600);
	return s;
}

static const char *interval(uint32_t ms, char *s, size_t n)
{
	if (ms % 1000 == 0)
		snprintf(s, n, "%us", ms / 1000);
	else
		snprintf(s, n, "%ums", ms);
	return s;
}

void history_print(FILE *f, const char *dir, const struct store_hist *h)
{
	char a[32], b[32], c[32], d[32];

	fputs("Store ", f);
	esc_term_fputs(f, dir, strlen(dir));
	fprintf(f, ": %zu segment%s, %" PRIu64 " bytes on disk, %" PRIu64 " records (%" PRIu64
		" bytes of samples), recorder %s\n", h->segments, h->segments == 1 ? "" : "s", h->bytes,
		h->records, h->raw_bytes, h->writer_active ? "running" : "not running");
	if (h->nranges == 0) {
		fputs("No records.\n", f);
	} else {
		fprintf(f, "\n%-19s  %-19s  %8s  %8s  %s\n", "FROM", "TO", "INTERVAL", "RECORDS", "BEGINS");
		for (size_t i = 0; i < h->nranges; i++) {
			const struct store_range *r = &h->ranges[i];
			fprintf(f, "%-19s  %-19s  %8s  %8" PRIu64 "  %s", when(r->from_ns, a, sizeof(a)),
				when(r->to_ns, b, sizeof(b)), interval(r->interval_ms, c, sizeof(c)), r->records,
				store_begin_name(r->begin));
			if (i > 0)
				fprintf(f, " after %s", span(r->gap_ns, d, sizeof(d)));
			if (r->begin == STORE_BEGIN_REBOOT || r->begin == STORE_BEGIN_FIRST) {
				/* the boot_id comes from the file: escaped */
				fputs(" (boot ", f);
				if (r->boot_id[0])
					esc_term_fputs(f, r->boot_id, strnlen(r->boot_id, 8));
				else
					fputs("unknown", f);
				fputc(')', f);
			}
			fputc('\n', f);
		}
	}
	if (h->ndamage == 0)
		return;
	fprintf(f, "\nDamage (samples lost between the two times):\n%-19s  %-19s  %-22s  %s\n", "AFTER", "BEFORE",
		"WHY", "SEGMENT");
	for (size_t i = 0; i < h->ndamage; i++) {
		const struct store_damage *dm = &h->damage[i];
		fprintf(f, "%-19s  %-19s  %-22s  %s\n", when(dm->from_ns, a, sizeof(a)), when(dm->to_ns, b, sizeof(b)),
			dm->why, dm->seg);
	}
}

void history_print_json(FILE *f, const char *dir, const struct store_hist *h)
{
	struct json j;
	char a[32];

	json_init(&j, f, true);
	json_obj_begin(&j, NULL);
	json_str(&j, "store", dir);
	json_uint(&j, "segments", h->segments);
	json_uint(&j, "bytes", h->bytes);
	json_uint(&j, "records", h->records);
	json_uint(&j, "sample_bytes", h->raw_bytes);
	json_bool(&j, "recorder_running", h->writer_active);
	json_arr_begin(&j, "ranges");
	for (size_t i = 0; i < h->nranges; i++) {
		const struct store_range *r = &h->ranges[i];
		json_obj_begin(&j, NULL);
		json_str(&j, "from", when(r->from_ns, a, sizeof(a)));
		json_str(&j, "to", when(r->to_ns, a, sizeof(a)));
		json_int(&j, "from_ns", r->from_ns);
		json_int(&j, "to_ns", r->to_ns);
		json_uint(&j, "interval_ms", r->interval_ms);
		json_uint(&j, "records", r->records);
		json_str(&j, "begins", store_begin_name(r->begin));
		json_int(&j, "after_ns", r->gap_ns);
		json_str(&j, "boot_id", r->boot_id);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_arr_begin(&j, "damage");
	for (size_t i = 0; i < h->ndamage; i++) {
		const struct store_damage *dm = &h->damage[i];
		json_obj_begin(&j, NULL);
		json_str(&j, "after", when(dm->from_ns, a, sizeof(a)));
		json_str(&j, "before", when(dm->to_ns, a, sizeof(a)));
		json_int(&j, "after_ns", dm->from_ns);
		json_int(&j, "before_ns", dm->to_ns);
		json_str(&j, "why", dm->why);
		json_str(&j, "segment", dm->seg);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}
