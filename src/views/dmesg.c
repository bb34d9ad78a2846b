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

/* Tabs are kept (util-linux prints them and the kernel indents with them:
 * "rcu: \tRCU restricting CPUs"); everything else goes through esc_term. */
static void msg_term(FILE *f, const char *s, size_t len)
{
	const char *end = s + len, *tab;

	while ((tab = memchr(s, '\t', (size_t)(end - s)))) {
		esc_term_fputs(f, s, (size_t)(tab - s));
		fputc('\t', f);
		s = tab + 1;
	}
	esc_term_fputs(f, s, (size_t)(end - s));
}

void dmesg_print(FILE *f, const struct dmesg_view *v)
{
	char ts[64];

	for (size_t i = 0; i < v->n; i++) {
		const struct kmsg_rec *r = &v->log->recs[v->idx[i]];
		if (v->decode)
			fprintf(f, "%-6s:%-6s: ", kmsg_facility_name(r->facility),
				kmsg_level_name(r->level));
		if (v->wall) {
			fmt_wall(ts, sizeof(ts), v->wall[i]);
			fprintf(f, "[%s] ", ts);
		} else {
			/* util-linux: "[%5ld.%06ld] " */
			fprintf(f, "[%5llu.%06llu] ", (unsigned long long)(r->ts_usec / 1000000),
				(unsigned long long)(r->ts_usec % 1000000));
		}
		msg_term(f, v->log->text.p + r->msg_off, r->msg_len);
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
