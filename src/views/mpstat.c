#include "views/mpstat.h"

#include <math.h>

#include "views/mpstat_irq.h"

#define PCT_HEAD "    %%usr   %%nice    %%sys %%iowait    %%irq   " \
		 "%%soft  %%steal  %%guest  %%gnice   %%idle\n"

void mpstat_print_header(FILE *f, const char *label, const struct mpstat_select *sel)
{
	fprintf(f, "\n%-11s  CPU%s" PCT_HEAD, label, sel->topo ? " CORE SOCK NODE" : "");
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
	const struct sys_cpu_topo *t = sel->topo;

	if (sel->all) {
		fprintf(f, "%-11s  all%s", label, t ? "               " : "");
		row(f, &m->all, sel->dec);
	}
	for (int i = 0; i < m->ncpu; i++) {
		if (!shown(m, sel, i))
			continue;
		fprintf(f, "%-11s %4d", label, i);
		if (t)
			fprintf(f, " %4d %4d %4d", i < t->ncpu ? t->core[i] : -1,
				i < t->ncpu ? t->sock[i] : -1, i < t->ncpu ? t->node[i] : -1);
		row(f, &m->cpu[i].pct, sel->dec);
	}
}

static bool node_shown(const struct mpstat_select *sel, int n)
{
	if (sel->node_m->node[n].state == CPU_OFFLINE)
		return false;
	return sel->node_every || (sel->node_list && sys_cpu_list_has(sel->node_list, n));
}

void mpstat_print_nodes(FILE *f, const char *plabel, const char *clabel, bool hdr,
			const struct cpu_model *m, const struct mpstat_select *sel)
{
	if (hdr)
		fprintf(f, "\n%-11s NODE" PCT_HEAD, plabel);
	if (sel->node_every || !sel->node_list) {
		fprintf(f, "%-11s  all", clabel);
		row(f, &m->all, sel->dec);
	}
	for (int n = 0; sel->node_m && n < sel->node_m->nnodes; n++) {
		if (!node_shown(sel, n))
			continue;
		fprintf(f, "%-11s %4d", clabel, n);
		row(f, &sel->node_m->node[n].pct, sel->dec);
	}
}

static void json_pct(struct json *j, const char *key, const char *cpu, const struct cpu_pct *p,
		     int dec, const struct sys_cpu_topo *t, int i)
{
	json_obj_begin(j, NULL);
	json_str(j, key, cpu);
	if (t && i >= 0 && i < t->ncpu) {
		json_int(j, "core", t->core[i]);
		json_int(j, "socket", t->sock[i]);
		json_int(j, "node", t->node[i]);
	}
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

	if (!sel->no_util) {
		json_arr_begin(j, "cpu_load");
		if (sel->all)
			json_pct(j, "cpu", "all", &m->all, sel->dec, NULL, -1);
		for (int i = 0; i < m->ncpu; i++) {
			if (!shown(m, sel, i))
				continue;
			snprintf(name, sizeof(name), "%d", i);
			json_pct(j, "cpu", name, &m->cpu[i].pct, sel->dec, sel->topo, i);
		}
		json_arr_end(j);
	}
	if (!sel->nodes)
		return;
	json_arr_begin(j, "node_load");
	if (sel->node_every || !sel->node_list)
		json_pct(j, "node", "all", &m->all, sel->dec, NULL, -1);
	for (int n = 0; sel->node_m && n < sel->node_m->nnodes; n++) {
		if (!node_shown(sel, n))
			continue;
		snprintf(name, sizeof(name), "%d", n);
		json_pct(j, "node", name, &sel->node_m->node[n].pct, sel->dec, NULL, -1);
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
	json_load(j, m, sel);
	if (irq)
		mpstat_irq_json(j, irq, sel);
	json_obj_end(j);
}

static void average_obj(struct json *j, const struct cpu_model *avg,
			const struct mpstat_select *sel, const struct mpstat_irq_report *irq)
{
	json_obj_begin(j, "average");
	json_double(j, "interval_s", avg->dt_s, 2);
	json_load(j, avg, sel);
	if (irq)
		mpstat_irq_json(j, irq, sel);
	json_obj_end(j);
}

void mpstat_json_end(struct json *j, const struct cpu_model *avg, const struct mpstat_select *sel,
		     const struct mpstat_irq_report *irq)
{
	json_arr_end(j);
	if (avg)
		average_obj(j, avg, sel, irq);
	json_obj_end(j);
	json_end(j);
}

void mpstat_json_average_line(struct json *j, FILE *f, const struct cpu_model *avg,
			      const struct mpstat_select *sel, const struct mpstat_irq_report *irq)
{
	json_init(j, f, false);
	json_obj_begin(j, NULL);
	average_obj(j, avg, sel, irq);
	json_obj_end(j);
	json_end(j);
}
