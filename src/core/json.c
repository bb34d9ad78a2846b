#include "core/json.h"

#include <math.h>

#include "core/escape.h"
#include "core/fmt.h"

void json_init(struct json *j, FILE *f, bool pretty)
{
	j->f = f;
	j->depth = 0;
	j->pretty = pretty;
	for (int i = 0; i < JSON_MAX_DEPTH; i++)
		j->has_items[i] = false;
}

static void indent(struct json *j)
{
	if (!j->pretty)
		return;
	fputc('\n', j->f);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* Comma, newline and key before any value. */
static void item(struct json *j, const char *key)
{
	if (j->has_items[j->depth])
		fputc(',', j->f);
	j->has_items[j->depth] = true;
	if (j->depth > 0)
		indent(j);
	if (key) {
		esc_json_fputs(j->f, key, __builtin_strlen(key));
		fputs(j->pretty ? ": " : ":", j->f);
	}
}

static void open_level(struct json *j, const char *key, char c)
{
	item(j, key);
	fputc(c, j->f);
	if (j->depth < JSON_MAX_DEPTH - 1)
		j->depth++;
	j->has_items[j->depth] = false;
}

static void close_level(struct json *j, char c)
{
	bool had = j->has_items[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (had)
		indent(j);
	fputc(c, j->f);
}

void json_obj_begin(struct json *j, const char *key) { open_level(j, key, '{'); }
void json_obj_end(struct json *j) { close_level(j, '}'); }
void json_arr_begin(struct json *j, const char *key) { open_level(j, key, '['); }
void json_arr_end(struct json *j) { close_level(j, ']'); }

void json_strn(struct json *j, const char *key, const char *s, size_t len)
{
	item(j, key);
	if (s)
		esc_json_fputs(j->f, s, len);
	else
		fputs("null", j->f);
}

void json_str(struct json *j, const char *key, const char *s)
{
	json_strn(j, key, s, s ? __builtin_strlen(s) : 0);
}

void json_int(struct json *j, const char *key, long long v)
{
	item(j, key);
	fprintf(j->f, "%lld", v);
}

void json_uint(struct json *j, const char *key, unsigned long long v)
{
	item(j, key);
	fprintf(j->f, "%llu", v);
}

void json_double(struct json *j, const char *key, double v, int decimals)
{
	char s[400];	/* %.*f of DBL_MAX is 309 digits, then the decimals */

	item(j, key);
	if (!isfinite(v))
		fputs("null", j->f);
	else if (decimals >= 0 && decimals <= 17)
		fputs(fmt_fixed(s, sizeof(s), decimals, v), j->f);
	else
		fprintf(j->f, "%.*f", decimals, v);
}

void json_bool(struct json *j, const char *key, bool v)
{
	item(j, key);
	fputs(v ? "true" : "false", j->f);
}

void json_null(struct json *j, const char *key)
{
	item(j, key);
	fputs("null", j->f);
}

void json_end(struct json *j)
{
	if (j->depth == 0) {
		fputc('\n', j->f);
		j->has_items[0] = false;
	}
	fflush(j->f);
}

void json_line_begin(struct json *j, FILE *f)
{
	json_init(j, f, false);
}

void json_line_end(struct json *j)
{
	json_end(j);
	fflush(j->f);
}
