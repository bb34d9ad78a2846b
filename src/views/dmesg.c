#include "views/dmesg.h"

#include <string.h>

#include "core/escape.h"
#include "core/json.h"

static const char *const source_names[] = {
	[KMSG_DEV] = "kmsg", [KMSG_SYSLOG] = "syslog", [KMSG_FILE] = "kmsg-file",
};

static void fmt_wall(char *s, size_t n, time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	/* util-linux dmesg -T: ctime-like, "%a %b %e %H:%M:%S %Y" */
	strftime(s, n, "%a %b %e %H:%M:%S %Y", &tm);
}

/* The message as util-linux 2.38 dmesg prints it: bytes it would not print
 * raw as \xNN (core/escape.h, esc_hex_fputs), and a record holding newlines
 * (the kernel's \x0a) as several lines, each continuation indented by the
 * width of the prefix printed before the message ("[    1.500000] ", with -x
 * "kern  :info  : " too, with -r "<6>"). A newline ending the message is printed without
 * indentation, as util-linux does (then the record's own newline). */
static void msg_term(FILE *f, const char *s, size_t len, int indent)
{
	const char *end = s + len, *nl;

	while ((nl = memchr(s, '\n', (size_t)(end - s)))) {
		esc_hex_fputs(f, s, (size_t)(nl - s));
		fputc('\n', f);
		s = nl + 1;
		if (s < end)
			fprintf(f, "%*s", indent, "");
	}
	esc_hex_fputs(f, s, (size_t)(end - s));
}

void dmesg_print(FILE *f, const struct dmesg_view *v)
{
	char ts[64];

	for (size_t i = 0; i < v->n; i++) {
		const struct kmsg_rec *r = &v->log->recs[v->idx[i]];
		int indent = 0;
		if (v->raw)
			indent += fprintf(f, "<%u>", kmsg_prio(r));
		if (v->decode)
			indent += fprintf(f, "%-6s:%-6s: ", kmsg_facility_name(r->facility),
					  kmsg_level_name(r->level));
		if (v->wall) {
			fmt_wall(ts, sizeof(ts), v->wall[i]);
			indent += fprintf(f, "[%s] ", ts);
		} else {
			/* util-linux: "[%5ld.%06ld] " */
			indent += fprintf(f, "[%5llu.%06llu] ",
					  (unsigned long long)(r->ts_usec / 1000000),
					  (unsigned long long)(r->ts_usec % 1000000));
		}
		msg_term(f, v->log->text.p + r->msg_off, r->msg_len, indent > 0 ? indent : 0);
		fputc('\n', f);
	}
}

static void dict_json(struct json *j, const char *p, size_t len)
{
	const char *end = p + len, *nl, *eq;
	char key[128];

	json_obj_begin(j, "dict");
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		eq = memchr(p, '=', (size_t)(nl - p));
		if (!eq || (size_t)(eq - p) >= sizeof(key))
			continue;
		memcpy(key, p, (size_t)(eq - p));
		key[eq - p] = '\0';
		json_strn(j, key, eq + 1, (size_t)(nl - eq - 1));
	}
	json_obj_end(j);
}

void dmesg_print_json(FILE *f, const struct dmesg_view *v)
{
	struct json j;
	char ts[64];

	json_init(&j, f, true);
	json_obj_begin(&j, NULL);
	json_str(&j, "source", source_names[v->log->source]);
	json_uint(&j, "skipped", v->log->skipped);
	json_uint(&j, "unparsed", v->log->bad);
	json_arr_begin(&j, "records");
	for (size_t i = 0; i < v->n; i++) {
		const struct kmsg_rec *r = &v->log->recs[v->idx[i]];
		json_obj_begin(&j, NULL);
		json_uint(&j, "seq", r->seq);
		json_uint(&j, "ts_usec", r->ts_usec);
		json_str(&j, "facility", kmsg_facility_name(r->facility));
		json_str(&j, "level", kmsg_level_name(r->level));
		if (v->wall) {
			json_int(&j, "wall_time", (long long)v->wall[i]);
			fmt_wall(ts, sizeof(ts), v->wall[i]);
			json_str(&j, "wall_time_text", ts);
		}
		json_strn(&j, "message", v->log->text.p + r->msg_off, r->msg_len);
		if (r->dict_len)
			dict_json(&j, v->log->text.p + r->dict_off, r->dict_len);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}
