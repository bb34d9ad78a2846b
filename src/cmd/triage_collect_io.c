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

void collect_disks(struct collect *c)
{
	struct obs *o = c->o;
	const struct sample *s = cur_snap(c)->smp, *p = prev_snap(c)->smp;
	int err;

	if (c->k == 0 && !s->have_blocks)
		obs_unchecked(o, "disks", "cannot read sys/block: %s",
			      strerror(s->blocks_err ? -s->blocks_err : ENODATA));
	err = part_err(s, SAMPLE_DISKSTATS);
	if (err) {
		obs_unchecked(o, "disks", "cannot read proc/diskstats: %s", strerror(-err));
	} else if (c->k == 0 && s->have_blocks) {
		o->have |= HAVE_DISK;
		for (size_t i = 0; i < s->blocks.ndisks; i++) {
			const struct sys_block_disk *bd = &s->blocks.disk[i];
			struct obs_disk *d;

			if (!disk_wanted(bd) || !proc_diskstats_find(&s->disks, bd->name))
				continue;
			if (!(d = obs_add_disk(o)))
				break;
			snprintf(d->name, sizeof(d->name), "%s", bd->name);
			d->rotational = bd->rotational;
		}
	}
	if (c->k == 0)
		return;
	for (int i = 0; i < o->ndisks; i++) {
		struct obs_disk *d = &o->disks[i];
		const struct diskstats_dev *a = sample_has(p, SAMPLE_DISKSTATS) ? proc_diskstats_find(&p->disks, d->name) : NULL;
		const struct diskstats_dev *b = sample_has(s, SAMPLE_DISKSTATS) ? proc_diskstats_find(&s->disks, d->name) : NULL;
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

void collect_net(struct collect *c)
{
	struct obs *o = c->o;
	const struct sample *s = cur_snap(c)->smp, *p = prev_snap(c)->smp;
	int err;

	err = part_err(s, SAMPLE_NET_DEV);
	if (err) {
		obs_unchecked(o, "network interfaces", "cannot read proc/net/dev: %s", strerror(-err));
	} else if (c->k == 0) {
		o->have |= HAVE_NET;
		for (size_t i = 0; i < s->netdev.n; i++) {
			const struct sys_class_net_if *link;
			struct obs_net *n = obs_add_net(o);

			if (!n)
				break;
			snprintf(n->name, sizeof(n->name), "%s", s->netdev.ifs[i].name);
			link = sample_link(s, n->name);
			if (link && link->speed_mbps > 0)
				n->speed_mbps = (double)link->speed_mbps;
		}
	}
	if (c->k == 0)
		return;
	for (int i = 0; i < o->nnets; i++) {
		struct obs_net *n = &o->nets[i];
		const struct net_dev_if *a = sample_has(p, SAMPLE_NET_DEV) ? proc_net_dev_find(&p->netdev, n->name) : NULL;
		const struct net_dev_if *b = sample_has(s, SAMPLE_NET_DEV) ? proc_net_dev_find(&s->netdev, n->name) : NULL;
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

void collect_tcp(struct collect *c)
{
	struct obs *o = c->o;
	struct obs_host *h = &o->host;
	const struct sample *s = cur_snap(c)->smp, *p = prev_snap(c)->smp;
	struct net_tcp_rates tr;
	struct net_etcp_rates er;
	int err;

	err = part_err(s, SAMPLE_SNMP);
	if (err)
		obs_unchecked(o, "TCP retransmits", "cannot read proc/net/snmp: %s", strerror(-err));
	err = part_err(s, SAMPLE_NETSTAT);
	if (err)
		obs_unchecked(o, "TCP accept queues and SYN cookies", "cannot read proc/net/netstat: %s",
			      strerror(-err));
	if (sample_has(s, SAMPLE_SNMP) && sample_has(s, SAMPLE_NETSTAT))
		o->have |= HAVE_TCP;
	if (c->k == 0)
		return;
	bool ok = sample_has(s, SAMPLE_SNMP) && sample_has(p, SAMPLE_SNMP);
	if (ok) {
		net_model_tcp(&p->snmp, &s->snmp, c->dt, &tr);
		net_model_etcp(&p->snmp, &s->snmp, c->dt, &er);
	}
	series_push(&h->tcp_out_segs, ok ? tr.oseg_s : NAN);
	series_push(&h->tcp_retrans, ok ? er.retrans_s : NAN);
	series_push(&h->tcp_attempt_fails, ok ? er.atmptf_s : NAN);
	series_push(&h->tcp_out_rsts, ok ? er.orsts_s : NAN);
	series_push(&h->tcp_estab_resets, ok ? er.estres_s : NAN);
	bool ext = sample_has(s, SAMPLE_NETSTAT) && sample_has(p, SAMPLE_NETSTAT);
	struct net_tcpext_rates xr;

	if (ext)
		net_model_tcpext(&p->netstat, &s->netstat, c->dt, &xr);
	series_push(&h->listen_overflows, ext ? xr.listen_overflows_s : NAN);
	series_push(&h->listen_drops, ext ? xr.listen_drops_s : NAN);
	series_push(&h->syn_cookies, ext ? xr.syncookies_sent_s : NAN);
	series_push(&h->syn_drops, ext ? xr.req_q_full_drop_s : NAN);
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

void collect_softnet(struct collect *c)
{
	struct obs *o = c->o;
	struct obs_host *h = &o->host;
	const struct sample *s = cur_snap(c)->smp, *p = prev_snap(c)->smp;
	struct softnet_rates all;
	int err = part_err(s, SAMPLE_SOFTNET);
	bool ok, s_ok = err == 0;

	if (err && !(o->have & HAVE_SOFTNET) && c->k == 0)
		obs_unchecked(o, "network receive backlog", "cannot read proc/net/softnet_stat: %s",
			      strerror(-err));
	if (c->k == 0) {
		if (s_ok) {
			o->have |= HAVE_SOFTNET;
			softnet_keep(c, &s->softnet);
		}
		return;
	}
	ok = s_ok && sample_has(p, SAMPLE_SOFTNET);
	if (ok)
		softnet_model_all(&p->softnet, &s->softnet, c->dt, &all);
	series_push(&h->softnet_drops, ok ? all.dropd_s : NAN);
	series_push(&h->softnet_squeezes, ok ? all.squeezd_s : NAN);
	if (s_ok)
		softnet_top(c, &s->softnet);
}
