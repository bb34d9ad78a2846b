#include "views/mpstat_irq.h"

#include <string.h>

#include "views/cols.h"

/* CPU rows of CPU/SCPU: every CPU without -P, else those -P names. SUM's
 * CPU rows: only those -P names (ALL: every). */
static bool cpu_shown(const struct mpstat_select *sel, int cpu, bool sum)
{
	if (sel->every)
		return true;
	if (sel->list)
		return sys_cpu_list_has(sel->list, cpu);
	return !sum;
}

static void print_sum(FILE *f, const char *pl, const char *cl, const struct mpstat_irq_report *r,
		      const struct mpstat_select *sel)
{
	const struct irq_table *t = r->intr ? r->intr->t : NULL;

	fprintf(f, "\n%-11s  CPU %9s\n", pl, "intr/s");
	if (sel->all) {
		fprintf(f, "%-11s  all", cl);
		cols_num(f, 9, sel->dec, r->all_intr_s);
		fputc('\n', f);
	}
	for (size_t k = 0; t && k < t->ncpu; k++) {
		if (!cpu_shown(sel, t->cpus[k], true))
			continue;
		fprintf(f, "%-11s %4d", cl, t->cpus[k]);
		cols_num(f, 9, sel->dec, r->intr->sum[k]);
		fputc('\n', f);
	}
}

/* A column's width: 10, or the name and "/s" when longer (and its blank) */
static int width(const char *name)
{
	size_t n = esc_term_width(name, strlen(name)) + 2;

	return n > 10 ? (int)n : 10;
}

static void print_table(FILE *f, const char *pl, const char *cl, const struct irq_rates *q,
			const struct mpstat_select *sel)
{
	const struct irq_table *t = q->t;

	fprintf(f, "\n%-11s  CPU", pl);
	for (size_t i = 0; i < t->n; i++) {
		int w = width(t->rows[i].name);

		fputc(' ', f);
		cols_name(f, t->rows[i].name, w - 2, 0);
		fputs("/s", f);
	}
	fputc('\n', f);
	for (size_t k = 0; k < t->ncpu; k++) {
		if (!cpu_shown(sel, t->cpus[k], false))
			continue;
		fprintf(f, "%-11s %4d", cl, t->cpus[k]);
		for (size_t i = 0; i < t->n; i++)
			cols_num(f, width(t->rows[i].name), sel->dec, q->v[i * t->ncpu + k]);
		fputc('\n', f);
	}
}

void mpstat_irq_print(FILE *f, const char *pl, const char *cl, const struct mpstat_irq_report *r,
		      const struct mpstat_select *sel)
{
	if (r->what & MPSTAT_I_SUM)
		print_sum(f, pl, cl, r, sel);
	if ((r->what & MPSTAT_I_CPU) && r->intr)
		print_table(f, pl, cl, r->intr, sel);
	if ((r->what & MPSTAT_I_SCPU) && r->soft)
		print_table(f, pl, cl, r->soft, sel);
}

static void json_table(struct json *j, const char *key, const struct irq_rates *q,
		       const struct mpstat_select *sel)
{
	const struct irq_table *t = q ? q->t : NULL;
	char cpu[16];

	if (!t) {
		json_null(j, key);
		return;
	}
	json_arr_begin(j, key);
	for (size_t k = 0; k < t->ncpu; k++) {
		if (!cpu_shown(sel, t->cpus[k], false))
			continue;
		snprintf(cpu, sizeof(cpu), "%d", t->cpus[k]);
		json_obj_begin(j, NULL);
		json_str(j, "cpu", cpu);
		json_arr_begin(j, "intr");
		for (size_t i = 0; i < t->n; i++) {
			json_obj_begin(j, NULL);
			json_str(j, "name", t->rows[i].name);
			json_double(j, "rate_s", q->v[i * t->ncpu + k], 2);
			json_obj_end(j);
		}
		json_arr_end(j);
		json_obj_end(j);
	}
	json_arr_end(j);
}

void mpstat_irq_json(struct json *j, const struct mpstat_irq_report *r,
		     const struct mpstat_select *sel)
{
	const struct irq_table *t = r->intr ? r->intr->t : NULL;
	char cpu[16];

	if (r->what & MPSTAT_I_SUM) {
		json_arr_begin(j, "sum_interrupts");
		if (sel->all) {
			json_obj_begin(j, NULL);
			json_str(j, "cpu", "all");
			json_double(j, "intr_s", r->all_intr_s, 2);
			json_obj_end(j);
		}
		for (size_t k = 0; t && k < t->ncpu; k++) {
			if (!cpu_shown(sel, t->cpus[k], true))
				continue;
			snprintf(cpu, sizeof(cpu), "%d", t->cpus[k]);
			json_obj_begin(j, NULL);
			json_str(j, "cpu", cpu);
			json_double(j, "intr_s", r->intr->sum[k], 2);
			json_obj_end(j);
		}
		json_arr_end(j);
	}
	if (r->what & MPSTAT_I_CPU)
		json_table(j, "individual_interrupts", r->intr, sel);
	if (r->what & MPSTAT_I_SCPU)
		json_table(j, "soft_interrupts", r->soft, sel);
}
