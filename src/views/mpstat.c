#include "views/mpstat.h"

#include <math.h>

#include "views/mpstat_irq.h"

void mpstat_print_header(FILE *f, const char *label)
{
	fprintf(f, "\n%-11s  CPU    %%usr   %%nice    %%sys %%iowait    %%irq   "
		"%%soft  %%steal  %%guest  %%gnice   %%idle\n", label);
}

static void pct(FILE *f, double v, int dec)
{
	if (isnan(v))
		fprintf(f, " %7s", "-");
	else
		fprintf(f, " %7.*f", dec, v);
}

static void row(FILE *f, const struct cpu_pct *p, int dec)
{
	const double v[] = { p->usr, p->nice, p->sys, p->iowait, p->irq, p->soft,
			     p->steal, p->guest, p->gnice, p->idle };

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		pct(f, v[i], dec);
	fputc('\n', f);
}

static bool shown(const struct cpu_model *m, const struct mpstat_select *sel, int i)
{
	if (m->cpu[i].state == CPU_OFFLINE || m->cpu[i].state == CPU_NEW)
		return false;
	return sel->every || (sel->list && sys_cpu_list_has(sel->list, i));
}

void mpstat_print_rows(FILE *f, const char *label, const struct cpu_model *m,
		       const struct mpstat_select *sel)
{
	if (sel->all) {
		fprintf(f, "%-11s  all", label);
		row(f, &m->all, sel->dec);
	}
	for (int i = 0; i < m->ncpu; i++) {
		if (!shown(m, sel, i))
			continue;
		fprintf(f, "%-11s %4d", label, i);
		row(f, &m->cpu[i].pct, sel->dec);
	}
}

static void json_pct(struct json *j, const char *cpu, const struct cpu_pct *p, int dec)
{
	json_obj_begin(j, NULL);
	json_str(j, "cpu", cpu);
	json_double(j, "usr", p->usr, dec);
	json_double(j, "nice", p->nice, dec);
	json_double(j, "sys", p->sys, dec);
	json_double(j, "iowait", p->iowait, dec);
	json_double(j, "irq", p->irq, dec);
	json_double(j, "soft", p->soft, dec);
	json_double(j, "steal", p->steal, dec);
	json_double(j, "guest", p->guest, dec);
	json_double(j, "gnice", p->gnice, dec);
	json_double(j, "idle", p->idle, dec);
	json_obj_end(j);
}

static void json_load(struct json *j, const struct cpu_model *m, const struct mpstat_select *sel)
{
	char name[16];

	json_arr_begin(j, "cpu_load");
	if (sel->all)
		json_pct(j, "all", &m->all, sel->dec);
	for (int i = 0; i < m->ncpu; i++) {
		if (!shown(m, sel, i))
			continue;
		snprintf(name, sizeof(name), "%d", i);
		json_pct(j, name, &m->cpu[i].pct, sel->dec);
	}
	json_arr_end(j);
}

void mpstat_json_report(struct json *j, const char *timestamp, bool since_boot,
			const struct cpu_model *m, const struct mpstat_select *sel,
			const struct mpstat_irq_report *irq)
{
	json_obj_begin(j, NULL);
	json_str(j, "timestamp", timestamp);
	json_bool(j, "since_boot", since_boot);
	json_double(j, "interval_s", m->dt_s, 2);
	if (!sel->no_util)
		json_load(j, m, sel);
	if (irq)
		mpstat_irq_json(j, irq, sel);
	json_obj_end(j);
}

void mpstat_json_end(struct json *j, const struct cpu_model *avg, const struct mpstat_select *sel,
		     const struct mpstat_irq_report *irq)
{
	json_arr_end(j);
	if (avg) {
		json_obj_begin(j, "average");
		json_double(j, "interval_s", avg->dt_s, 2);
		if (!sel->no_util)
			json_load(j, avg, sel);
		if (irq)
			mpstat_irq_json(j, irq, sel);
		json_obj_end(j);
	}
	json_obj_end(j);
	json_end(j);
}
