#include "views/snoop.h"

#include <inttypes.h>
#include <string.h>

#include "core/escape.h"
#include "core/json.h"

static void name_col(FILE *f, const char *s, size_t max, int width)
{
	size_t n = strnlen(s, max);
	int w = (int)esc_term_width(s, n);

	esc_term_fputs(f, s, n);
	for (; w < width; w++)
		fputc(' ', f);
}

static double rel_s(struct snoop_view *v, uint64_t ts)
{
	if (!v->t0_ns)
		v->t0_ns = ts;
	return (double)(ts - v->t0_ns) / 1e9;
}

void snoop_bio_header(struct snoop_view *v)
{
	if (v->json)
		return;
	fprintf(v->f, "%-11s %-14s %-7s %-9s %-1s %-10s %-7s ", "TIME(s)", "COMM", "PID", "DISK",
		"T", "SECTOR", "BYTES");
	if (v->extra)
		fprintf(v->f, "%7s ", "QUE(ms)");
	fprintf(v->f, "%7s\n", "LAT(ms)");
}

void snoop_bio_event(struct snoop_view *v, const struct biosnoop_event *e, const char *flags)
{
	double t = rel_s(v, e->ts_ns);
	struct json j;

	if (v->json) {
		json_init(&j, v->f, false);
		json_obj_begin(&j, NULL);
		json_double(&j, "time_s", t, 6);
		json_strn(&j, "comm", e->comm, strnlen(e->comm, sizeof(e->comm)));
		json_uint(&j, "pid", e->pid);
		json_strn(&j, "disk", e->disk, strnlen(e->disk, sizeof(e->disk)));
		json_str(&j, "op", flags);
		json_uint(&j, "sector", e->sector);
		json_uint(&j, "bytes", e->bytes);
		if (v->extra)
			json_double(&j, "queue_ms", (double)e->queue_ns / 1e6, 3);
		json_double(&j, "lat_ms", (double)e->lat_ns / 1e6, 3);
		json_obj_end(&j);
		json_end(&j);
		return;
	}
	fprintf(v->f, "%-11.6f ", t);
	name_col(v->f, e->comm, sizeof(e->comm), 14);
	fprintf(v->f, " %-7u ", e->pid);
	name_col(v->f, e->disk, sizeof(e->disk), 9);
	fprintf(v->f, " %c %-10" PRIu64 " %-7u ", (e->flags & 0xff) == 1 ? 'W' :
		(e->flags & 0xff) == 0 ? 'R' : flags[0], (uint64_t)e->sector, e->bytes);
	if (v->extra)
		fprintf(v->f, "%7.3f ", (double)e->queue_ns / 1e6);
	fprintf(v->f, "%7.3f\n", (double)e->lat_ns / 1e6);
}

void snoop_lost(struct snoop_view *v, uint64_t n)
{
	struct json j;

	if (!n)
		return;
	if (v->json) {
		json_init(&j, v->f, false);
		json_obj_begin(&j, NULL);
		json_uint(&j, "lost", n);
		json_obj_end(&j);
		json_end(&j);
	} else {
		fprintf(v->f, "lost %" PRIu64 " events (ring buffer full)\n", n);
	}
}
