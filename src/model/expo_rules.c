/* triage_rule_value: the value each rule compares with its thresholds
 * (analysis/rules_table.c), per resource, named as the rule's findings name
 * it. For a rule judged over "most of the window" (frac) the value is the
 * one reached in at least rule_need() intervals: the need-th highest (lowest
 * for a below-threshold rule), so "value > warn" holds exactly when the
 * rule's sustained test does. Only the primary metric of each rule, so a
 * rule is exported when that metric alone decides (a second "or" metric
 * only widens it): not disk.saturated (and aqu-sz), disk.slow (its
 * threshold depends on the device), task.d_state, cpu.single_thread,
 * task.lock_contention (and CPU room), nor the rules that need the kernel
 * log or per-process data. */
#include "model/expo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "analysis/obs.h"
#include "analysis/rules.h"

static int cmp_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x < y) - (x > y);
}

/* The value reached in at least rule_need(r) known intervals, scaled by 1/scale. */
static double sustained(const struct obs *o, enum rule_id r, const struct series *s, double scale)
{
	double v[OBS_MAX_INTERVALS];
	int n = 0, need = rule_need(o, r);

	for (int i = 0; i < s->n && i < OBS_MAX_INTERVALS; i++)
		if (!isnan(s->v[i]))
			v[n++] = s->v[i] / scale;
	if (n == 0)
		return NAN;
	qsort(v, (size_t)n, sizeof(v[0]), cmp_desc);
	if (rule_defs[r].below)
		return v[n - (need < n ? need : n)];
	return v[(need < n ? need : n) - 1];
}

static double total(const struct obs *o, const struct series *s)
{
	double m = series_mean(s);

	return isnan(m) ? NAN : m * o->window_s;
}

static double sum2(double a, double b)
{
	if (isnan(a) && isnan(b))
		return NAN;
	return (isnan(a) ? 0 : a) + (isnan(b) ? 0 : b);
}

static void host_cpu(const struct obs *o, enum rule_id r, expo_rule_fn fn, void *ctx)
{
	const struct obs_host *h = &o->host;

	switch (r) {
	case RULE_CPU_SATURATED:
		if (h->ncpu > 0)
			fn(ctx, r, "cpu", sustained(o, r, &h->runq, h->ncpu));
		break;
	case RULE_CPU_IOWAIT: fn(ctx, r, "cpu", sustained(o, r, &h->cpu_iowait, 1)); break;
	case RULE_CPU_STEAL: fn(ctx, r, "cpu", sustained(o, r, &h->cpu_steal, 1)); break;
	case RULE_CPU_SOFTIRQ:
		for (int i = 0; i < o->ncpus; i++) {
			char res[32];

			snprintf(res, sizeof(res), "cpu:%d", o->cpus[i].id);
			fn(ctx, r, res, sustained(o, r, &o->cpus[i].softirq, 1));
		}
		break;
	default: break;
	}
}

static void host_mem(const struct obs *o, enum rule_id r, expo_rule_fn fn, void *ctx)
{
	const struct obs_host *h = &o->host;
	struct series s;

	switch (r) {
	case RULE_MEM_LOW_AVAILABLE: {
		double lo = series_known(&h->mem_avail_pct) ? sustained(o, r, &h->mem_avail_pct, 1) : NAN;

		if (isnan(lo) && h->mem_total > 0)
			lo = h->mem_avail / h->mem_total * 100;
		fn(ctx, r, "memory", lo);
		break;
	}
	case RULE_MEM_SWAPPING:
		series_init(&s);
		for (int i = 0; i < h->swap_in.n; i++)
			series_push(&s, h->swap_in.v[i] + h->swap_out.v[i]);
		fn(ctx, r, "swap", sustained(o, r, &s, 1));
		break;
	case RULE_MEM_PRESSURE: fn(ctx, r, "memory", series_mean(&h->psi_mem_some)); break;
	case RULE_MEM_OOM_KILL: fn(ctx, r, "memory", h->oom_kill_window); break;
	default: break;
	}
}

static void per_instance(const struct obs *o, enum rule_id r, expo_rule_fn fn, void *ctx)
{
	char res[300];

	for (int i = 0; r == RULE_NET_ERRORS && i < o->nnets; i++) {
		snprintf(res, sizeof(res), "net:%s", o->nets[i].name);
		fn(ctx, r, res, sustained(o, r, &o->nets[i].errs, 1));
	}
	for (int i = 0; (r == RULE_FS_FULL || r == RULE_FS_INODES_FULL) && i < o->nfss; i++) {
		snprintf(res, sizeof(res), "fs:%s", o->fss[i].mnt);
		fn(ctx, r, res, r == RULE_FS_FULL ? obs_fs_used_pct(&o->fss[i]) : obs_fs_inodes_pct(&o->fss[i]));
	}
	for (int i = 0; i < o->ncgroups; i++) {
		const struct obs_cgroup *c = &o->cgroups[i];

		snprintf(res, sizeof(res), "cgroup:%s", c->path);
		if (r == RULE_CGROUP_CPU_THROTTLED && !isnan(c->quota_cpus))	/* judged from 1 throttled period */
			fn(ctx, r, res, c->nr_throttled >= rule_defs[r].min ? sustained(o, r, &c->throttled_pct, 1) : 0);
		else if (r == RULE_CGROUP_MEMORY_NEAR_LIMIT && c->mem_max > 0)
			fn(ctx, r, res, c->mem_current / c->mem_max * 100);
		else if (r == RULE_CGROUP_OOM_KILL)
			fn(ctx, r, res, c->oom_kill_window);
	}
}

static void host_tcp(const struct obs *o, enum rule_id r, expo_rule_fn fn, void *ctx)
{
	const struct obs_host *h = &o->host;

	switch (r) {
	case RULE_TCP_LISTEN_OVERFLOW:
		if (o->have & HAVE_TCP)
			fn(ctx, r, "tcp", fmax(sum2(total(o, &h->listen_overflows), 0), sum2(total(o, &h->listen_drops), 0)));
		break;
	case RULE_TCP_TIME_WAIT: fn(ctx, r, "tcp", h->tcp_time_wait); break;
	case RULE_TCP_SYN_FLOOD:
		fn(ctx, r, "tcp", sum2(total(o, &h->syn_cookies), total(o, &h->syn_drops)));
		break;
	case RULE_TCP_REFUSED: fn(ctx, r, "tcp", sustained(o, r, &h->tcp_attempt_fails, 1)); break;
	case RULE_TCP_RESETS: fn(ctx, r, "tcp", sustained(o, r, &h->tcp_estab_resets, 1)); break;
	case RULE_TASK_ZOMBIES: fn(ctx, r, "tasks", h->nr_zombie); break;
	case RULE_TASK_FORK_STORM: fn(ctx, r, "tasks", sustained(o, r, &h->forks, 1)); break;
	default: break;
	}
}

void expo_rule_values(const struct obs *o, enum rule_id r, expo_rule_fn fn, void *ctx)
{
	if (!expo_rule_exported(r))
		return;
	host_cpu(o, r, fn, ctx);
	host_mem(o, r, fn, ctx);
	per_instance(o, r, fn, ctx);
	host_tcp(o, r, fn, ctx);
}

bool expo_rule_exported(enum rule_id r)
{
	switch (r) {
	case RULE_CPU_SATURATED: case RULE_CPU_IOWAIT: case RULE_CPU_STEAL: case RULE_CPU_SOFTIRQ:
	case RULE_MEM_LOW_AVAILABLE: case RULE_MEM_SWAPPING: case RULE_MEM_PRESSURE: case RULE_MEM_OOM_KILL:
	case RULE_NET_ERRORS: case RULE_FS_FULL: case RULE_FS_INODES_FULL:
	case RULE_CGROUP_CPU_THROTTLED: case RULE_CGROUP_MEMORY_NEAR_LIMIT: case RULE_CGROUP_OOM_KILL:
	case RULE_TCP_LISTEN_OVERFLOW: case RULE_TCP_TIME_WAIT: case RULE_TCP_SYN_FLOOD:
	case RULE_TCP_REFUSED: case RULE_TCP_RESETS: case RULE_TASK_ZOMBIES: case RULE_TASK_FORK_STORM:
		return true;
	default:
		return false;
	}
}
