#include "model/cgroup.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/delta.h"

static double level_pct(uint64_t v, uint64_t limit)
{
	if (limit == CGROUP_UNLIMITED)
		return NAN;
	return pct((double)v, (double)limit);
}

static double maxf(double a, double b)
{
	if (isnan(a))
		return b;
	if (isnan(b))
		return a;
	return a > b ? a : b;
}

static void cpu(const struct cgroup_cpu *a, const struct cgroup_cpu *b, double dt,
		struct cgroup_rates *o)
{
	double dt_ns = dt * 1e9, dp, dthr;

	o->quota_cores = b->has_quota && b->quota_us != CGROUP_UNLIMITED && b->period_us
			 ? (double)b->quota_us / (double)b->period_us : NAN;
	o->throttled_total_pct = b->has_throttle ? pct((double)b->nr_throttled, (double)b->nr_periods) : NAN;
	if (!a)
		return;
	if (a->has_usage && b->has_usage)
		o->cpu_cores = rate(delta_u64(a->usage_ns, b->usage_ns), dt_ns);
	if (a->has_user_system && b->has_user_system) {
		o->user_cores = rate(delta_u64(a->user_ns, b->user_ns), dt_ns);
		o->system_cores = rate(delta_u64(a->system_ns, b->system_ns), dt_ns);
	}
	o->cpu_pct_quota = pct(o->cpu_cores, o->quota_cores);
	if (a->has_throttle && b->has_throttle) {
		dp = delta_u64(a->nr_periods, b->nr_periods);
		dthr = delta_u64(a->nr_throttled, b->nr_throttled);
		o->periods_s = rate(dp, dt);
		o->throttled_s = rate(dthr, dt);
		/* no period elapsed (idle group): nothing was throttled */
		o->throttled_pct = dp == 0 && dthr == 0 ? 0.0 : pct(dthr, dp);
		if (o->throttled_pct > 100)
			o->throttled_pct = NAN;	/* counters from two different groups */
		o->throttled_time_s = rate(delta_u64(a->throttled_ns, b->throttled_ns) / 1e9, dt);
	}
}

static void mem(const struct cgroup_mem *a, const struct cgroup_mem *b, double dt,
		struct cgroup_rates *o)
{
	if (!b->version)
		return;
	o->mem_pct_max = level_pct(b->current, b->max_eff);
	o->mem_pct_high = level_pct(b->current, b->high);
	o->mem_peak_pct_max = b->has_peak ? level_pct(b->peak, b->max_eff) : NAN;
	if (!a || a->version != b->version)
		return;
	if (a->has_events && b->has_events) {
		o->ev_high = delta_u64(a->ev_high, b->ev_high);
		o->ev_max = delta_u64(a->ev_max, b->ev_max);
		o->ev_oom = delta_u64(a->ev_oom, b->ev_oom);
		o->ev_oom_kill = delta_u64(a->ev_oom_kill, b->ev_oom_kill);
		o->oom_kill = o->ev_oom_kill;
	} else if (a->has_oom_control && b->has_oom_control) {
		o->oom_kill = delta_u64(a->oom_kill, b->oom_kill);
	}
	if (a->has_failcnt && b->has_failcnt)
		o->failcnt = delta_u64(a->failcnt, b->failcnt);
	if (a->has_stat && b->has_stat)
		o->pgmajfault_s = rate(delta_u64(a->pgmajfault, b->pgmajfault), dt);
}

void cgroup_model(const struct cgroup_sample *prev, const struct cgroup_sample *cur,
		  double dt_s, struct cgroup_rates *out)
{
	double *d = (double *)out;

	/* every field is a double: start all unknown */
	for (size_t i = 0; i < sizeof(*out) / sizeof(double); i++)
		d[i] = NAN;
	_Static_assert(sizeof(struct cgroup_rates) % sizeof(double) == 0, "all doubles");
	out->dt_s = prev && dt_s > 0 ? dt_s : NAN;
	if (!(dt_s > 0))
		prev = NULL;
	cpu(prev ? &prev->cpu : NULL, &cur->cpu, dt_s, out);
	mem(prev ? &prev->mem : NULL, &cur->mem, dt_s, out);
	if (cur->pids.version)
		out->pids_pct = level_pct(cur->pids.current, cur->pids.max);
	if (prev && prev->io.version && prev->io.version == cur->io.version) {
		out->io_rbytes_s = rate(delta_u64(prev->io.rbytes, cur->io.rbytes), dt_s);
		out->io_wbytes_s = rate(delta_u64(prev->io.wbytes, cur->io.wbytes), dt_s);
		out->io_rios_s = rate(delta_u64(prev->io.rios, cur->io.rios), dt_s);
		out->io_wios_s = rate(delta_u64(prev->io.wios, cur->io.wios), dt_s);
	}
	for (int i = 0; i < PSI__COUNT; i++)
		if (prev && !prev->psi_err[i] && !cur->psi_err[i])
			psi_model(&prev->psi[i], &cur->psi[i], dt_s, &out->psi[i]);
	/* throttling counts only under a quota (0 % of nothing is no signal) */
	out->score = maxf(maxf(out->mem_pct_max, out->pids_pct),
			  isnan(out->quota_cores) ? NAN : maxf(out->throttled_pct, out->cpu_pct_quota));
}

bool cgroup_model_limited(const struct cgroup_sample *s)
{
	return (s->cpu.has_quota && s->cpu.quota_us != CGROUP_UNLIMITED) ||
	       (s->cpu.has_throttle && s->cpu.nr_throttled > 0) ||
	       (s->mem.version && s->mem.max_eff != CGROUP_UNLIMITED) ||
	       (s->mem.version && s->mem.high != CGROUP_UNLIMITED) ||
	       (s->mem.has_events && (s->mem.ev_oom_kill || s->mem.ev_max)) ||
	       (s->mem.has_oom_control && s->mem.oom_kill) ||
	       (s->pids.version && s->pids.max != CGROUP_UNLIMITED);
}

static int cmp_rank(const void *pa, const void *pb)
{
	const struct cgroup_ranked *a = pa, *b = pb;
	double sa = isnan(a->r.score) ? -1 : a->r.score, sb = isnan(b->r.score) ? -1 : b->r.score;
	double ta = isnan(a->r.throttled_s) ? -1 : a->r.throttled_s;
	double tb = isnan(b->r.throttled_s) ? -1 : b->r.throttled_s;

	if (sa != sb)
		return sa < sb ? 1 : -1;
	if (ta != tb)
		return ta < tb ? 1 : -1;
	return strcmp(a->s->path, b->s->path);
}

int cgroup_model_rank(const struct cgroup_snapshot *prev, const struct cgroup_snapshot *cur,
		      double dt_s, struct cgroup_ranked **rows, int *n, int *groups)
{
	struct cgroup_ranked *v = calloc((size_t)cur->n + 1, sizeof(*v));
	int k = 0;

	*rows = NULL;
	*n = *groups = 0;
	if (!v)
		return -ENOMEM;
	if (!(dt_s > 0))
		prev = NULL;
	for (int i = 0; i < cur->n; i++) {
		const struct cgroup_sample *c = &cur->s[i];
		const struct cgroup_sample *p = prev ? cgroup_snapshot_find(prev, c->path) : NULL;

		v[k].s = c;
		cgroup_model(p, c, p ? dt_s : NAN, &v[k].r);
		if (cgroup_model_limited(c) || v[k].r.throttled_s > 0 || v[k].r.oom_kill > 0)
			k++;
	}
	qsort(v, (size_t)k, sizeof(*v), cmp_rank);
	*rows = v;
	*n = k;
	*groups = cur->n;
	return 0;
}

double cgroup_resident(const struct cgroup_sample *s)
{
	if (s->mem.has_stat)
		return (double)s->mem.anon + (double)s->mem.shmem;
	return (double)s->mem.current;
}
