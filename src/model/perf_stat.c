#include "model/perf_stat.h"

#include <errno.h>
#include <math.h>

#include "model/delta.h"

static enum perf_stat_state state_of(const struct perf_stat_in *in)
{
	switch (in->err) {
	case 0:
		/* A software event of a task that never ran is a true 0; a
		 * hardware one was never on the PMU (perf's <not counted>). */
		if (in->sum.time_running || (!perf_ev_desc(in->ev)->hardware && !in->sum.value))
			return PSTAT_OK;
		return PSTAT_NOT_COUNTED;
	case -EACCES:
	case -EPERM:
		return PSTAT_NO_PERMISSION;
	case -ESRCH:
		return PSTAT_GONE;
	default:
		return PSTAT_NOT_SUPPORTED;
	}
}

const struct perf_stat_ev *perf_stat_find(const struct perf_stat_model *m, enum perf_ev ev)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->ev[i].ev == ev && m->ev[i].state == PSTAT_OK)
			return &m->ev[i];
	return NULL;
}

/* a / b of two events, NAN when either is missing or b is 0. */
static double ratio(const struct perf_stat_model *m, enum perf_ev a, enum perf_ev b, double mul)
{
	const struct perf_stat_ev *x = perf_stat_find(m, a), *y = perf_stat_find(m, b);

	return x && y && y->value > 0 ? x->value / y->value * mul : NAN;
}

static enum perf_stat_verdict verdict(const struct perf_stat_model *m, bool system_wide)
{
	if (!(m->cpu_s > 0))
		return PVERD_NONE;
	if (!system_wide && m->cpus_utilized < 0.5)
		return PVERD_OFF_CPU;
	if (isnan(m->ipc))
		return PVERD_NO_HW;
	/* Thresholds of Brendan Gregg's "CPU Utilization is Wrong" (2017):
	 * IPC < 1.0 likely memory stalled, > 1.0 likely instruction bound;
	 * we keep a middle band, as perf's "insn per cycle" tells nothing. */
	if (m->ipc < 0.7)
		return m->cache_miss_pct >= 10 ? PVERD_STALLED_MEM : PVERD_STALLED;
	return m->ipc < 1.5 ? PVERD_MODERATE : PVERD_HIGH_IPC;
}

void perf_stat_model(const struct perf_stat_in *in, size_t n, double elapsed_s,
		     bool system_wide, struct perf_stat_model *out)
{
	const struct perf_stat_ev *tc, *cyc;

	if (n > PEV__COUNT)
		n = PEV__COUNT;
	out->n = n;
	out->elapsed_s = elapsed_s;
	out->n_not_supported = 0;
	for (size_t i = 0; i < n; i++) {
		struct perf_stat_ev *e = &out->ev[i];

		e->ev = in[i].ev;
		e->state = state_of(&in[i]);
		e->value = NAN;
		e->running_pct = NAN;
		e->per_s = NAN;
		out->n_not_supported += e->state == PSTAT_NOT_SUPPORTED;
		if (e->state != PSTAT_OK)
			continue;
		/* Multiplexing: scale as tools/perf/util/stat.c perf_counts_values__scale. */
		e->value = (double)in[i].sum.value;
		if (in[i].sum.time_running && in[i].sum.time_running < in[i].sum.time_enabled)
			e->value *= (double)in[i].sum.time_enabled / (double)in[i].sum.time_running;
		e->running_pct = pct((double)in[i].sum.time_running, (double)in[i].sum.time_enabled);
	}
	tc = perf_stat_find(out, PEV_TASK_CLOCK);
	if (!tc)
		tc = perf_stat_find(out, PEV_CPU_CLOCK);
	out->cpu_s = tc ? tc->value / 1e9 : NAN;	/* the clocks count ns */
	out->cpus_utilized = rate(out->cpu_s, elapsed_s);
	for (size_t i = 0; i < n; i++) {
		struct perf_stat_ev *e = &out->ev[i];

		/* perf stat: events per second of the task's CPU time. */
		if (e->state == PSTAT_OK && e->ev != PEV_TASK_CLOCK && e->ev != PEV_CPU_CLOCK)
			e->per_s = rate(e->value, out->cpu_s > 0 ? out->cpu_s : elapsed_s);
	}
	cyc = perf_stat_find(out, PEV_CYCLES);
	out->ghz = cyc && out->cpu_s > 0 ? cyc->value / (out->cpu_s * 1e9) : NAN;
	out->ipc = ratio(out, PEV_INSTRUCTIONS, PEV_CYCLES, 1);
	out->branch_miss_pct = ratio(out, PEV_BRANCH_MISSES, PEV_BRANCHES, 100);
	out->cache_miss_pct = ratio(out, PEV_CACHE_MISSES, PEV_CACHE_REFERENCES, 100);
	out->llc_miss_pct = ratio(out, PEV_LLC_LOAD_MISSES, PEV_LLC_LOADS, 100);
	out->verdict = verdict(out, system_wide);
}
