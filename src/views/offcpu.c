#include "views/offcpu.h"

#include <inttypes.h>
#include <string.h>

#include "core/escape.h"
#include "core/json.h"

static void name(FILE *f, const char *s)
{
	esc_term_fputs(f, s, strlen(s));
}

void offcpu_print(FILE *f, const struct offcpu_stacks *st, offcpu_sym_fn sym, void *ctx)
{
	char buf[256];

	for (size_t i = 0; i < st->n; i++) {
		const struct offcpu_stack *s = &st->s[i];
		const uint64_t *u = s->frames, *k = s->frames + (s->nuser > 0 ? s->nuser : 0);

		if (s->nkern < 0)
			fputs("    [Missed Kernel Stack]\n", f);
		for (int j = 0; j < s->nkern; j++) {
			fprintf(f, "    %#" PRIx64 " ", k[j]);
			name(f, sym(ctx, s->tgid, k[j], true, j == 0, buf, sizeof(buf)));
			fputc('\n', f);
		}
		fputs("    --\n", f);
		if (s->nuser < 0)
			fputs("    [Missed User Stack]\n", f);
		for (int j = 0; j < s->nuser; j++) {
			fprintf(f, "    %#" PRIx64 " ", u[j]);
			name(f, sym(ctx, s->tgid, u[j], false, j == 0, buf, sizeof(buf)));
			fputc('\n', f);
		}
		fputs("    -                ", f);
		name(f, s->comm);
		fprintf(f, " (%u)\n        %" PRIu64 "\n\n", s->pid, s->total_us);
	}
	if (st->dropped)
		fprintf(f, "lost %" PRIu64 " blocks (a map was full)\n", st->dropped);
}

void offcpu_print_json(FILE *f, const struct offcpu_stacks *st, offcpu_sym_fn sym, void *ctx)
{
	char buf[256];
	struct json j;

	json_init(&j, f, false);
	json_obj_begin(&j, NULL);
	json_str(&j, "unit", "usecs");
	json_uint(&j, "dropped", st->dropped);
	json_arr_begin(&j, "stacks");
	for (size_t i = 0; i < st->n; i++) {
		const struct offcpu_stack *s = &st->s[i];
		const uint64_t *u = s->frames, *k = s->frames + (s->nuser > 0 ? s->nuser : 0);

		json_obj_begin(&j, NULL);
		json_uint(&j, "pid", s->pid);
		json_uint(&j, "tgid", s->tgid);
		json_str(&j, "comm", s->comm);
		json_uint(&j, "total_us", s->total_us);
		json_uint(&j, "count", s->count);
		json_arr_begin(&j, "kernel");
		for (int n = 0; n < s->nkern; n++)
			json_str(&j, NULL, sym(ctx, s->tgid, k[n], true, n == 0, buf, sizeof(buf)));
		json_arr_end(&j);
		json_arr_begin(&j, "user");
		for (int n = 0; n < s->nuser; n++)
			json_str(&j, NULL, sym(ctx, s->tgid, u[n], false, n == 0, buf, sizeof(buf)));
		json_arr_end(&j);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}
