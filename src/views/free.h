/* free(1) text, procps-ng 4.0.2 layout, and its JSON. */
#ifndef TRIAGE_VIEWS_FREE_H
#define TRIAGE_VIEWS_FREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "core/json.h"
#include "model/mem.h"

struct free_view {
	int exponent;		/* 0 default (KiB), 1 bytes, 2 kilo/kibi, 3 mega/mebi ... */
	bool si;		/* powers of 1000 (--kilo, --mega ..., --si) */
	bool human;		/* -h */
	bool wide;		/* -w: buffers and cache apart */
	bool lohi;		/* -l */
	bool total;		/* -t */
	bool committed;		/* -v */
};

/* free -h's scaling of kB: "0B", "1.5Gi", "335Mi", "23G" (--si) ...: the
 * shortest of value+unit that fits 4 (si) or 5 columns, as procps'
 * scale_size() does. Writes into buf and returns it. */
const char *free_human(char *buf, size_t size, long long kb, bool si);

void free_print(FILE *f, const struct free_view *v, const struct mem_free *m);

/* JSON: {"command": "free", "unit": "KiB", "samples": [ {"mem": {...},
 * "swap": {...}, "total": {...}, "commit": {"limit", "committed_as"}}, ... ]}; always KiB. */
void free_json_begin(struct json *j);
/* Without a count (free -s alone) each sample is a JSON Lines line of its own. */
void free_json_sample(struct json *j, const struct free_view *v, const struct mem_free *m, time_t when);
void free_json_end(struct json *j);

#endif
