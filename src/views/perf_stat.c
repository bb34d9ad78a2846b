#include "views/perf_stat.h"

#include <math.h>
#include <string.h>

#include "core/escape.h"
#include "core/json.h"

const char *const perf_stat_state_text[PSTAT_GONE + 1] = {
	[PSTAT_OK] = "",
	[PSTAT_NOT_SUPPORTED] = "<not supported>",
	[PSTAT_NOT_COUNTED] = "<not counted>",
	[PSTAT_NO_PERMISSION] = "<no permission>",
	[PSTAT_GONE] = "<target gone>",
};

const char *const perf_stat_state_json[PSTAT_GONE + 1] = {
	[PSTAT_OK] = "ok",
	[PSTAT_NOT_SUPPORTED] = "not supported",
	[PSTAT_NOT_COUNTED] = "not counted",
	[PSTAT_NO_PERMISSION] = "no permission",
	[PSTAT_GONE] = "target gone",
};

/* An integer with thousands separators, as perf stat prints in C.UTF-8. */
static void fmt_thousands(char *out, size_t size, double v)
{
	char tmp[64];
	size_t n, o = 0;

	snprintf(tmp, sizeof(tmp), "%.0f", v);
	n = strlen(tmp);
	for (size_t i = 0; i < n && o + 2 < size; i++) {
		out[o++] = tmp[i];
		if (tmp[i] != '-' && (n - i - 1) % 3 == 0 && i + 1 < n)
			out[o++] = ',';
	}
	out[o] = '\0';
}

/* Per-second rate in perf's units. */
static void fmt_rate(char *out, size_t size, double r)
{
	if (isnan(r))
		snprintf(out, size, "-");
	else if (r >= 1e9)
		snprintf(out, size, "%8.3f G/sec", r / 1e9);
	else if (r >= 1e6)
		snprintf(out, size, "%8.3f M/sec", r / 1e6);
	else if (r >= 1e3)
		snprintf(out, size, "%8.3f K/sec", r / 1e3);
	else
		snprintf(out, size, "%8.3f /sec", r);
}

static void print_event(FILE *f, const struct perf_stat_model *m, const struct perf_stat_ev *e)
{
	const char *name = perf_ev_desc(e->ev)->name;
	char num[64], note[96] = "";

	if (e->state != PSTAT_OK) {
		fprintf(f, "%18s      %s\n", perf_stat_state_text[e->state], name);
		return;
	}
	if (e->ev == PEV_TASK_CLOCK || e->ev == PEV_CPU_CLOCK) {
		fprintf(f, "%18.2f msec %-22s #  %7.3f CPUs utilized\n", e->value / 1e6, name,
			m->cpus_utilized);
		return;
	}
	fmt_thousands(num, sizeof(num), e->value);
	if (e->ev == PEV_INSTRUCTIONS && !isnan(m->ipc))
		snprintf(note, sizeof(note), "#  %7.2f insn per cycle", m->ipc);
	else if (e->ev == PEV_CYCLES && !isnan(m->ghz))
		snprintf(note, sizeof(note), "#  %7.3f GHz", m->ghz);
	else if (e->ev == PEV_BRANCH_MISSES && !isnan(m->branch_miss_pct))
		snprintf(note, sizeof(note), "#  %6.2f%% of all branches", m->branch_miss_pct);
	else if (e->ev == PEV_CACHE_MISSES && !isnan(m->cache_miss_pct))
		snprintf(note, sizeof(note), "#  %6.2f%% of all cache refs", m->cache_miss_pct);
	else if (e->ev == PEV_LLC_LOAD_MISSES && !isnan(m->llc_miss_pct))
		snprintf(note, sizeof(note), "#  %6.2f%% of all LL-cache accesses", m->llc_miss_pct);
	else {
		char r[48];

		fmt_rate(r, sizeof(r), e->per_s);
		snprintf(note, sizeof(note), "#  %s", r);
	}
	fprintf(f, "%18s      %-22s %s", num, name, note);
	if (e->running_pct < 99.995)
		fprintf(f, "  (%.2f%%)", e->running_pct);
	fputc('\n', f);
}

static void print_verdict(FILE *f, const struct perf_stat_model *m)
{
	switch (m->verdict) {
	case PVERD_NONE:
		fputs(" No CPU time was measured.\n", f);
		break;
	case PVERD_NO_HW:
		fprintf(f, " IPC unknown: hardware counters are not supported here (%d events; a virtual\n"
			" machine without a virtual PMU?). %.2f CPUs utilized; see where the time goes\n"
			" with `triage profile`.\n", m->n_not_supported, m->cpus_utilized);
		break;
	case PVERD_STALLED_MEM:
		fprintf(f, " IPC %.2f: stalled, likely on memory: see cache-misses (%.1f%% of references).\n",
			m->ipc, m->cache_miss_pct);
		break;
	case PVERD_STALLED:
		fprintf(f, " IPC %.2f: stalled (memory, branch mispredictions or the front end).\n", m->ipc);
		break;
	case PVERD_MODERATE:
		fprintf(f, " IPC %.2f: moderate; neither clearly stalled nor instruction-bound.\n", m->ipc);
		break;
	case PVERD_HIGH_IPC:
		fprintf(f, " IPC %.2f: instruction-bound: do less work (see `triage profile`).\n", m->ipc);
		break;
	case PVERD_OFF_CPU:
		fprintf(f, " %.2f CPUs utilized: mostly off-CPU (sleeping, I/O, locks): see\n"
			" `triage offcputime`.%s\n", m->cpus_utilized,
			isnan(m->ipc) ? " IPC unknown: no hardware counters here." : "");
		break;
	}
}

void perf_stat_print(FILE *f, const struct perf_stat_report *r)
{
	const struct perf_stat_model *m = r->m;

	fputs("\n Performance counter stats for ", f);
	if (r->is_command) {
		fputc('\'', f);
		esc_term_fputs(f, r->target, strlen(r->target));
		fputc('\'', f);
	} else {
		esc_term_fputs(f, r->target, strlen(r->target));
	}
	fputs(":\n\n", f);
	for (size_t i = 0; i < m->n; i++)
		print_event(f, m, &m->ev[i]);
	fprintf(f, "\n%18.9f seconds time elapsed\n", m->elapsed_s);
	if (!isnan(r->user_s))
		fprintf(f, "%18.9f seconds user\n%18.9f seconds sys\n", r->user_s, r->sys_s);
	fputc('\n', f);
	print_verdict(f, m);
}

const char *const perf_stat_verdict_json[PVERD_OFF_CPU + 1] = {
	[PVERD_NONE] = "none", [PVERD_NO_HW] = "no hardware counters",
	[PVERD_STALLED_MEM] = "stalled on memory", [PVERD_STALLED] = "stalled",
	[PVERD_MODERATE] = "moderate", [PVERD_HIGH_IPC] = "instruction-bound",
	[PVERD_OFF_CPU] = "off-CPU",
};

void perf_stat_print_json(FILE *f, const struct perf_stat_report *r)
{
	const struct perf_stat_model *m = r->m;
	struct json j;

	json_init(&j, f, true);
	json_obj_begin(&j, NULL);
	json_str(&j, "target", r->target);
	json_double(&j, "elapsed_s", m->elapsed_s, 9);
	if (!isnan(r->user_s)) {
		json_double(&j, "user_s", r->user_s, 6);
		json_double(&j, "sys_s", r->sys_s, 6);
	}
	json_arr_begin(&j, "events");
	for (size_t i = 0; i < m->n; i++) {
		const struct perf_stat_ev *e = &m->ev[i];

		json_obj_begin(&j, NULL);
		json_str(&j, "name", perf_ev_desc(e->ev)->name);
		json_str(&j, "state", perf_stat_state_json[e->state]);
		json_double(&j, "value", e->value, 0);
		json_str(&j, "unit", e->ev == PEV_TASK_CLOCK || e->ev == PEV_CPU_CLOCK ? "ns" : "count");
		json_double(&j, "running_pct", e->running_pct, 2);
		json_double(&j, "per_s", e->per_s, 3);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_begin(&j, "derived");
	json_double(&j, "cpu_s", m->cpu_s, 9);
	json_double(&j, "cpus_utilized", m->cpus_utilized, 3);
	json_double(&j, "ghz", m->ghz, 3);
	json_double(&j, "ipc", m->ipc, 2);
	json_double(&j, "branch_miss_pct", m->branch_miss_pct, 2);
	json_double(&j, "cache_miss_pct", m->cache_miss_pct, 2);
	json_double(&j, "llc_miss_pct", m->llc_miss_pct, 2);
	json_obj_end(&j);
	json_str(&j, "verdict", perf_stat_verdict_json[m->verdict]);
	json_obj_end(&j);
	json_end(&j);
}
