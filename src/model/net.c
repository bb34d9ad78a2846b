#include "model/net.h"

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/delta.h"

static const struct net_dev_if zero_if;

double net_model_ifutil(double rx, double tx, const struct sys_class_net_if *link)
{
	double bits_s, speed;

	if (!link || link->speed_mbps <= 0 || isnan(rx) || isnan(tx))
		return isnan(rx) || isnan(tx) ? NAN : 0.0;
	speed = (double)link->speed_mbps * 1000000.0;
	if (link->duplex == NET_DUPLEX_FULL)
		bits_s = (rx > tx ? rx : tx) * 8.0;
	else
		bits_s = (rx + tx) * 8.0;	/* half duplex or unknown, as sysstat */
	return fmin(bits_s * 100.0 / speed, 100.0);
}

#define D(f) delta_u64(p->f, cur->f)

/* The driver reset its statistics, or the interface was re-created under
 * the same name: the main counters went backwards, the whole row is unknown
 * (a counter left at 0 would otherwise show a believable 0.00). */
static bool went_back(const struct net_dev_if *p, const struct net_dev_if *c)
{
	return c->rx_bytes < p->rx_bytes || c->rx_packets < p->rx_packets ||
	       c->tx_bytes < p->tx_bytes || c->tx_packets < p->tx_packets;
}

static void all_nan(double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		v[i] = NAN;
}

void net_model_dev(const struct net_dev_if *prev, const struct net_dev_if *cur,
		   const struct sys_class_net_if *link, double dt_s, struct net_dev_rates *o)
{
	const struct net_dev_if *p = prev ? prev : &zero_if;
	double rx = rate(D(rx_bytes), dt_s), tx = rate(D(tx_bytes), dt_s);

	if (went_back(p, cur)) {
		all_nan((double *)o, sizeof(*o) / sizeof(double));
		return;
	}
	o->rxpck_s = rate(D(rx_packets), dt_s);
	o->txpck_s = rate(D(tx_packets), dt_s);
	o->rxkb_s = rx / 1024.0;
	o->txkb_s = tx / 1024.0;
	o->rxcmp_s = rate(D(rx_compressed), dt_s);
	o->txcmp_s = rate(D(tx_compressed), dt_s);
	o->rxmcst_s = rate(D(rx_multicast), dt_s);
	o->ifutil_pct = net_model_ifutil(rx, tx, link);
}

void net_model_edev(const struct net_dev_if *prev, const struct net_dev_if *cur, double dt_s,
		    struct net_edev_rates *o)
{
	const struct net_dev_if *p = prev ? prev : &zero_if;

	if (went_back(p, cur)) {
		all_nan((double *)o, sizeof(*o) / sizeof(double));
		return;
	}
	o->rxerr_s = rate(D(rx_errs), dt_s);
	o->txerr_s = rate(D(tx_errs), dt_s);
	o->coll_s = rate(D(tx_colls), dt_s);
	o->rxdrop_s = rate(D(rx_drop), dt_s);
	o->txdrop_s = rate(D(tx_drop), dt_s);
	o->txcarr_s = rate(D(tx_carrier), dt_s);
	o->rxfram_s = rate(D(rx_frame), dt_s);
	o->rxfifo_s = rate(D(rx_fifo), dt_s);
	o->txfifo_s = rate(D(tx_fifo), dt_s);
}

#undef D

/* Rate of one snmp field; NAN when either sample lacks it. */
static double snmp_rate(const struct proc_net_snmp *p, const struct proc_net_snmp *c,
			enum snmp_field f, double dt_s)
{
	if (!p || !c || !p->have[f] || !c->have[f])
		return NAN;
	return rate(delta_u64(p->v[f], c->v[f]), dt_s);
}

void net_model_tcp(const struct proc_net_snmp *prev, const struct proc_net_snmp *cur, double dt_s,
		   struct net_tcp_rates *o)
{
	o->active_s = snmp_rate(prev, cur, SNMP_TCP_ACTIVE_OPENS, dt_s);
	o->passive_s = snmp_rate(prev, cur, SNMP_TCP_PASSIVE_OPENS, dt_s);
	o->iseg_s = snmp_rate(prev, cur, SNMP_TCP_IN_SEGS, dt_s);
	o->oseg_s = snmp_rate(prev, cur, SNMP_TCP_OUT_SEGS, dt_s);
}

void net_model_etcp(const struct proc_net_snmp *prev, const struct proc_net_snmp *cur, double dt_s,
		    struct net_etcp_rates *o)
{
	o->atmptf_s = snmp_rate(prev, cur, SNMP_TCP_ATTEMPT_FAILS, dt_s);
	o->estres_s = snmp_rate(prev, cur, SNMP_TCP_ESTAB_RESETS, dt_s);
	o->retrans_s = snmp_rate(prev, cur, SNMP_TCP_RETRANS_SEGS, dt_s);
	o->isegerr_s = snmp_rate(prev, cur, SNMP_TCP_IN_ERRS, dt_s);
	o->orsts_s = snmp_rate(prev, cur, SNMP_TCP_OUT_RSTS, dt_s);
}

static double ext_rate(const struct proc_net_netstat *a, const struct proc_net_netstat *b,
		       enum netstat_field f, double dt_s)
{
	if (!a->have[f] || !b->have[f])
		return NAN;
	return rate(delta_u64(a->v[f], b->v[f]), dt_s);
}

void net_model_tcpext(const struct proc_net_netstat *prev, const struct proc_net_netstat *cur,
		      double dt_s, struct net_tcpext_rates *o)
{
	o->listen_overflows_s = ext_rate(prev, cur, NETSTAT_TCP_EXT_LISTEN_OVERFLOWS, dt_s);
	o->listen_drops_s = ext_rate(prev, cur, NETSTAT_TCP_EXT_LISTEN_DROPS, dt_s);
	o->syncookies_sent_s = ext_rate(prev, cur, NETSTAT_TCP_EXT_SYNCOOKIES_SENT, dt_s);
	o->req_q_full_drop_s = ext_rate(prev, cur, NETSTAT_TCP_EXT_TCP_REQ_Q_FULL_DROP, dt_s);
}

static double gauge(const struct proc_net_sockstat *s, enum sockstat_field f)
{
	return s && s->have[f] ? (double)s->v[f] : NAN;
}

void net_model_sock(const struct proc_net_sockstat *s, struct net_sock *o)
{
	o->totsck = gauge(s, SOCKSTAT_SOCKETS_USED);
	o->tcpsck = gauge(s, SOCKSTAT_TCP_INUSE);
	o->udpsck = gauge(s, SOCKSTAT_UDP_INUSE);
	o->rawsck = gauge(s, SOCKSTAT_RAW_INUSE);
	o->ip_frag = gauge(s, SOCKSTAT_FRAG_INUSE);
	o->tcp_tw = gauge(s, SOCKSTAT_TCP_TW);
}

void net_sock_mean_add(struct net_sock_mean *m, const struct net_sock *v)
{
	m->sum.totsck += v->totsck;
	m->sum.tcpsck += v->tcpsck;
	m->sum.udpsck += v->udpsck;
	m->sum.rawsck += v->rawsck;
	m->sum.ip_frag += v->ip_frag;
	m->sum.tcp_tw += v->tcp_tw;
	m->n++;
}

void net_sock_mean_get(const struct net_sock_mean *m, struct net_sock *o)
{
	double n = m->n > 0 ? (double)m->n : NAN;

	o->totsck = m->sum.totsck / n;
	o->tcpsck = m->sum.tcpsck / n;
	o->udpsck = m->sum.udpsck / n;
	o->rawsck = m->sum.rawsck / n;
	o->ip_frag = m->sum.ip_frag / n;
	o->tcp_tw = m->sum.tcp_tw / n;
}

const struct net_snmp_table_def net_snmp_tables[NET_SNMP_TABLE__COUNT] = {
	[NET_IP] = { 8, { SNMP_IP_IN_RECEIVES, SNMP_IP_FORW_DATAGRAMS, SNMP_IP_IN_DELIVERS,
			  SNMP_IP_OUT_REQUESTS, SNMP_IP_REASM_REQDS, SNMP_IP_REASM_OKS,
			  SNMP_IP_FRAG_OKS, SNMP_IP_FRAG_CREATES } },
	[NET_EIP] = { 8, { SNMP_IP_IN_HDR_ERRORS, SNMP_IP_IN_ADDR_ERRORS, SNMP_IP_IN_UNKNOWN_PROTOS,
			   SNMP_IP_IN_DISCARDS, SNMP_IP_OUT_DISCARDS, SNMP_IP_OUT_NO_ROUTES,
			   SNMP_IP_REASM_FAILS, SNMP_IP_FRAG_FAILS } },
	[NET_ICMP] = { 14, { SNMP_ICMP_IN_MSGS, SNMP_ICMP_OUT_MSGS, SNMP_ICMP_IN_ECHOS,
			     SNMP_ICMP_IN_ECHO_REPS, SNMP_ICMP_OUT_ECHOS, SNMP_ICMP_OUT_ECHO_REPS,
			     SNMP_ICMP_IN_TIMESTAMPS, SNMP_ICMP_IN_TIMESTAMP_REPS,
			     SNMP_ICMP_OUT_TIMESTAMPS, SNMP_ICMP_OUT_TIMESTAMP_REPS,
			     SNMP_ICMP_IN_ADDR_MASKS, SNMP_ICMP_IN_ADDR_MASK_REPS,
			     SNMP_ICMP_OUT_ADDR_MASKS, SNMP_ICMP_OUT_ADDR_MASK_REPS } },
	[NET_EICMP] = { 12, { SNMP_ICMP_IN_ERRORS, SNMP_ICMP_OUT_ERRORS, SNMP_ICMP_IN_DEST_UNREACHS,
			      SNMP_ICMP_OUT_DEST_UNREACHS, SNMP_ICMP_IN_TIME_EXCDS,
			      SNMP_ICMP_OUT_TIME_EXCDS, SNMP_ICMP_IN_PARM_PROBS,
			      SNMP_ICMP_OUT_PARM_PROBS, SNMP_ICMP_IN_SRC_QUENCHS,
			      SNMP_ICMP_OUT_SRC_QUENCHS, SNMP_ICMP_IN_REDIRECTS,
			      SNMP_ICMP_OUT_REDIRECTS } },
	[NET_UDP] = { 4, { SNMP_UDP_IN_DATAGRAMS, SNMP_UDP_OUT_DATAGRAMS, SNMP_UDP_NO_PORTS,
			   SNMP_UDP_IN_ERRORS } },
};

void net_model_snmp_table(const struct proc_net_snmp *prev, const struct proc_net_snmp *cur,
			  enum net_snmp_table t, double dt_s, double *out)
{
	const struct net_snmp_table_def *d = &net_snmp_tables[t];

	for (size_t i = 0; i < d->n; i++)
		out[i] = snmp_rate(prev, cur, d->f[i], dt_s);
}

void net_model_sock6(const struct proc_net_sockstat *s, struct net_sock6 *o)
{
	o->tcp6sck = gauge(s, SOCKSTAT_TCP6_INUSE);
	o->udp6sck = gauge(s, SOCKSTAT_UDP6_INUSE);
	o->raw6sck = gauge(s, SOCKSTAT_RAW6_INUSE);
	o->ip6_frag = gauge(s, SOCKSTAT_FRAG6_INUSE);
}

void net_sock6_mean_add(struct net_sock6_mean *m, const struct net_sock6 *v)
{
	m->sum.tcp6sck += v->tcp6sck;
	m->sum.udp6sck += v->udp6sck;
	m->sum.raw6sck += v->raw6sck;
	m->sum.ip6_frag += v->ip6_frag;
	m->n++;
}

void net_sock6_mean_get(const struct net_sock6_mean *m, struct net_sock6 *o)
{
	double n = m->n > 0 ? (double)m->n : NAN;

	o->tcp6sck = m->sum.tcp6sck / n;
	o->udp6sck = m->sum.udp6sck / n;
	o->raw6sck = m->sum.raw6sck / n;
	o->ip6_frag = m->sum.ip6_frag / n;
}
