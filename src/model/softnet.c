#include "model/softnet.h"

#include <math.h>
#include <stddef.h>

#include "model/delta.h"

/* The counters' deltas into d[] (NAN unknown), the gauge into d[BACKLOG]. */
static void deltas(const struct softnet_cpu *p, const struct softnet_cpu *c, double *d)
{
	for (int f = 0; f < SOFTNET__COUNT; f++) {
		if (!c->have[f] || (p && !p->have[f]))
			d[f] = NAN;
		else if (f == SOFTNET_BACKLOG_LEN)
			d[f] = (double)c->v[f];
		else
			d[f] = delta_u64(p ? p->v[f] : 0, c->v[f]);
	}
}

static void rates(const double *d, double dt_s, struct softnet_rates *o)
{
	o->total_s = rate(d[SOFTNET_PROCESSED], dt_s);
	o->dropd_s = rate(d[SOFTNET_DROPPED], dt_s);
	o->squeezd_s = rate(d[SOFTNET_TIME_SQUEEZE], dt_s);
	o->rx_rps_s = rate(d[SOFTNET_RECEIVED_RPS], dt_s);
	o->flw_lim_s = rate(d[SOFTNET_FLOW_LIMIT], dt_s);
	o->blg_len = d[SOFTNET_BACKLOG_LEN];
}

void softnet_model_cpu(const struct proc_net_softnet *prev, const struct softnet_cpu *cur,
		       double dt_s, struct softnet_rates *out)
{
	const struct softnet_cpu *p = prev ? proc_net_softnet_find(prev, cur->cpu) : NULL;
	double d[SOFTNET__COUNT];

	deltas(p, cur, d);
	if (prev && !p)
		for (int f = 0; f < SOFTNET__COUNT; f++)
			d[f] = NAN;
	rates(d, dt_s, out);
}

void softnet_model_all(const struct proc_net_softnet *prev, const struct proc_net_softnet *cur,
		       double dt_s, struct softnet_rates *out)
{
	double sum[SOFTNET__COUNT] = { 0 }, d[SOFTNET__COUNT];

	for (size_t i = 0; i < cur->n; i++) {
		const struct softnet_cpu *c = &cur->cpus[i], *p = NULL;

		if (prev) {
			p = proc_net_softnet_find(prev, c->cpu);
			if (!p)
				continue;	/* came online: not in this interval's sum */
		}
		deltas(p, c, d);
		for (int f = 0; f < SOFTNET__COUNT; f++)
			sum[f] += d[f];	/* NAN stays NAN */
	}
	if (cur->n == 0)
		for (int f = 0; f < SOFTNET__COUNT; f++)
			sum[f] = NAN;
	rates(sum, dt_s, out);
}
