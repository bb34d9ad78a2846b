#include "views/syscount.h"

#include <inttypes.h>
#include <time.h>

#include "bpf/syscall_names.h"
#include "core/json.h"

void syscount_print(FILE *f, const struct syscount_table *t, const char *clock)
{
	char num[24];

	if (clock)
		fprintf(f, "[%s]\n", clock);
	fprintf(f, "%-22s %10s %8s", "SYSCALL", "COUNT", "ERRORS");
	if (t->latency)
		fprintf(f, " %12s %10s %10s", "TOTAL(ms)", "AVG(us)", "MAX(us)");
	fputc('\n', f);
	for (size_t i = 0; i < t->n; i++) {
		const struct syscount_row *r = &t->rows[i];
		const char *name = syscall_name(r->nr);

		if (!name) {
			snprintf(num, sizeof(num), "[%ld]", r->nr);
			name = num;
		}
		fprintf(f, "%-22s %10" PRIu64 " %8" PRIu64, name, r->count, r->errors);
		if (t->latency)
			fprintf(f, " %12.3f %10.3f %10.3f", (double)r->total_ns / 1e6,
				r->avg_ns / 1e3, (double)r->max_ns / 1e3);
		fputc('\n', f);
	}
	fputc('\n', f);
}

void syscount_print_json(FILE *f, const struct syscount_table *t)
{
	struct json j;

	json_init(&j, f, false);
	json_obj_begin(&j, NULL);
	json_int(&j, "time", (long long)time(NULL));
	json_arr_begin(&j, "syscalls");
	for (size_t i = 0; i < t->n; i++) {
		const struct syscount_row *r = &t->rows[i];

		json_obj_begin(&j, NULL);
		json_int(&j, "nr", r->nr);
		json_str(&j, "name", syscall_name(r->nr));
		json_uint(&j, "count", r->count);
		json_uint(&j, "errors", r->errors);
		if (t->latency) {
			json_uint(&j, "total_ns", r->total_ns);
			json_uint(&j, "max_ns", r->max_ns);
		}
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}
