#include "views/syslat.h"

#include <string.h>

#include "bpf/syscall_names.h"
#include "bpf/syslat.h"
#include "core/escape.h"
#include "core/json.h"
#include "views/log2_hist.h"

static const char *name_of(long key, char *buf, size_t size)
{
	const char *n = syscall_name(SYSLAT_KEY_NR(key));

	if (n)
		return n;
	snprintf(buf, size, "[%ld]", SYSLAT_KEY_NR(key));
	return buf;
}

void syslat_print(FILE *f, const struct log2_hists *hs, bool per_proc, const char *clock)
{
	char nb[24];

	if (clock)
		fprintf(f, "%-8s\n", clock);
	for (size_t i = 0; i < hs->n; i++) {
		const struct log2_hist *h = &hs->h[i];

		fprintf(f, "\nsyscall = %s", name_of(h->key, nb, sizeof(nb)));
		if (per_proc) {
			fprintf(f, ", pid = %ld (", SYSLAT_KEY_PID(h->key));
			esc_term_fputs(f, h->name, strnlen(h->name, sizeof(h->name)));
			fputc(')', f);
		}
		fputc('\n', f);
		log2_hist_print(f, h, hs->unit);
	}
	if (!hs->n)
		fprintf(f, "%20s : no events\n", hs->unit);
	if (hs->dropped)
		fprintf(f, "lost events: %llu (the histogram map was full)\n",
			(unsigned long long)hs->dropped);
}

void syslat_print_json(FILE *f, const struct log2_hists *hs, bool per_proc, long long time)
{
	struct json j;
	char nb[24];

	json_init(&j, f, false);
	json_obj_begin(&j, NULL);
	json_int(&j, "time", time);
	json_str(&j, "unit", hs->unit);
	json_uint(&j, "dropped", hs->dropped);
	json_arr_begin(&j, "histograms");
	for (size_t i = 0; i < hs->n; i++) {
		const struct log2_hist *h = &hs->h[i];

		json_obj_begin(&j, NULL);
		json_str(&j, "syscall", name_of(h->key, nb, sizeof(nb)));
		if (per_proc) {
			json_int(&j, "pid", SYSLAT_KEY_PID(h->key));
			json_strn(&j, "comm", h->name, strnlen(h->name, sizeof(h->name)));
		}
		json_uint(&j, "count", h->count);
		json_uint(&j, "sum", h->sum);
		json_double(&j, "mean", log2_hist_mean(h), 1);
		json_uint(&j, "p50_max", log2_hist_percentile(h, 50));
		json_uint(&j, "p99_max", log2_hist_percentile(h, 99));
		json_arr_begin(&j, "slots");
		for (int s = 0; s < HIST_SLOTS; s++) {
			if (!h->slots[s])
				continue;
			json_obj_begin(&j, NULL);
			json_uint(&j, "low", log2_slot_low(s));
			json_uint(&j, "high", log2_slot_high(s));
			json_uint(&j, "count", h->slots[s]);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}
