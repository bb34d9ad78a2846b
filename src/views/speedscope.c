#include "views/speedscope.h"

#include <errno.h>
#include <stdlib.h>

#include "core/json.h"
#include "views/frame_tab.h"

struct ss_ctx {
	struct frame_tab *ft;
	struct json *j;		/* NULL: only intern */
};

static int frame(void *ctx, const char *p, size_t n)
{
	struct ss_ctx *c = ctx;
	long k = frame_tab_intern(c->ft, p, n);

	if (k < 0)
		return (int)k;
	if (c->j)
		json_uint(c->j, NULL, (unsigned long long)k);
	return 0;
}

static void profile(struct json *j, struct frame_tab *ft, const struct stack_ent **v, size_t n,
		    const char *name, const char *unit)
{
	struct ss_ctx c = { ft, j };
	uint64_t total = 0;

	for (size_t i = 0; i < n; i++)
		total += v[i]->count;
	json_obj_begin(j, NULL);
	json_str(j, "type", "sampled");
	json_str(j, "name", name);
	json_str(j, "unit", unit);
	json_uint(j, "startValue", 0);
	json_uint(j, "endValue", total);
	json_arr_begin(j, "samples");
	for (size_t i = 0; i < n; i++) {
		json_arr_begin(j, NULL);
		frame_each(v[i]->key, v[i]->len, frame, &c);	/* all interned: no error */
		json_arr_end(j);
	}
	json_arr_end(j);
	json_arr_begin(j, "weights");
	for (size_t i = 0; i < n; i++)
		json_uint(j, NULL, v[i]->count);
	json_arr_end(j);
	json_obj_end(j);
}

int speedscope_write(FILE *f, const struct stacks *s, const char *name, const char *unit)
{
	const struct stack_ent **v = stacks_sorted(s);
	struct frame_tab ft;
	struct ss_ctx c = { &ft, NULL };
	struct json j;
	int rc = 0;

	if (!v && s->n)
		return -ENOMEM;
	name = name ? name : "triage profile";
	frame_tab_init(&ft);
	for (size_t i = 0; i < s->n && !rc; i++)
		rc = frame_each(v[i]->key, v[i]->len, frame, &c);
	if (!rc) {
		json_init(&j, f, false);
		json_obj_begin(&j, NULL);
		json_str(&j, "$schema", "https://www.speedscope.app/file-format-schema.json");
		json_obj_begin(&j, "shared");
		json_arr_begin(&j, "frames");
		for (size_t k = 0; k < ft.n; k++) {
			json_obj_begin(&j, NULL);
			json_strn(&j, "name", ft.v[k].p, ft.v[k].len);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_obj_end(&j);
		json_arr_begin(&j, "profiles");
		profile(&j, &ft, v, s->n, name, unit);
		json_arr_end(&j);
		json_str(&j, "name", name);
		json_uint(&j, "activeProfileIndex", 0);
		json_str(&j, "exporter", "triage");
		json_obj_end(&j);
		json_end(&j);
	}
	frame_tab_free(&ft);
	free(v);
	return rc;
}
