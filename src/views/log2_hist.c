#include "views/log2_hist.h"

#include <inttypes.h>
#include <string.h>

#include "core/escape.h"

#define BAR_WIDTH 40

static void stars(FILE *f, uint64_t v, uint64_t max)
{
	int n = max ? (int)(v * BAR_WIDTH / max) : 0;

	for (int i = 0; i < BAR_WIDTH; i++)
		fputc(i < n ? '*' : ' ', f);
}

void log2_hist_print(FILE *f, const struct log2_hist *h, const char *unit)
{
	int last = log2_hist_max_slot(h), first = 0;
	uint64_t max = 0;

	if (last < 0) {
		fprintf(f, "%20s : no events\n", unit);
		return;
	}
	while (!h->slots[first])
		first++;
	for (int i = first; i <= last; i++)
		if (h->slots[i] > max)
			max = h->slots[i];
	/* wider columns once the bounds need them, as print_log2_hist does */
	int w = log2_slot_high(last) > 9999999999ULL ? 20 : 10;
	fprintf(f, "%*s%-*s : count    distribution\n", w - 5, "", w + 9, unit);
	for (int i = first; i <= last; i++) {
		fprintf(f, "%*" PRIu64 " -> %-*" PRIu64 " : %-8" PRIu64 " |", w, log2_slot_low(i),
			w, log2_slot_high(i), h->slots[i]);
		stars(f, h->slots[i], max);
		fputs("|\n", f);
	}
}

void log2_hists_print(FILE *f, const struct log2_hists *hs)
{
	for (size_t i = 0; i < hs->n; i++) {
		const struct log2_hist *h = &hs->h[i];

		if (hs->key_name) {
			fprintf(f, "\n%s = ", hs->key_name);
			if (!strcmp(hs->key_name, "disk") || !strcmp(hs->key_name, "flags")) {
				esc_term_fputs(f, h->name, strlen(h->name));
			} else {
				fprintf(f, "%ld", h->key);
				if (h->name[0]) {
					fputc(' ', f);
					esc_term_fputs(f, h->name, strlen(h->name));
				}
			}
			fputc('\n', f);
		}
		log2_hist_print(f, h, hs->unit);
	}
	if (!hs->n)
		fprintf(f, "%20s : no events\n", hs->unit);
	if (hs->dropped)
		fprintf(f, "lost events: %" PRIu64 "\n", hs->dropped);
}

void log2_hists_json(struct json *j, const char *key, const struct log2_hists *hs)
{
	json_obj_begin(j, key);
	json_str(j, "unit", hs->unit);
	json_str(j, "key", hs->key_name);
	json_uint(j, "dropped", hs->dropped);
	json_arr_begin(j, "histograms");
	for (size_t i = 0; i < hs->n; i++) {
		const struct log2_hist *h = &hs->h[i];

		json_obj_begin(j, NULL);
		if (hs->key_name)
			json_int(j, "key", h->key);
		if (h->name[0])
			json_str(j, "name", h->name);
		json_uint(j, "count", h->count);
		json_uint(j, "sum", h->sum);
		json_double(j, "mean", log2_hist_mean(h), 1);
		json_uint(j, "p50_max", log2_hist_percentile(h, 50));
		json_uint(j, "p99_max", log2_hist_percentile(h, 99));
		json_arr_begin(j, "slots");
		for (int s = 0; s < HIST_SLOTS; s++) {
			if (!h->slots[s])
				continue;
			json_obj_begin(j, NULL);
			json_uint(j, "low", log2_slot_low(s));
			json_uint(j, "high", log2_slot_high(s));
			json_uint(j, "count", h->slots[s]);
			json_obj_end(j);
		}
		json_arr_end(j);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_obj_end(j);
}
