/* net.errors, net.saturated, net.softnet, tcp.retrans, tcp.listen_overflow, tcp.time_wait,
 * tcp.close_wait, tcp.syn_flood. */
#include <math.h>
#include <stdio.h>

#include "analysis/finding.h"
#include "analysis/klog.h"
#include "analysis/obs.h"
#include "analysis/rules.h"

/* Events in the window from a per-second series: mean rate times the window. */
static double total(const struct obs *o, const struct series *s)
{
	double m = series_mean(s);

	return isnan(m) ? NAN : m * o->window_s;
}

static void iface(const struct obs *o, const struct obs_net *n, struct findings *out)
{
	const struct rule_def *r = &rule_defs[RULE_NET_ERRORS];
	char w[64];
	int k = 0, k2 = 0;
	int lv = rule_level_series(o, RULE_NET_ERRORS, &n->errs, 1, false, &k);
	int lv2 = rule_level_series(o, RULE_NET_ERRORS, &n->drops, 1, true, &k2);
	struct finding *f;

	if (lv >= 0 || lv2 >= 0) {
		f = findings_add(out, RULE_NET_ERRORS, lv > lv2 ? lv : lv2,
				 fmax(series_mean(&n->errs) / r->warn, series_mean(&n->drops) / r->warn2),
				 "net:%s", n->name);
		if (f) {
			finding_summary(f, "Interface %s loses packets: %.1f errors/s, %.1f drops/s", n->name,
					series_mean(&n->errs), series_mean(&n->drops));
			finding_evidence(f, "sar -n EDEV: errors %.1f/s mean, %.1f peak; drops %.1f/s mean, %.1f peak; "
					 "past the threshold in %s (/proc/net/dev)", series_mean(&n->errs),
					 series_max(&n->errs), series_mean(&n->drops), series_max(&n->drops),
					 rule_window_str(o, k > k2 ? k : k2, w, sizeof(w)));
			finding_next_first(f, "triage sar -n EDEV 1 5");
		}
	}
	if (!(n->speed_mbps > 0))
		return;
	/* Utilization: the busier direction against the link speed (full duplex). */
	struct series u;
	series_init(&u);
	for (int i = 0; i < n->rx_bps.n; i++)
		series_push(&u, fmax(n->rx_bps.v[i], n->tx_bps.v[i]) * 8 / (n->speed_mbps * 1e6) * 100);
	lv = rule_level_series(o, RULE_NET_SATURATED, &u, 1, false, &k);
	if (lv < 0)
		return;
	f = findings_add(out, RULE_NET_SATURATED, lv, series_mean(&u) / rule_defs[RULE_NET_SATURATED].warn,
			 "net:%s", n->name);
	if (!f)
		return;
	finding_summary(f, "Interface %s runs at %.0f%% of its %.0f Mb/s link", n->name, series_mean(&u), n->speed_mbps);
	finding_evidence(f, "rx %.1f Mb/s, tx %.1f Mb/s mean; above %g%% in %s (/proc/net/dev, sys/class/net/%s/speed)",
			 series_mean(&n->rx_bps) * 8 / 1e6, series_mean(&n->tx_bps) * 8 / 1e6,
			 rule_defs[RULE_NET_SATURATED].warn, rule_window_str(o, k, w, sizeof(w)), n->name);
}

/* Receive backlog overflows and budget squeezes (Documentation/admin-guide/
 * sysctl/net.rst netdev_max_backlog, netdev_budget): on the CPU that took
 * the most when it is known, which marks that CPU's saturation cell. */
static void softnet(const struct obs *o, struct findings *out)
{
	const struct obs_host *h = &o->host;
	const struct rule_def *r = &rule_defs[RULE_NET_SOFTNET];
	double drops = total(o, &h->softnet_drops), sq = series_mean(&h->softnet_squeezes);
	int lv = rule_level(RULE_NET_SOFTNET, drops, false), lv2 = rule_level(RULE_NET_SOFTNET, sq, true);
	double score = fmax(isnan(drops) ? 0 : 1 + drops / 100, isnan(sq) ? 0 : sq / r->warn2);
	struct finding *f;

	if (lv2 > lv)
		lv = lv2;
	if (lv < 0)
		return;
	if (h->softnet_cpu >= 0)
		f = findings_add(out, RULE_NET_SOFTNET, lv, score, "cpu:%d", h->softnet_cpu);
	else
		f = findings_add(out, RULE_NET_SOFTNET, lv, score, "cpu");
	if (!f)
		return;
	if (drops > 0)
		finding_summary(f, "The network receive backlog overflowed: %.0f packets dropped in %.0f s",
				drops, o->window_s);
	else
		finding_summary(f, "The network receive softirq runs out of budget: %.1f squeezes/s", sq);
	finding_evidence(f, "sar -n SOFT: dropd %.1f/s mean, %.1f peak; squeezd %.1f/s mean, %.1f peak "
			 "(/proc/net/softnet_stat, all CPUs)", series_mean(&h->softnet_drops),
			 series_max(&h->softnet_drops), sq, series_max(&h->softnet_squeezes));
	if (h->softnet_cpu >= 0)
		finding_evidence(f, "CPU %d took the most: %.0f drops, %.0f squeezes in the window",
				 h->softnet_cpu, h->softnet_cpu_drops, h->softnet_cpu_squeezes);
}

static void retrans(const struct obs *o, struct findings *out)
{
	const struct rule_def *r = &rule_defs[RULE_TCP_RETRANS];
	double segs = total(o, &o->host.tcp_out_segs), re = total(o, &o->host.tcp_retrans);
	double pct = segs > 0 ? re / segs * 100 : NAN;
	int lv;

	if (!(segs >= r->min))
		return;
	lv = rule_level(RULE_TCP_RETRANS, pct, false);
	if (lv < 0)
		return;
	struct finding *f = findings_add(out, RULE_TCP_RETRANS, lv, pct / r->warn, "tcp");
	if (!f)
		return;
	finding_summary(f, "%.2f%% of TCP segments are retransmitted", pct);
	finding_evidence(f, "sar -n ETCP: %.0f retransmitted of %.0f segments sent in %.0f s, %.1f retrans/s peak "
			 "(/proc/net/snmp RetransSegs, OutSegs)", re, segs, o->window_s, series_max(&o->host.tcp_retrans));
}

/* Is this listener's accept queue full (the kernel lets it reach backlog + 1:
 * sk_acceptq_is_full() is ack_backlog > max_ack_backlog)? */
static bool listen_full(const struct obs_listen *l)
{
	return l->backlog >= 0 && l->queued_max >= l->backlog && l->queued_max > 0;
}

/* Overflows are counted host-wide (per network namespace); each listener
 * whose accept queue is full gets its own finding, naming its port. */
static void listen_overflow(const struct obs *o, struct findings *out)
{
	const struct obs_host *h = &o->host;
	double ov = total(o, &h->listen_overflows), dr = total(o, &h->listen_drops);
	double n = fmax(isnan(ov) ? 0 : ov, isnan(dr) ? 0 : dr);
	int lv, named = 0;
	struct finding *f;

	if (!(o->have & HAVE_TCP))
		return;
	lv = rule_level(RULE_TCP_LISTEN_OVERFLOW, n, false);
	if (lv < 0)
		return;
	for (int i = 0; i <= o->nlistens; i++) {
		const struct obs_listen *l = i < o->nlistens ? &o->listens[i] : NULL;

		if (l && !listen_full(l))
			continue;
		if (!l && named)
			break;
		if (l)
			f = findings_add(out, RULE_TCP_LISTEN_OVERFLOW, lv, 1 + l->queued_max / fmax(l->backlog, 1),
					 "tcp:%d", l->port);
		else
			f = findings_add(out, RULE_TCP_LISTEN_OVERFLOW, lv, 1, "tcp");
		if (!f)
			return;
		named++;
		if (l) {
			finding_summary(f, "The accept queue of port %d is full: connection attempts are dropped", l->port);
			finding_evidence(f, "listener %s:%d Recv-Q %.0f of backlog %.0f (sock_diag; ss -lnt)",
					 l->addr, l->port, l->queued, l->backlog);
			if (l->pid) {
				finding_name_proc(f, l->pid, l->comm);
				finding_evidence(f, "owned by %s (pid %d): it does not accept() fast enough", l->comm, l->pid);
				finding_next_first(f, "triage pid %d", l->pid);
			}
		} else {
			finding_summary(f, "A listening socket's accept queue overflowed: %.0f connection attempts dropped", n);
		}
		finding_evidence(f, "ListenOverflows +%.0f, ListenDrops +%.0f in %.0f s, all listeners (/proc/net/netstat TcpExt)",
				 isnan(ov) ? 0 : ov, isnan(dr) ? 0 : dr, o->window_s);
		for (int k = 0; k < o->nklog; k++)
			if (o->klog[k].kind == KLOG_SYNFLOOD && o->klog[k].in_window &&
			    (!l || klog_synflood_port(o->klog[k].text) == l->port))
				finding_evidence(f, "[%.1f s] %s (kernel log)", o->klog[k].ts, o->klog[k].text);
	}
}

static void count_rule(const struct obs *o, struct findings *out, enum rule_id r, double v,
		       const char *state)
{
	int lv = rule_level(r, v, false);

	(void)o;
	if (lv < 0)
		return;
	struct finding *f = findings_add(out, r, lv, v / rule_defs[r].warn, "tcp");
	if (!f)
		return;
	finding_summary(f, "%.0f TCP sockets in %s", v, state);
	finding_evidence(f, "ss -tan state %s: %.0f sockets (sock_diag)", state, v);
}

/* TIME-WAIT: the host's count, and the busiest destination against the
 * ephemeral port range (port exhaustion for connects to it). */
static void time_wait(const struct obs *o, struct findings *out)
{
	const struct obs_host *h = &o->host;
	const struct rule_def *r = &rule_defs[RULE_TCP_TIME_WAIT];
	double pct = h->ntw_dest && h->port_range > 0 ? h->tw_dest[0].n / h->port_range * 100 : NAN;
	int lv = rule_level(RULE_TCP_TIME_WAIT, h->tcp_time_wait, false);
	int lv2 = rule_level(RULE_TCP_TIME_WAIT, pct, true);

	if (lv2 < 0) {
		count_rule(o, out, RULE_TCP_TIME_WAIT, h->tcp_time_wait, "time-wait");
		return;
	}
	struct finding *f = findings_add(out, RULE_TCP_TIME_WAIT, lv2 > lv ? lv2 : lv, pct / r->warn2, "tcp:%s:%d",
					 h->tw_dest[0].addr, h->tw_dest[0].port);
	if (!f)
		return;
	finding_summary(f, "%.0f TIME-WAIT sockets to %s port %d hold %.0f%% of the ephemeral ports: "
			"connects to it are about to fail", h->tw_dest[0].n, h->tw_dest[0].addr, h->tw_dest[0].port, pct);
	finding_evidence(f, "%.0f of the %.0f ports of ip_local_port_range in TIME-WAIT to %s:%d; %.0f TIME-WAIT "
			 "on the host (sock_diag; ss -tan state time-wait dst %s)", h->tw_dest[0].n, h->port_range,
			 h->tw_dest[0].addr, h->tw_dest[0].port, h->tcp_time_wait, h->tw_dest[0].addr);
	for (int i = 1; i < h->ntw_dest; i++)
		finding_evidence(f, "next: %.0f to %s:%d", h->tw_dest[i].n, h->tw_dest[i].addr, h->tw_dest[i].port);
}

/* CLOSE-WAIT: named after the processes that own the sockets when known. */
static void close_wait(const struct obs *o, struct findings *out)
{
	const struct rule_def *r = &rule_defs[RULE_TCP_CLOSE_WAIT];
	int named = 0;

	for (int i = 0; i < o->nprocs; i++) {
		const struct obs_proc *p = &o->procs[i];
		int lv = rule_level(RULE_TCP_CLOSE_WAIT, p->close_wait, false);

		if (p->tid != p->pid || lv < 0)
			continue;
		struct finding *f = findings_add(out, RULE_TCP_CLOSE_WAIT, lv, p->close_wait / r->warn, "pid:%d", p->pid);
		if (!f)
			continue;
		named++;
		finding_summary(f, "%s (pid %d) holds %.0f TCP sockets in CLOSE-WAIT: it does not close them",
				p->comm, p->pid, p->close_wait);
		finding_name_proc(f, p->pid, p->comm);
		finding_evidence(f, "%.0f CLOSE-WAIT sockets owned by pid %d, %.0f on the host (sock_diag inode -> /proc/%d/fd)",
				 p->close_wait, p->pid, o->host.tcp_close_wait, p->pid);
		if (!isnan(p->nfds))
			finding_evidence(f, "it has %.0f fds open of a soft limit of %.0f", p->nfds, p->fd_soft);
		finding_next_first(f, "triage pid %d", p->pid);
	}
	if (!named)
		count_rule(o, out, RULE_TCP_CLOSE_WAIT, o->host.tcp_close_wait, "close-wait");
}

/* SYN floods. A full accept queue also fills the SYN queue and sends cookies;
 * then tcp.listen_overflow is the cause and this one is only info. */
static void syn_flood(const struct obs *o, struct findings *out)
{
	const struct obs_host *h = &o->host;
	double cookies = total(o, &h->syn_cookies), drops = total(o, &h->syn_drops);
	double n = (isnan(cookies) ? 0 : cookies) + (isnan(drops) ? 0 : drops);
	int lv = rule_level(RULE_TCP_SYN_FLOOD, n, false), lv2 = rule_level(RULE_TCP_SYN_FLOOD, h->tcp_syn_recv, true);
	int port = -1;
	bool overflow = false;

	for (int i = 0; i < o->nklog; i++)
		if (o->klog[i].kind == KLOG_SYNFLOOD && o->klog[i].in_window)
			port = klog_synflood_port(o->klog[i].text);
	if (lv2 > lv)
		lv = lv2;
	if (lv < 0)
		return;
	for (int i = 0; i < out->n; i++)
		if (out->v[i].rule == RULE_TCP_LISTEN_OVERFLOW)
			overflow = true;
	struct finding *f = port > 0
		? findings_add(out, RULE_TCP_SYN_FLOOD, overflow ? SEV_INFO : lv, n / 100, "tcp:%d", port)
		: findings_add(out, RULE_TCP_SYN_FLOOD, overflow ? SEV_INFO : lv, n / 100, "tcp");
	if (!f)
		return;
	if (overflow)
		finding_summary(f, "SYN cookies/drops follow from the full accept queue (see tcp.listen_overflow)");
	else
		finding_summary(f, "Half-open TCP connections pile up: a SYN flood or a server too slow to answer");
	finding_evidence(f, "SyncookiesSent +%.0f, TCPReqQFullDrop +%.0f in %.0f s (/proc/net/netstat TcpExt)",
			 isnan(cookies) ? 0 : cookies, isnan(drops) ? 0 : drops, o->window_s);
	if (!isnan(h->tcp_syn_recv))
		finding_evidence(f, "%.0f sockets in SYN-RECV (sock_diag)", h->tcp_syn_recv);
}

/* "port 9" / "ports 9, 8080 and 2 more" for the summary. */
static void refused_ports(const struct obs_resets *r, char *buf, size_t size)
{
	int n = snprintf(buf, size, "port%s", r->nports > 1 ? "s" : "");

	for (int i = 0; i < r->nports && i < 2 && n < (int)size; i++)
		n += snprintf(buf + n, size - (size_t)n, "%s %d", i ? "," : "", r->ports[i].port);
	if (r->nports > 2 && n < (int)size)
		snprintf(buf + n, size - (size_t)n, " and %d more", r->nports - 2);
}

/* "resets sent for 412 connects to port 9 (127.0.0.1: 410, ::1: 2) in the
 * last 1.5 s, tcp:tcp_send_reset" */
static void refused_port_evidence(const struct obs_resets *r, const struct obs_reset_port *p, struct finding *f)
{
	char cl[200];
	int n = 0;

	cl[0] = 0;
	for (int i = 0; i < p->nclients && i < OBS_RESET_CLIENTS && n < (int)sizeof(cl); i++)
		n += snprintf(cl + n, sizeof(cl) - (size_t)n, "%s%s: %.0f", i ? ", " : "", p->clients[i].addr,
			      p->clients[i].n);
	if (p->nclients > OBS_RESET_CLIENTS && n < (int)sizeof(cl)) {
		double named = 0;

		for (int i = 0; i < OBS_RESET_CLIENTS; i++)
			named += p->clients[i].n;
		snprintf(cl + n, sizeof(cl) - (size_t)n, ", %d more clients: %.0f", p->nclients - OBS_RESET_CLIENTS,
			 p->n - named);
	}
	finding_evidence(f, "resets sent for %.0f connects to port %d (%s) in the last %.1f s, tcp:tcp_send_reset",
			 p->n, p->port, cl, r->traced_s);
}

/* tcp.refused: failed connection attempts; the resets we sent say the
 * refusing end is this host (a local port without a listener). As root the
 * reset probe names the ports and the clients (o->resets). */
static void refused(const struct obs *o, struct findings *out)
{
	const struct obs_host *h = &o->host;
	const struct obs_resets *r = &o->resets;
	const struct series *s = &h->tcp_attempt_fails;
	char w[64], ports[64] = "the port";
	int k = 0, lv = rule_level_series(o, RULE_TCP_REFUSED, s, 1, false, &k);
	bool named = r->traced && r->nports > 0;
	struct finding *f;

	if (lv < 0)
		return;
	f = named ? findings_add(out, RULE_TCP_REFUSED, lv, series_mean(s) / rule_defs[RULE_TCP_REFUSED].warn,
				 "tcp:%d", r->ports[0].port)
		  : findings_add(out, RULE_TCP_REFUSED, lv, series_mean(s) / rule_defs[RULE_TCP_REFUSED].warn, "tcp");
	if (!f)
		return;
	if (named)
		refused_ports(r, ports, sizeof(ports));
	finding_summary(f, "%.0f connection attempts a second fail: refused, nothing listens on %s",
			series_mean(s), ports);
	finding_evidence(f, "sar -n ETCP atmptf/s %.0f mean, %.0f peak; above %g in %s (/proc/net/snmp AttemptFails)",
			 series_mean(s), series_max(s), rule_defs[RULE_TCP_REFUSED].warn, rule_window_str(o, k, w, sizeof(w)));
	if (series_mean(&h->tcp_out_rsts) >= series_mean(s) * 0.5)
		finding_evidence(f, "this host sent %.0f resets a second (OutRsts): the refused port is local",
				 series_mean(&h->tcp_out_rsts));
	if (named) {
		for (int i = 0; i < r->nports && i < OBS_RESET_PORTS; i++)
			refused_port_evidence(r, &r->ports[i], f);
		if (r->nports > OBS_RESET_PORTS)
			finding_evidence(f, "and %d more ports", r->nports - OBS_RESET_PORTS);
		if (r->overflow > 0)
			finding_evidence(f, "%.0f refused connects not attributed: the probe's table of (port, client) "
					 "pairs was full", r->overflow);
		finding_next_first(f, "triage ss -lnt");	/* is anything listening there? */
	} else if (r->traced) {
		finding_evidence(f, "tcp:tcp_send_reset saw no connect refused here in the last %.1f s: the "
				 "refusing end is remote, or the attempts time out", r->traced_s);
	} else {
		finding_evidence(f, "the port and the clients: not named from counters (triage tcpconnect traces the "
				 "connects as root)");
	}
}

static void resets(const struct obs *o, struct findings *out)
{
	const struct series *s = &o->host.tcp_estab_resets;
	char w[64];
	int k = 0, lv = rule_level_series(o, RULE_TCP_RESETS, s, 1, false, &k);
	struct finding *f;

	if (lv < 0 || !(f = findings_add(out, RULE_TCP_RESETS, lv, series_mean(s) / rule_defs[RULE_TCP_RESETS].warn,
					 "tcp")))
		return;
	finding_summary(f, "%.0f established connections a second are reset", series_mean(s));
	finding_evidence(f, "sar -n ETCP estres/s %.0f mean, %.0f peak; above %g in %s (/proc/net/snmp EstabResets)",
			 series_mean(s), series_max(s), rule_defs[RULE_TCP_RESETS].warn, rule_window_str(o, k, w, sizeof(w)));
}

void rules_net(const struct obs *o, struct findings *out)
{
	if (o->have & HAVE_NET)
		for (int i = 0; i < o->nnets; i++)
			iface(o, &o->nets[i], out);
	if (o->have & HAVE_SOFTNET)
		softnet(o, out);
	if (o->have & HAVE_TCP)
		retrans(o, out);
	listen_overflow(o, out);
	time_wait(o, out);
	close_wait(o, out);
	if (o->have & HAVE_TCP) {
		syn_flood(o, out);
		refused(o, out);
		resets(o, out);
	}
}
