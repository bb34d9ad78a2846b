#include "views/memleak.h"

#include <inttypes.h>
#include <string.h>

#include "core/escape.h"

static void losses(FILE *f, const struct memleak_report *r)
{
	if (r->lost[ML_ALLOCS_FULL])
		fprintf(f, "lost: %" PRIu64 " allocations not tracked (at most %d outstanding)\n",
			r->lost[ML_ALLOCS_FULL], MEMLEAK_MAX_ALLOCS);
	if (r->lost[ML_THREADS_FULL])
		fprintf(f, "lost: %" PRIu64 " calls not tracked (at most %d threads inside one)\n",
			r->lost[ML_THREADS_FULL], MEMLEAK_MAX_THREADS);
	if (r->lost[ML_STACKS_LOST])
		fprintf(f, "lost: %" PRIu64 " stacks not captured (at most %d stacks, or a collision)\n",
			r->lost[ML_STACKS_LOST], MEMLEAK_MAX_STACKS);
}

void memleak_print(FILE *f, const struct memleak_report *r, const char *clock, memleak_sym_fn sym,
		   void *ctx)
{
	char buf[1024];
	const char *name;

	fprintf(f, "[%s] Top %zu stacks with outstanding allocations:\n", clock, r->ntop);
	for (size_t i = 0; i < r->ntop; i++) {
		const struct memleak_stack *s = &r->top[i];

		fprintf(f, "\t%" PRIu64 " bytes in %" PRIu64 " allocations from stack (oldest %.1f s)\n",
			s->bytes, s->allocs, (double)s->oldest_ns / 1e9);
		if (s->nframes < 0)
			fputs("\t\t[stack not captured]\n", f);
		for (int n = 0; n < s->nframes; n++) {
			name = sym(ctx, s->frames[n], buf, sizeof(buf));
			fputs("\t\t", f);
			esc_term_fputs(f, name, strlen(name));
			fputc('\n', f);
		}
	}
	fprintf(f, "[%s] %" PRIu64 " bytes in %" PRIu64 " allocations outstanding, from %zu stacks\n",
		clock, r->bytes, r->allocs, r->nstacks);
	losses(f, r);
}

void memleak_json(struct json *j, const struct memleak_report *r, int pid, long long time, bool final,
		  memleak_sym_fn sym, void *ctx)
{
	char buf[1024];

	json_obj_begin(j, NULL);
	json_int(j, "time", time);
	json_int(j, "pid", pid);
	json_bool(j, "final", final);
	json_uint(j, "outstanding_bytes", r->bytes);
	json_uint(j, "outstanding_allocs", r->allocs);
	json_uint(j, "stacks", r->nstacks);
	json_arr_begin(j, "top");
	for (size_t i = 0; i < r->ntop; i++) {
		const struct memleak_stack *s = &r->top[i];

		json_obj_begin(j, NULL);
		json_uint(j, "bytes", s->bytes);
		json_uint(j, "allocs", s->allocs);
		json_double(j, "oldest_s", (double)s->oldest_ns / 1e9, 3);
		if (s->nframes < 0) {
			json_null(j, "frames");
		} else {
			json_arr_begin(j, "frames");
			for (int n = 0; n < s->nframes; n++)
				json_str(j, NULL, sym(ctx, s->frames[n], buf, sizeof(buf)));
			json_arr_end(j);
		}
		json_obj_end(j);
	}
	json_arr_end(j);
	json_obj_begin(j, "lost");
	json_uint(j, "allocs_map_full", r->lost[ML_ALLOCS_FULL]);
	json_uint(j, "threads_map_full", r->lost[ML_THREADS_FULL]);
	json_uint(j, "stacks", r->lost[ML_STACKS_LOST]);
	json_obj_end(j);
	json_obj_end(j);
}
