/* Streaming JSON writer. Keys and string values are escaped (core/escape.h);
 * a double that is NaN or infinite (an unknown value) is written as null.
 *
 * Inside an object pass the key; inside an array or at the top pass NULL. */
#ifndef TRIAGE_CORE_JSON_H
#define TRIAGE_CORE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct json {
	FILE *f;
	int depth;
	bool pretty;
	bool has_items[JSON_MAX_DEPTH];	/* per level: a comma goes before the next item */
};

void json_init(struct json *j, FILE *f, bool pretty);
void json_obj_begin(struct json *j, const char *key);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j, const char *key);
void json_arr_end(struct json *j);
void json_str(struct json *j, const char *key, const char *s);	/* NULL s: null */
void json_strn(struct json *j, const char *key, const char *s, size_t len);
void json_int(struct json *j, const char *key, long long v);
void json_uint(struct json *j, const char *key, unsigned long long v);
/* decimals: digits after the point (as the text view prints them). */
void json_double(struct json *j, const char *key, double v, int decimals);
void json_bool(struct json *j, const char *key, bool v);
void json_null(struct json *j, const char *key);
/* Ends the document: a newline once back at depth 0. */
void json_end(struct json *j);

/* The JSON rule (README "JSON output"): a bounded run (a count) prints one
 * document with every interval inside; a stream (no count) prints JSON Lines,
 * one compact object per interval, flushed per line. json_line_begin starts
 * one such line's writer on f; json_line_end ends the line and flushes. */
void json_line_begin(struct json *j, FILE *f);
void json_line_end(struct json *j);

#endif
