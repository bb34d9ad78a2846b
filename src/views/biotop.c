#include "views/biotop.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bpf/biolatency_api.h"
#include "core/json.h"
#include "views/cols.h"

static int cmp_row(const void *a, const void *b)
{
	const struct biotop_row *x = a, *y = b;

	if (x->v.bytes != y->v.bytes)
		return x->v.bytes < y->v.bytes ? 1 : -1;
	if (x->v.io != y->v.io)
		return x->v.io < y->v.io ? 1 : -1;
	return (x->k.pid > y->k.pid) - (x->k.pid < y->k.pid);
}

void biotop_sort(struct biotop_row *rows, size_t n)
{
	if (n > 1)
		qsort(rows, n, sizeof(*rows), cmp_row);
}

static double avg_ms(const struct biotop_val *v)
{
	return v->io ? (double)v->lat_ns / (double)v->io / 1e6 : 0;
}

/* R, W, or the first letter of the op's name (F flush, D discard ...). */
static char op_letter(uint32_t op)
{
	char name[32];

	if (op == 0 || op == 1)
		return op ? 'W' : 'R';
	return block_flags_str(op, name, sizeof(name))[0];
}

void biotop_print(FILE *f, const struct biotop_table *t, const char *clock)
{
	fprintf(f, "%-8s loadavg:", clock);
	for (int i = 0; i < 3; i++)
		cols_num(f, 0, 2, t->load[i]);
	fprintf(f, " %u/%u\n", t->running, t->tasks);
	if (t->dropped)
		fprintf(f, "%llu requests not counted (map full)\n", (unsigned long long)t->dropped);
	fprintf(f, "\n%-7s %-16s %1s %-3s %-3s %-8s %5s %7s %6s\n", "PID", "COMM", "D", "MAJ",
		"MIN", "DISK", "I/O", "Kbytes", "AVGms");
	for (size_t i = 0; i < t->shown; i++) {
		const struct biotop_row *r = &t->rows[i];

		fprintf(f, "%-7u ", r->k.pid);
		cols_name(f, r->k.comm, 16, 1);
		fprintf(f, " %c %-3u %-3u ", op_letter(r->k.op), r->k.dev >> 20, r->k.dev & 0xfffff);
		cols_name(f, t->disk[i], 8, 1);
		fprintf(f, " %5llu %7llu %6.2f\n", (unsigned long long)r->v.io,
			(unsigned long long)(r->v.bytes / 1024), avg_ms(&r->v));
	}
	fputc('\n', f);
}

static void row_json(struct json *j, const struct biotop_row *r, const char *disk)
{
	char op[32];

	json_obj_begin(j, NULL);
	json_uint(j, "pid", r->k.pid);
	json_str(j, "comm", r->k.comm);
	json_str(j, "op", block_flags_str(r->k.op, op, sizeof(op)));
	json_uint(j, "major", r->k.dev >> 20);
	json_uint(j, "minor", r->k.dev & 0xfffff);
	json_str(j, "disk", disk);
	json_uint(j, "io", r->v.io);
	json_uint(j, "bytes", r->v.bytes);
	json_uint(j, "kbytes", r->v.bytes / 1024);
	json_double(j, "avg_ms", avg_ms(&r->v), 3);
	json_obj_end(j);
}

void biotop_print_json(FILE *f, const struct biotop_table *t, long long now)
{
	struct json j;

	json_line_begin(&j, f);
	json_obj_begin(&j, NULL);
	json_int(&j, "time", now);
	json_arr_begin(&j, "loadavg");
	for (int i = 0; i < 3; i++)
		json_double(&j, NULL, t->load[i], 2);
	json_arr_end(&j);
	json_uint(&j, "rows_total", t->n);
	json_uint(&j, "dropped", t->dropped);
	json_arr_begin(&j, "rows");
	for (size_t i = 0; i < t->shown; i++)
		row_json(&j, &t->rows[i], t->disk[i]);
	json_arr_end(&j);
	json_obj_end(&j);
	json_line_end(&j);
}
