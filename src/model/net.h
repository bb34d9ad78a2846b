/* sar -n's interval arithmetic, as sysstat 12.6 computes it (rd_stats.c,
 * pr_stats.c print_net_*_stats), on two samples of /proc/net/dev,
 * /proc/net/snmp and /proc/net/sockstat.
 *
 * Every rate is (cur - prev) / dt; a counter that went backwards is unknown
 * (NAN), and when bytes or packets went backwards (a driver reset its
 * statistics, an interface was re-created) the whole row is. An
 * interface without a previous sample is measured from zero, as sysstat
 * does (its counters began at zero when it was created). A protocol field
 * the kernel does not have, or a missing /proc/net/snmp, is unknown. */
#ifndef TRIAGE_MODEL_NET_H
#define TRIAGE_MODEL_NET_H

#include "sources/proc_net_dev.h"
#include "sources/proc_net_netstat.h"
#include "sources/proc_net_snmp.h"
#include "sources/proc_net_sockstat.h"
#include "sources/sys_class_net.h"

/* sar -n DEV */
struct net_dev_rates {
	double rxpck_s, txpck_s;	/* packets/s */
	double rxkb_s, txkb_s;		/* kB/s (1024 bytes) */
	double rxcmp_s, txcmp_s;	/* compressed packets/s */
	double rxmcst_s;		/* multicast packets received/s */
	double ifutil_pct;		/* %ifutil: see net_model_ifutil() */
};

/* sar -n EDEV: all per second */
struct net_edev_rates {
	double rxerr_s, txerr_s, coll_s, rxdrop_s, txdrop_s, txcarr_s, rxfram_s, rxfifo_s, txfifo_s;
};

/* sar -n TCP: Tcp ActiveOpens, PassiveOpens, InSegs, OutSegs per second */
struct net_tcp_rates {
	double active_s, passive_s, iseg_s, oseg_s;
};

/* sar -n ETCP: Tcp AttemptFails, EstabResets, RetransSegs, InErrs, OutRsts per second */
struct net_etcp_rates {
	double atmptf_s, estres_s, retrans_s, isegerr_s, orsts_s;
};

/* The TcpExt counters the report judges listeners by (/proc/net/netstat),
 * per second; NAN when a counter is missing from either sample. */
struct net_tcpext_rates {
	double listen_overflows_s;	/* ListenOverflows: accept queue full */
	double listen_drops_s;		/* ListenDrops: SYNs dropped by listeners, any reason */
	double syncookies_sent_s;	/* SyncookiesSent: SYN queue full, cookies instead */
	double req_q_full_drop_s;	/* TCPReqQFullDrop: SYN queue full, dropped */
};

/* sar -n SOCK: gauges from sockstat (NAN when absent) */
struct net_sock {
	double totsck;	/* sockets: used */
	double tcpsck;	/* TCP: inuse */
	double udpsck;	/* UDP: inuse */
	double rawsck;	/* RAW: inuse */
	double ip_frag;	/* FRAG: inuse */
	double tcp_tw;	/* TCP: tw */
};

/* The other protocol tables of sar -n, each the per-second rates of a list
 * of /proc/net/snmp counters (sysstat pr_stats.c print_net_{ip,eip,icmp,
 * eicmp,udp}_stats), in sar's column order. */
enum net_snmp_table {
	NET_IP,		/* irec/s fwddgm/s idel/s orq/s asmrq/s asmok/s fragok/s fragcrt/s */
	NET_EIP,	/* ihdrerr/s iadrerr/s iukwnpr/s idisc/s odisc/s onort/s asmf/s fragf/s */
	NET_ICMP,	/* imsg/s omsg/s iech/s iechr/s oech/s oechr/s itm/s itmr/s otm/s otmr/s
			 * iadrmk/s iadrmkr/s oadrmk/s oadrmkr/s */
	NET_EICMP,	/* ierr/s oerr/s idstunr/s odstunr/s itmex/s otmex/s iparmpb/s oparmpb/s
			 * isrcq/s osrcq/s iredir/s oredir/s */
	NET_UDP,	/* idgm/s odgm/s noport/s idgmerr/s */
	NET_SNMP_TABLE__COUNT
};

#define NET_SNMP_TABLE_MAX 14	/* columns of the widest (ICMP) */

struct net_snmp_table_def {
	size_t n;
	enum snmp_field f[NET_SNMP_TABLE_MAX];
};

extern const struct net_snmp_table_def net_snmp_tables[NET_SNMP_TABLE__COUNT];

/* out[i] = rate of table t's i-th counter (NAN when missing). */
void net_model_snmp_table(const struct proc_net_snmp *prev, const struct proc_net_snmp *cur,
			  enum net_snmp_table t, double dt_s, double *out);

/* sar -n SOCK6: sockstat6 gauges */
struct net_sock6 {
	double tcp6sck, udp6sck, raw6sck, ip6_frag;
};
void net_model_sock6(const struct proc_net_sockstat *s, struct net_sock6 *out);
struct net_sock6_mean {
	struct net_sock6 sum;
	long n;
};
void net_sock6_mean_add(struct net_sock6_mean *m, const struct net_sock6 *v);
void net_sock6_mean_get(const struct net_sock6_mean *m, struct net_sock6 *out);

/* sysstat's compute_ifutil(): with the link speed S in Mb/s, full duplex
 * uses the busier direction, max(rx, tx) x 8 / (S x 10^6) x 100; half
 * duplex the sum, (rx + tx) x 8 / (S x 10^6) x 100 (rx, tx in bytes/s).
 * An unknown speed gives 0, as sar prints for lo; never above 100 (a speed
 * that lies, e.g. veth's 10000). */
double net_model_ifutil(double rx_bytes_s, double tx_bytes_s, const struct sys_class_net_if *link);

/* prev NULL: from zero. link NULL: speed unknown. */
void net_model_dev(const struct net_dev_if *prev, const struct net_dev_if *cur,
		   const struct sys_class_net_if *link, double dt_s, struct net_dev_rates *out);
void net_model_edev(const struct net_dev_if *prev, const struct net_dev_if *cur, double dt_s,
		    struct net_edev_rates *out);
void net_model_tcp(const struct proc_net_snmp *prev, const struct proc_net_snmp *cur, double dt_s,
		   struct net_tcp_rates *out);
void net_model_etcp(const struct proc_net_snmp *prev, const struct proc_net_snmp *cur, double dt_s,
		    struct net_etcp_rates *out);
void net_model_sock(const struct proc_net_sockstat *s, struct net_sock *out);
void net_model_tcpext(const struct proc_net_netstat *prev, const struct proc_net_netstat *cur,
		      double dt_s, struct net_tcpext_rates *out);

/* sar's "Average:" of SOCK: the mean of the values shown at each interval
 * (sysstat: sums over the intervals / their count). An unknown value makes
 * that column's mean unknown. */
struct net_sock_mean {
	struct net_sock sum;
	long n;
};
void net_sock_mean_add(struct net_sock_mean *m, const struct net_sock *v);
/* All NAN when nothing was added. */
void net_sock_mean_get(const struct net_sock_mean *m, struct net_sock *out);

#endif
