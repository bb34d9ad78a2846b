#include "views/mpstat.h"

#include <math.h>

void mpstat_print_banner(FILE *f, const struct mpstat_banner *b)
{
	fprintf(f, "%s %s (%s) \t%s \t_%s_\t(%d CPU)\n", b->sysname, b->release,
		b->nodename, b->date, b->machine, b->ncpu);
}

void mpstat_print_header(FILE *f, const char *label)
{
	fprintf(f, "\n%-11s  CPU    %%usr   %%nice    %%sys %%iowait    %%irq   "
		"%%soft  %%steal  %%guest  %%gnice   %%idle\n", label);
}

static void pct(FILE *f, double v)
{
	if (isnan(v))
		fprintf(f, " %7s", "-");
	else
		fprintf(f, " %7.2f", v);
}

static void row(FILE *f, const struct cpu_pct *p)
{
	pct(f, p->usr);
	pct(f, p->nice);
	pct(f, p->sys);
	pct(f, p->iowait);
	pct(f, p->irq);
	pct(f, p->soft);
	pct(f, p->steal);
	pct(f, p->guest);
	pct(f, p->gnice);
	pct(f, p->idle);
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
		row(f, &m->all);
	}
	for (int i = 0; i < m->ncpu; i++) {
		if (!shown(m, sel, i))
			continue;
		fprintf(f, "%-11s %4d", label, i);
		row(f, &m->cpu[i].pct);
	}
}

void mpstat_json_begin(struct json *j, const struct mpstat_banner *b)
{
	json_obj_begin(j, NULL);
	json_str(j, "command", "mpstat");
	json_str(j, "sysname", b->sysname);
	json_str(j, "release", b->release);
	json_str(j, "nodename", b->nodename);
	json_str(j, "machine", b->machine);
	json_int(j, "number_of_cpus", b->ncpu);
	json_str(j, "date", b->date);
	json_arr_begin(j, "statistics");
}

static void json_pct(struct json *j, const char *cpu, const struct cpu_pct *p)
{
	json_obj_begin(j, NULL);
	json_str(j, "cpu", cpu);
	json_double(j, "usr", p->usr, 2);
	json_double(j, "nice", p->nice, 2);
	json_double(j, "sys", p->sys, 2);
	json_double(j, "iowait", p->iowait, 2);
	json_double(j, "irq", p->irq, 2);
	json_double(j, "soft", p->soft, 2);
	json_double(j, "steal", p->steal, 2);
	json_double(j, "guest", p->guest, 2);
	json_double(j, "gnice", p->gnice, 2);
	json_double(j, "idle", p->idle, 2);
	json_obj_end(j);
}

static void json_load(struct json *j, const struct cpu_model *m, const struct mpstat_select *sel)
{
	char name[16];

	json_arr_begin(j, "cpu_load");
	if (sel->all)
		json_pct(j, "all", &m->all);
	for (int i = 0; i < m->ncpu; i++) {
		if (!shown(m, sel, i))
			continue;
		snprintf(name, sizeof(name), "%d", i);
		json_pct(j, name, &m->cpu[i].pct);
	}
	json_arr_end(j);
}

void mpstat_json_report(struct json *j, const char *timestamp, bool since_boot,
			const struct cpu_model *m, const struct mpstat_select *sel)
{
	json_obj_begin(j, NULL);
	json_str(j, "timestamp", timestamp);
	json_bool(j, "since_boot", since_boot);
	json_double(j, "interval_s", m->dt_s, 2);
	json_load(j, m, sel);
	json_obj_end(j);
}

void mpstat_json_end(struct json *j, const struct cpu_model *avg, const struct mpstat_select *sel)
{
	json_arr_end(j);
	if (avg) {
		json_obj_begin(j, "average");
		json_double(j, "interval_s", avg->dt_s, 2);
		json_load(j, avg, sel);
		json_obj_end(j);
	}
	json_obj_end(j);
	json_end(j);
}
