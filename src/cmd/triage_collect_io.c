/* The triage collector's disks (model/disk: iostat -x), interfaces
 * (model/net: sar -n DEV/EDEV, link speed from sys/class/net), TCP
 * counters (sar -n TCP/ETCP from /proc/net/snmp; ListenOverflows, SYN
 * cookies from /proc/net/netstat) and softnet (model/softnet: sar -n SOFT). */
#include "cmd/triage_collect_priv.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/delta.h"
#include "model/disk.h"
#include "model/net.h"
#include "model/softnet.h"

/* Every block device with a size: loop, dm, md, nbd, zram, virtio, NVMe
 * alike (issue 13: a loop device over slow storage is where the time goes);
 * the rules judge those that did I/O (disk.slow from 1 I/O per second). */
static bool disk_wanted(const struct sys_block_disk *d)
{
	return d->size > 0;
}

void collect_disks(struct collect *c, const struct root *r)
{
	struct obs *o = c->o;
	struct csnap *s = cur_snap(c), *p = prev_snap(c);
	int err;

	if (c->k == 0) {
		err = sys_block_read(r, &c->sb);
		c->sb_ok = err == 0;
		if (err)
			obs_unchecked(o, "disks", "cannot read sys/block: %s", strerror(-err));
	}
	err = proc_diskstats_read(r, &s->ds);
	s->ds_ok = err == 0;
	if (err) {
		obs_unchecked(o, "disks", "cannot read proc/diskstats: %s", strerror(-err));
	} else if (c->k == 0 && c->sb_ok) {
		o->have |= HAVE_DISK;
		for (size_t i = 0; i < c->sb.ndisks; i++) {
			struct obs_disk *d;

			if (!disk_wanted(&c->sb.disk[i]) || !proc_diskstats_find(&s->ds, c->sb.disk[i].name))
				continue;
			if (!(d = obs_add_disk(o)))
				break;
			snprintf(d->name, sizeof(d->name), "%s", c->sb.disk[i].name);
			d->rotational = c->sb.disk[i].rotational;
		}
	}
	if (c->k == 0)
		return;
	for (int i = 0; i < o->ndisks; i++) {
		struct obs_disk *d = &o->disks[i];
		const struct diskstats_dev *a = p->ds_ok ? proc_diskstats_find(&p->ds, d->name) : NULL;
		const struct diskstats_dev *b = s->ds_ok ? proc_diskstats_find(&s->ds, d->name) : NULL;
		struct disk_rates dr;

		if (!a || !b) {
			series_push(&d->util, NAN);
			series_push(&d->aqu, NAN);
			series_push(&d->await, NAN);
			series_push(&d->iops, NAN);
			continue;
		}
		disk_model_rates(a, b, c->dt, DISK_UNIT_KB, &dr);
		series_push(&d->util, dr.util_pct);
		series_push(&d->aqu, dr.aqu_sz);
		/* iostat's await over reads and writes: the I/O-weighted mean of
		 * r_await and w_await, i.e. (rd_ticks + wr_ticks) / (rd_ios + wr_ios). */
		double n = dr.r_s + dr.w_s;
		series_push(&d->await, n > 0 ? (dr.r_await * dr.r_s + dr.w_await * dr.w_s) / n : NAN);
		series_push(&d->iops, dr.r_s + dr.w_s);
	}
}

void collect_net(struct collect *c, const struct root *r)
{
	struct obs *o = c->o;
	struct csnap *s = cur_snap(c), *p = prev_snap(c);
	int err;

	err = proc_net_dev_read(r, &s->nd);
	s->nd_ok = err == 0;
	if (err) {
		obs_unchecked(o, "network interfaces", "cannot read proc/net/dev: %s", strerror(-err));
	} else if (c->k == 0) {
		o->have |= HAVE_NET;
		for (size_t i = 0; i < s->nd.n; i++) {
			struct sys_class_net_if link;
			struct obs_net *n = obs_add_net(o);

			if (!n)
				break;
			snprintf(n->name, sizeof(n->name), "%s", s->nd.ifs[i].name);
			if (sys_class_net_read(r, n->name, &link) == 0 && link.speed_mbps > 0)
				n->speed_mbps = (double)link.speed_mbps;
		}
	}
	if (c->k == 0)
		return;
	for (int i = 0; i < o->nnets; i++) {
		struct obs_net *n = &o->nets[i];
		const struct net_dev_if *a = p->nd_ok ? proc_net_dev_find(&p->nd, n->name) : NULL;
		const struct net_dev_if *b = s->nd_ok ? proc_net_dev_find(&s->nd, n->name) : NULL;
		struct net_dev_rates dv;
		struct net_edev_rates ed;

		if (!a || !b) {
			series_push(&n->rx_bps, NAN);
			series_push(&n->tx_bps, NAN);
			series_push(&n->errs, NAN);
			series_push(&n->drops, NAN);
			continue;
		}
		net_model_dev(a, b, NULL, c->dt, &dv);
		net_model_edev(a, b, c->dt, &ed);
		series_push(&n->rx_bps, dv.rxkb_s * 1024);
		series_push(&n->tx_bps, dv.txkb_s * 1024);
		series_push(&n->errs, ed.rxerr_s + ed.txerr_s);
		series_push(&n->drops, ed.rxdrop_s + ed.txdrop_s);
	}
}

/* A TcpExt counter's rate over the interval, NAN when missing. */
static double ext_rate(const struct collect *c, enum netstat_field f)
{
	const struct proc_net_netstat *a = &c->s[!c->cur].ns, *b = &c->s[c->cur].ns;

	if (!c->s[0].ns_ok || !c->s[1].ns_ok || !a->have[f] || !b->have[f])
		return NAN;
	return rate(delta_u64(a->v[f], b->v[f]), c->dt);
}

void collect_tcp(struct collect *c, const struct root *r)
{
	struct obs *o = c->o;
	struct obs_host *h = &o->host;
	struct csnap *s = cur_snap(c), *p = prev_snap(c);
	struct net_tcp_rates tr;
	struct net_etcp_rates er;
	int err;

	err = proc_net_snmp_read(r, &s->snmp);
	s->snmp_ok = err == 0;
	if (err)
		obs_unchecked(o, "TCP retransmits", "cannot read proc/net/snmp: %s", strerror(-err));
	err = proc_net_netstat_read(r, &s->ns);
	s->ns_ok = err == 0;
	if (err)
		obs_unchecked(o, "TCP accept queues and SYN cookies", "cannot read proc/net/netstat: %s",
			      strerror(-err));
	if (s->snmp_ok && s->ns_ok)
		o->have |= HAVE_TCP;
	if (c->k == 0)
		return;
	bool ok = s->snmp_ok && p->snmp_ok;
	if (ok) {
		net_model_tcp(&p->snmp, &s->snmp, c->dt, &tr);
		net_model_etcp(&p->snmp, &s->snmp, c->dt, &er);
	}
	series_push(&h->tcp_out_segs, ok ? tr.oseg_s : NAN);
	series_push(&h->tcp_retrans, ok ? er.retrans_s : NAN);
	series_push(&h->tcp_attempt_fails, ok ? er.atmptf_s : NAN);
	series_push(&h->tcp_out_rsts, ok ? er.orsts_s : NAN);
	series_push(&h->tcp_estab_resets, ok ? er.estres_s : NAN);
	series_push(&h->listen_overflows, ext_rate(c, NETSTAT_TCP_EXT_LISTEN_OVERFLOWS));
	series_push(&h->listen_drops, ext_rate(c, NETSTAT_TCP_EXT_LISTEN_DROPS));
	series_push(&h->syn_cookies, ext_rate(c, NETSTAT_TCP_EXT_SYNCOOKIES_SENT));
	series_push(&h->syn_drops, ext_rate(c, NETSTAT_TCP_EXT_TCP_REQ_Q_FULL_DROP));
}

/* Keep the first sample's softnet lines (the window's per-CPU totals). */
static void softnet_keep(struct collect *c, const struct proc_net_softnet *s)
{
	struct softnet_cpu *v = malloc((s->n ? s->n : 1) * sizeof(*v));

	if (!v)
		return;
	memcpy(v, s->cpus, s->n * sizeof(*v));
	proc_net_softnet_free(&c->sn0);
	c->sn0 = *s;
	c->sn0.cpus = v;
	c->sn0.cap = s->n;
	c->sn0_ok = true;
}

/* The CPU with the most drops, then squeezes, since the first sample. */
static void softnet_top(struct collect *c, const struct proc_net_softnet *s)
{
	struct obs_host *h = &c->o->host;
	double best_d = -1, best_s = -1;

	h->softnet_cpu = -1;
	for (size_t i = 0; c->sn0_ok && i < s->n; i++) {
		struct softnet_rates w;

		/* dt 1: the counts over the window rather than rates */
		softnet_model_cpu(&c->sn0, &s->cpus[i], 1.0, &w);
		if (isnan(w.dropd_s) || isnan(w.squeezd_s) || (w.dropd_s == 0 && w.squeezd_s == 0))
			continue;
		if (w.dropd_s > best_d || (w.dropd_s == best_d && w.squeezd_s > best_s)) {
			best_d = w.dropd_s;
			best_s = w.squeezd_s;
			h->softnet_cpu = s->cpus[i].cpu;
		}
	}
	h->softnet_cpu_drops = h->softnet_cpu >= 0 ? best_d : NAN;
	h->softnet_cpu_squeezes = h->softnet_cpu >= 0 ? best_s : NAN;
}

void collect_softnet(struct collect *c, const struct root *r)
{
	struct obs *o = c->o;
	struct obs_host *h = &o->host;
	struct csnap *s = cur_snap(c), *p = prev_snap(c);
	struct softnet_rates all;
	int err = proc_net_softnet_read(r, &s->sn);
	bool ok;

	s->sn_ok = err == 0;
	if (err && !(o->have & HAVE_SOFTNET) && c->k == 0)
		obs_unchecked(o, "network receive backlog", "cannot read proc/net/softnet_stat: %s",
			      strerror(-err));
	if (c->k == 0) {
		if (s->sn_ok) {
			o->have |= HAVE_SOFTNET;
			softnet_keep(c, &s->sn);
		}
		return;
	}
	ok = s->sn_ok && p->sn_ok;
	if (ok)
		softnet_model_all(&p->sn, &s->sn, c->dt, &all);
	series_push(&h->softnet_drops, ok ? all.dropd_s : NAN);
	series_push(&h->softnet_squeezes, ok ? all.squeezd_s : NAN);
	if (s->sn_ok)
		softnet_top(c, &s->sn);
}
