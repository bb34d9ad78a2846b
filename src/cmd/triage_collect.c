/* Sampling for the triage report (see triage_collect.h): one step function
 * per source (triage_collect_host.c, _io.c, _end.c); each reads into this
 * sample's struct and, from the second sample on, pushes the interval's
 * values into the observations. Every series gets exactly one value per
 * interval (NAN when a sample could not be read) so that they stay aligned. */
#include "cmd/triage_collect_priv.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/interval.h"

void csnap_free(struct csnap *s)
{
	proc_stat_free(&s->st);
	proc_diskstats_free(&s->ds);
	proc_net_dev_free(&s->nd);
	proc_net_softnet_free(&s->sn);
	free(s->cg);
	free(s->cg_ok);
}

struct collect *collect_new(struct obs *o, int focus_pid)
{
	struct collect *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	for (int i = 0; i < 2; i++) {
		proc_stat_init(&c->s[i].st);
		c->s[i].cg = calloc(COLLECT_MAX_CGROUPS, sizeof(*c->s[i].cg));
		c->s[i].cg_ok = calloc(COLLECT_MAX_CGROUPS, sizeof(bool));
		if (!c->s[i].cg || !c->s[i].cg_ok) {
			collect_free(c);
			return NULL;
		}
	}
	c->threads = collect_threads_new();
	if (!c->threads) {
		collect_free(c);
		return NULL;
	}
	c->o = o;
	c->focus_pid = focus_pid;
	c->oom0 = NAN;
	o->focus_pid = focus_pid;
	o->intervals = 0;
	o->window_s = 0;
	return c;
}

void collect_free(struct collect *c)
{
	if (!c)
		return;
	for (int i = 0; i < 2; i++) {
		csnap_free(&c->s[i]);
		proc_pid_sample_free(&c->ps[i]);
	}
	if (c->sc_ok)
		sys_cpu_free(&c->sc);
	if (c->sb_ok)
		sys_block_free(&c->sb);
	proc_net_softnet_free(&c->sn0);
	free(c->cgpaths);
	free(c->cg_nr_throttled0);
	free(c->cg_throttled_ns0);
	collect_threads_free(c->threads);
	free(c);
}

int collect_sample(struct collect *c, const struct root *r, int k, bool last)
{
	struct obs *o = c->o;
	struct csnap *s;
	int err;

	c->k = k;
	c->cur = k & 1;
	c->live = r->live;
	s = cur_snap(c);
	err = proc_uptime_read(r, &s->up);
	if (err)
		return err;
	if (k == 0) {
		c->t0 = s->up.up_s;
		c->dt = NAN;
	} else {
		/* The interval from the two /proc/uptime, as sysstat takes it. */
		c->dt = interval_dt(&prev_snap(c)->up, &s->up);
		o->intervals++;
		o->window_s = s->up.up_s - c->t0;
	}
	o->t_end = s->up.up_s;
	o->wall_end = r->live ? (double)time(NULL) : 0;
	collect_cpu(c, r);
	collect_mem(c, r);
	collect_psi(c, r);
	collect_disks(c, r);
	collect_net(c, r);
	collect_tcp(c, r);
	collect_softnet(c, r);
	collect_cgroups(c, r);
	collect_threads_step(c->threads, r, o, last);	/* thread states: its own module */
	if (k == 0 || last)
		collect_procs(c, r, last);
	if (last)
		collect_end(c, r);
	return 0;
}
