#include "views/fsslower.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "core/escape.h"
#include "core/json.h"

void fsslower_header(const struct fsslower_view *v)
{
	if (v->json)
		return;
	fprintf(v->f, "%-8s %-16s %-7s %1s %-7s %-8s %7s %s\n", "TIME", "COMM", "PID", "T", "BYTES",
		"OFF_KB", "LAT(ms)", "FILENAME");
}

static const char *op_name(int op)
{
	switch (op) {
	case FSS_READ: return "read";
	case FSS_WRITE: return "write";
	case FSS_OPEN: return "open";
	case FSS_FSYNC: return "fsync";
	case FSS_SYNC: return "sync";
	}
	return "?";
}

static void event_json(const struct fsslower_view *v, const struct fsslower_event *e, const char *name)
{
	const char *err = e->ret < 0 ? strerrorname_np((int)-e->ret) : NULL;
	struct json j;

	json_init(&j, v->f, false);
	json_obj_begin(&j, NULL);
	json_int(&j, "time", (long long)time(NULL));
	json_strn(&j, "comm", e->comm, strnlen(e->comm, sizeof(e->comm)));
	json_uint(&j, "pid", e->pid);
	json_uint(&j, "tid", e->tid);
	json_str(&j, "op", op_name(e->op));
	json_int(&j, "fd", e->fd);
	if (e->ret >= 0 && (e->op == FSS_READ || e->op == FSS_WRITE))
		json_int(&j, "bytes", e->ret);
	else
		json_null(&j, "bytes");
	json_uint(&j, "offset", e->offset);
	json_double(&j, "lat_ms", (double)e->lat_ns / 1e6, 3);
	json_str(&j, "errno", err);
	json_str(&j, "file", name);
	json_obj_end(&j);
	json_end(&j);
}

void fsslower_event(const struct fsslower_view *v, const struct fsslower_event *e, const char *path)
{
	const char *name = path ? path : e->name;
	size_t nlen = path ? strlen(path) : strnlen(e->name, sizeof(e->name));
	char clk[16], bytes[24];
	time_t t = time(NULL);
	struct tm tm;
	int w;

	if (v->json) {
		char buf[FSSLOWER_NAME_LEN + 1];

		if (!path) {
			memcpy(buf, e->name, nlen);
			buf[nlen] = '\0';
			name = buf;
		}
		event_json(v, e, name);
		return;
	}
	localtime_r(&t, &tm);
	strftime(clk, sizeof(clk), "%H:%M:%S", &tm);
	if (e->ret < 0)
		snprintf(bytes, sizeof(bytes), "%s", strerrorname_np((int)-e->ret) ? strerrorname_np((int)-e->ret) : "ERR");
	else if (e->op == FSS_READ || e->op == FSS_WRITE)
		snprintf(bytes, sizeof(bytes), "%" PRId64, (int64_t)e->ret);
	else
		snprintf(bytes, sizeof(bytes), "-");
	fprintf(v->f, "%-8s ", clk);
	w = (int)esc_term_width(e->comm, strnlen(e->comm, sizeof(e->comm)));
	esc_term_fputs(v->f, e->comm, strnlen(e->comm, sizeof(e->comm)));
	fprintf(v->f, "%*s %-7u %c %-7s %-8" PRIu64 " %7.2f ", w < 16 ? 16 - w : 0, "", e->pid,
		e->op, bytes, (uint64_t)e->offset / 1024, (double)e->lat_ns / 1e6);
	esc_term_fputs(v->f, name, nlen);
	fputc('\n', v->f);
}

void fsslower_lost(const struct fsslower_view *v, uint64_t n)
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
		fprintf(v->f, "lost %" PRIu64 " events (the ring buffer was full)\n", n);
	}
}
