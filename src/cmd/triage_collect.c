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

#include "cmd/triage_collect_socks.h"
#include "model/interval.h"

void csnap_free(struct csnap *s)
{
	free(s->cg);
	free(s->cg_ok);
}

struct collect *collect_new(struct obs *o, int focus_pid)
{
	struct collect *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	for (int i = 0; i < 2; i++) {
		c->s[i].cg = calloc(COLLECT_MAX_CGROUPS, sizeof(*c->s[i].cg));
		c->s[i].cg_ok = calloc(COLLECT_MAX_CGROUPS, sizeof(bool));
		if (!c->s[i].cg || !c->s[i].cg_ok) {
			collect_free(c);
			return NULL;
		}
	}
	kmsg_log_init(&c->klog);
	c->threads = collect_threads_new();
	c->resets = collect_resets_new();
	if (!c->threads || !c->resets) {
		collect_free(c);
		return NULL;
	}
	c->o = o;
	c->scan[0] = &c->ps[0];
	c->scan[1] = &c->ps[1];
	c->focus_pid = focus_pid;
	c->oom0 = NAN;
	o->focus_pid = focus_pid;
	o->intervals = 0;
	o->window_s = 0;
	return c;
}

void collect_borrow_scans(struct collect *c)
{
	c->borrow = true;
}

void collect_free(struct collect *c)
{
	if (!c)
		return;
	for (int i = 0; i < 2; i++) {
		csnap_free(&c->s[i]);
		proc_pid_sample_free(&c->ps[i]);
	}
	exited_list_free(&c->exited);
	proc_net_softnet_free(&c->sn0);
	kmsg_log_free(&c->klog);
	free(c->cgpaths);
	free(c->cg_nr_throttled0);
	free(c->cg_throttled_ns0);
	collect_threads_free(c->threads);
	collect_resets_free(c->resets);
	collect_klog_free(c->kfollow);
	collect_socks_free(c->socks);
	free(c);
}

void collect_want(int k, int n, struct sample_want *w)
{
	memset(w, 0, sizeof(*w));
	w->parts = SAMPLE_BIT(STAT) | SAMPLE_BIT(LOADAVG) | SAMPLE_BIT(MEMINFO) | SAMPLE_BIT(VMSTAT) |
		   SAMPLE_PSI_ALL | SAMPLE_BIT(DISKSTATS) | SAMPLE_BIT(NET_DEV) | SAMPLE_BIT(SNMP) |
		   SAMPLE_BIT(NETSTAT) | SAMPLE_BIT(SOFTNET) | SAMPLE_BIT(CPU_ONLINE) |
		   SAMPLE_BIT(SOCKSTAT) | SAMPLE_BIT(SOCKSTAT6);	/* with SNMP: collect_socks' signature */
	w->blocks = w->links = k == 0;
	w->procs = k == 0 || k == n;
}

int collect_sample(struct collect *c, const struct sample *smp, const struct root *r, int k)
{
	struct obs *o = c->o;
	struct csnap *s;

	c->k = k;
	c->cur = k & 1;
	c->live = smp->live;
	s = cur_snap(c);
	s->smp = smp;
	if (!sample_has(smp, SAMPLE_UPTIME))
		return part_err(smp, SAMPLE_UPTIME);
	if (k == 0) {
		c->t0 = smp->up.up_s;
		c->dt = NAN;
		c->wall0 = (double)sample_wall(smp);
	} else {
		/* The interval from the two /proc/uptime, as sysstat takes it. */
		c->dt = interval_dt(&prev_snap(c)->smp->up, &smp->up);
		o->intervals++;
		o->window_s = smp->up.up_s - c->t0;
	}
	o->t_end = smp->up.up_s;
	o->wall_end = smp->live || smp->recorded ? (double)sample_wall(smp) : 0;
	o->wall_start = smp->recorded ? c->wall0 : 0;
	collect_cpu(c);
	collect_mem(c);
	collect_psi(c);
	collect_disks(c);
	collect_net(c);
	collect_tcp(c);
	collect_resets_step(c->resets, r, o, k);
	collect_softnet(c);
	collect_cgroups(c, r);
	/* a recording holds each interval's kernel-log records: the window's */
	if (!r && smp->have_kmsg && kmsg_parse(smp->kmsg.p ? smp->kmsg.p : "", smp->kmsg.len, &c->klog) == 0)
		c->klog_any = true;
	if (r)
		collect_threads_step(c->threads, r, o, false);	/* thread states: its own module */
	else
		collect_threads_recorded(c->threads, smp, o, false);
	collect_exited_step(c, smp);
	if (k == 0)
		collect_procs(c, false);
	return 0;
}

void collect_last(struct collect *c, const struct root *r)
{
	/* the thread states' window into the observations */
	if (r)
		collect_threads_step(c->threads, r, c->o, true);
	else
		collect_threads_recorded(c->threads, NULL, c->o, true);
	collect_procs(c, true);
	collect_resets_last(c->resets, c->o);
	collect_end(c, r);
}

void collect_roll(struct collect *c, struct collect *next)
{
	struct collect_threads *ct = c->threads;

	c->threads = next->threads;	/* freed with c */
	next->threads = ct;
	collect_threads_rolling(ct);
	collect_threads_next_window(ct);
	collect_resets_roll(c->resets, next->resets);
	next->kfollow = c->kfollow;
	c->kfollow = NULL;
	next->socks = c->socks;
	c->socks = NULL;
}

void collect_long_running(struct collect *c, struct threads_iter *states)
{
	collect_threads_long_running(c->threads, states);
	c->kfollow = collect_klog_new();	/* NULL: the whole log every window */
	c->socks = collect_socks_new();		/* NULL: every window walks the TCP hash */
}
