#include "views/profile_json.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"

int profile_json_write(FILE *f, const struct stacks *s, const struct profile_summary *sum)
{
	const struct stack_ent **v = stacks_sorted(s);
	struct json j;

	if (!v && s->n)
		return -ENOMEM;
	json_init(&j, f, false);
	json_obj_begin(&j, NULL);
	if (sum->freq)
		json_uint(&j, "frequency_hz", sum->freq);
	json_uint(&j, "samples", sum->samples);
	json_uint(&j, "lost", sum->lost);
	json_uint(&j, "dropped", s->dropped_samples);
	json_uint(&j, "distinct_stacks", s->n);
	json_double(&j, "single_frame_user_stacks_pct", sum->depth1_pct, 1);
	json_arr_begin(&j, "stacks");
	for (size_t i = 0; i < s->n; i++) {
		const char *p = v[i]->key, *end = p + v[i]->len;

		json_obj_begin(&j, NULL);
		json_arr_begin(&j, "frames");
		while (p <= end) {
			const char *semi = memchr(p, ';', (size_t)(end - p));
			const char *fe = semi ? semi : end;

			json_strn(&j, NULL, p, (size_t)(fe - p));
			if (!semi)
				break;
			p = semi + 1;
		}
		json_arr_end(&j);
		json_uint(&j, "count", v[i]->count);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
	free(v);
	return 0;
}
