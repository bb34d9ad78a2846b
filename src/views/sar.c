#include "views/sar.h"

#include <stddef.h>
#include <string.h>

#include "views/sar_tab.h"
#include "views/sysstat_banner.h"

#define N(a) COLS_N(a)
/* sysstat prints every sar column " %9.2f" (rates) or " %9.0f" (gauges:
 * integers at each interval, their means rounded in "Average:") */
#define IF_COL(h, k, f) COL(struct sar_if_row, h, k, f, 9, 2)
#define REP_COL(h, k, f) COL(struct sar_report, h, k, f, 9, 2)
#define REP_GAUGE(h, k, f) COL(struct sar_report, h, k, f, 9, 0)

/* DEV and EDEV: one row per interface (struct sar_if_row) */
static const struct col dev_cols[] = {
	IF_COL("rxpck/s", "rxpck_s", dev.rxpck_s), IF_COL("txpck/s", "txpck_s", dev.txpck_s),
	IF_COL("rxkB/s", "rxkb_s", dev.rxkb_s), IF_COL("txkB/s", "txkb_s", dev.txkb_s),
	IF_COL("rxcmp/s", "rxcmp_s", dev.rxcmp_s), IF_COL("txcmp/s", "txcmp_s", dev.txcmp_s),
	IF_COL("rxmcst/s", "rxmcst_s", dev.rxmcst_s), IF_COL("%ifutil", "ifutil_pct", dev.ifutil_pct),
};
static const struct col edev_cols[] = {
	IF_COL("rxerr/s", "rxerr_s", edev.rxerr_s), IF_COL("txerr/s", "txerr_s", edev.txerr_s),
	IF_COL("coll/s", "coll_s", edev.coll_s), IF_COL("rxdrop/s", "rxdrop_s", edev.rxdrop_s),
	IF_COL("txdrop/s", "txdrop_s", edev.txdrop_s), IF_COL("txcarr/s", "txcarr_s", edev.txcarr_s),
	IF_COL("rxfram/s", "rxfram_s", edev.rxfram_s), IF_COL("rxfifo/s", "rxfifo_s", edev.rxfifo_s),
	IF_COL("txfifo/s", "txfifo_s", edev.txfifo_s),
};

/* SOCK, SOCK6 (gauges: integers at each interval, their means rounded in
 * "Average:", %9.0f), TCP and ETCP: one row (struct sar_report) */
static const struct col sock_cols[] = {
	REP_GAUGE("totsck", "totsck", sock.totsck), REP_GAUGE("tcpsck", "tcpsck", sock.tcpsck),
	REP_GAUGE("udpsck", "udpsck", sock.udpsck), REP_GAUGE("rawsck", "rawsck", sock.rawsck),
	REP_GAUGE("ip-frag", "ip_frag", sock.ip_frag), REP_GAUGE("tcp-tw", "tcp_tw", sock.tcp_tw),
};
static const struct col sock6_cols[] = {
	REP_GAUGE("tcp6sck", "tcp6sck", sock6.tcp6sck), REP_GAUGE("udp6sck", "udp6sck", sock6.udp6sck),
	REP_GAUGE("raw6sck", "raw6sck", sock6.raw6sck), REP_GAUGE("ip6-frag", "ip6_frag", sock6.ip6_frag),
};
static const struct col tcp_cols[] = {
	REP_COL("active/s", "active_s", tcp.active_s), REP_COL("passive/s", "passive_s", tcp.passive_s),
	REP_COL("iseg/s", "iseg_s", tcp.iseg_s), REP_COL("oseg/s", "oseg_s", tcp.oseg_s),
};
static const struct col etcp_cols[] = {
	REP_COL("atmptf/s", "atmptf_s", etcp.atmptf_s), REP_COL("estres/s", "estres_s", etcp.estres_s),
	REP_COL("retrans/s", "retrans_s", etcp.retrans_s),
	REP_COL("isegerr/s", "isegerr_s", etcp.isegerr_s), REP_COL("orsts/s", "orsts_s", etcp.orsts_s),
};

/* SOFT: one row per CPU (struct sar_cpu_row); blg_len, a gauge, "%9.0f" */
#define CPU_COL(h, k, f) COL(struct sar_cpu_row, h, k, soft.f, 9, 2)
static const struct col soft_cols[] = {
	CPU_COL("total/s", "total_s", total_s), CPU_COL("dropd/s", "dropd_s", dropd_s),
	CPU_COL("squeezd/s", "squeezd_s", squeezd_s), CPU_COL("rx_rps/s", "rx_rps_s", rx_rps_s),
	CPU_COL("flw_lim/s", "flw_lim_s", flw_lim_s), COL(struct sar_cpu_row, "blg_len", "blg_len", soft.blg_len, 9, 0),
};

/* A table of one row per interface. */
static void iface_table(FILE *f, const char *pl, const char *cl, const struct col *c, size_t n,
			const struct sar_report *r)
{
	sar_tab_head(f, pl, "IFACE", c, n);
	for (size_t i = 0; i < r->nifs; i++)
		sar_tab_row(f, cl, r->ifs[i].name, &r->ifs[i], c, n);
}

static void soft_table(FILE *f, const char *pl, const char *cl, const struct sar_report *r)
{
	sar_tab_cpu_head(f, pl, soft_cols, N(soft_cols));
	for (size_t i = 0; i < r->nsoft; i++)
		sar_tab_cpu_row(f, cl, r->soft[i].cpu, &r->soft[i], soft_cols, N(soft_cols));
}

/* The snmp tables other than TCP/ETCP: column names (sysstat 12.6), JSON
 * object names; the keys are the column names with '/' and '-' as '_'. */
static const struct {
	unsigned act;
	const char *json;
	const char *cols[NET_SNMP_TABLE_MAX];
} snmp_tabs[NET_SNMP_TABLE__COUNT] = {
	[NET_IP] = { SAR_IP, "net_ip", { "irec/s", "fwddgm/s", "idel/s", "orq/s", "asmrq/s",
					  "asmok/s", "fragok/s", "fragcrt/s" } },
	[NET_EIP] = { SAR_EIP, "net_eip", { "ihdrerr/s", "iadrerr/s", "iukwnpr/s", "idisc/s",
					    "odisc/s", "onort/s", "asmf/s", "fragf/s" } },
	[NET_ICMP] = { SAR_ICMP, "net_icmp", { "imsg/s", "omsg/s", "iech/s", "iechr/s", "oech/s",
					       "oechr/s", "itm/s", "itmr/s", "otm/s", "otmr/s",
					       "iadrmk/s", "iadrmkr/s", "oadrmk/s", "oadrmkr/s" } },
	[NET_EICMP] = { SAR_EICMP, "net_eicmp", { "ierr/s", "oerr/s", "idstunr/s", "odstunr/s",
						  "itmex/s", "otmex/s", "iparmpb/s", "oparmpb/s",
						  "isrcq/s", "osrcq/s", "iredir/s", "oredir/s" } },
	[NET_UDP] = { SAR_UDP, "net_udp", { "idgm/s", "odgm/s", "noport/s", "idgmerr/s" } },
};

/* The columns of snmp table t: its values are r->snmp[t][0 .. n-1]. */
static size_t snmp_cols(enum net_snmp_table t, struct col *c)
{
	size_t n = net_snmp_tables[t].n;

	for (size_t i = 0; i < n; i++) {
		c[i].head = snmp_tabs[t].cols[i];
		c[i].key = NULL;
		c[i].width = 9;
		c[i].prec = 2;
		c[i].off = offsetof(struct sar_report, snmp) +
			   ((size_t)t * NET_SNMP_TABLE_MAX + i) * sizeof(double);
	}
	return n;
}

static void snmp_tab(FILE *f, enum net_snmp_table t, const char *pl, const char *cl,
		     const struct sar_report *r)
{
	struct col c[NET_SNMP_TABLE_MAX];

	sar_tab1(f, pl, cl, c, snmp_cols(t, c), r);
}

void sar_print(FILE *f, unsigned acts, const char *pl, const char *cl, const struct sar_report *r)
{
	if (r->sys)
		sar_sys_print(f, r->sys_acts, pl, cl, r->sys);
	if ((acts & SAR_DEV) && r->have_dev)
		iface_table(f, pl, cl, dev_cols, N(dev_cols), r);
	if ((acts & SAR_EDEV) && r->have_dev)
		iface_table(f, pl, cl, edev_cols, N(edev_cols), r);
	if ((acts & SAR_SOCK) && r->have_sock)
		sar_tab1(f, pl, cl, sock_cols, N(sock_cols), r);
	for (int t = NET_IP; t <= NET_EICMP; t++)
		if ((acts & snmp_tabs[t].act) && r->have_snmp)
			snmp_tab(f, (enum net_snmp_table)t, pl, cl, r);
	if ((acts & SAR_TCP) && r->have_snmp)
		sar_tab1(f, pl, cl, tcp_cols, N(tcp_cols), r);
	if ((acts & SAR_ETCP) && r->have_snmp)
		sar_tab1(f, pl, cl, etcp_cols, N(etcp_cols), r);
	if ((acts & SAR_UDP) && r->have_snmp)
		snmp_tab(f, NET_UDP, pl, cl, r);
	if ((acts & SAR_SOCK6) && r->have_sock6)
		sar_tab1(f, pl, cl, sock6_cols, N(sock6_cols), r);
	if ((acts & SAR_SOFT) && r->have_soft)
		soft_table(f, pl, cl, r);
	if (r->sys)
		sar_pwr_print(f, r->sys_acts, pl, cl, r->sys);
}

static void json_ifs(struct json *j, const char *name, const struct col *c, size_t n,
		     bool speed, const struct sar_report *r)
{
	json_arr_begin(j, name);
	for (size_t i = 0; i < r->nifs; i++) {
		json_obj_begin(j, NULL);
		json_str(j, "iface", r->ifs[i].name);
		cols_json(j, &r->ifs[i], c, n, -1);
		if (speed && r->ifs[i].speed_mbps > 0)
			json_int(j, "speed_mbps", r->ifs[i].speed_mbps);
		else if (speed)
			json_null(j, "speed_mbps");
		json_obj_end(j);
	}
	json_arr_end(j);
}

/* The snmp tables' keys: the column names with '/' and '-' as '_'. */
static void json_snmp(struct json *j, enum net_snmp_table t, const struct sar_report *r)
{
	struct col c[NET_SNMP_TABLE_MAX];
	size_t n = snmp_cols(t, c);
	char key[16];

	if (!r->have_snmp) {
		json_null(j, snmp_tabs[t].json);
		return;
	}
	json_obj_begin(j, snmp_tabs[t].json);
	for (size_t i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "%s", c[i].head);
		for (char *k = key; *k; k++)
			if (*k == '/' || *k == '-')
				*k = '_';
		json_double(j, key, cols_val(r, &c[i]), 2);
	}
	json_obj_end(j);
}

/* SOFT: [{"cpu": "all", ...}, {"cpu": 0, ...}] or null */
static void json_soft(struct json *j, const struct sar_report *r)
{
	if (!r->have_soft) {
		json_null(j, "net_softnet");
		return;
	}
	json_arr_begin(j, "net_softnet");
	for (size_t i = 0; i < r->nsoft; i++) {
		const struct sar_cpu_row *row = &r->soft[i];

		json_obj_begin(j, NULL);
		sar_tab_cpu_json(j, row->cpu);
		cols_json(j, row, soft_cols, N(soft_cols), -1);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void json_protos(struct json *j, unsigned acts, const struct sar_report *r)
{
	if (acts & SAR_SOCK)
		sar_tab1_json(j, "net_sock", r->have_sock, sock_cols, N(sock_cols), r);
	for (int t = 0; t < NET_SNMP_TABLE__COUNT; t++)
		if (acts & snmp_tabs[t].act)
			json_snmp(j, (enum net_snmp_table)t, r);
	if (acts & SAR_SOCK6)
		sar_tab1_json(j, "net_sock6", r->have_sock6, sock6_cols, N(sock6_cols), r);
	if (acts & SAR_TCP)
		sar_tab1_json(j, "net_tcp", r->have_snmp, tcp_cols, N(tcp_cols), r);
	if (acts & SAR_ETCP)
		sar_tab1_json(j, "net_etcp", r->have_snmp, etcp_cols, N(etcp_cols), r);
	if (acts & SAR_SOFT)
		json_soft(j, r);
}

void sar_json(struct json *j, const char *key, unsigned acts, time_t when, double dt_s,
	      const struct sar_report *r)
{
	char ts[40];

	json_obj_begin(j, key);
	if (when) {
		sysstat_time_iso(when, ts, sizeof(ts));
		json_str(j, "timestamp", ts);
	}
	json_double(j, "interval_s", dt_s, 2);
	if (r->sys)
		sar_sys_json(j, r->sys_acts, r->sys);
	if (!r->have_dev) {
		if (acts & SAR_DEV)
			json_null(j, "net_dev");
		if (acts & SAR_EDEV)
			json_null(j, "net_edev");
	} else {
		if (acts & SAR_DEV)
			json_ifs(j, "net_dev", dev_cols, N(dev_cols), true, r);
		if (acts & SAR_EDEV)
			json_ifs(j, "net_edev", edev_cols, N(edev_cols), false, r);
	}
	json_protos(j, acts, r);
	json_obj_end(j);
}
