#include "views/sar.h"

#include <stddef.h>
#include <string.h>

#include "views/cols.h"
#include "views/sysstat_banner.h"

/* One column of a sar table: its header (sysstat 12.6), its JSON key and
 * where its value (a double) sits in the struct the table is printed from. */
struct sar_col {
	const char *head, *key;
	size_t off;
};

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define IF_COL(h, k, f) { h, k, offsetof(struct sar_if_row, f) }
#define REP_COL(h, k, f) { h, k, offsetof(struct sar_report, f) }

/* DEV and EDEV: one row per interface (struct sar_if_row) */
static const struct sar_col dev_cols[] = {
	IF_COL("rxpck/s", "rxpck_s", dev.rxpck_s), IF_COL("txpck/s", "txpck_s", dev.txpck_s),
	IF_COL("rxkB/s", "rxkb_s", dev.rxkb_s), IF_COL("txkB/s", "txkb_s", dev.txkb_s),
	IF_COL("rxcmp/s", "rxcmp_s", dev.rxcmp_s), IF_COL("txcmp/s", "txcmp_s", dev.txcmp_s),
	IF_COL("rxmcst/s", "rxmcst_s", dev.rxmcst_s), IF_COL("%ifutil", "ifutil_pct", dev.ifutil_pct),
};
static const struct sar_col edev_cols[] = {
	IF_COL("rxerr/s", "rxerr_s", edev.rxerr_s), IF_COL("txerr/s", "txerr_s", edev.txerr_s),
	IF_COL("coll/s", "coll_s", edev.coll_s), IF_COL("rxdrop/s", "rxdrop_s", edev.rxdrop_s),
	IF_COL("txdrop/s", "txdrop_s", edev.txdrop_s), IF_COL("txcarr/s", "txcarr_s", edev.txcarr_s),
	IF_COL("rxfram/s", "rxfram_s", edev.rxfram_s), IF_COL("rxfifo/s", "rxfifo_s", edev.rxfifo_s),
	IF_COL("txfifo/s", "txfifo_s", edev.txfifo_s),
};

/* SOCK, SOCK6 (gauges: integers at each interval, their means rounded in
 * "Average:", %9.0f), TCP and ETCP: one row (struct sar_report) */
static const struct sar_col sock_cols[] = {
	REP_COL("totsck", "totsck", sock.totsck), REP_COL("tcpsck", "tcpsck", sock.tcpsck),
	REP_COL("udpsck", "udpsck", sock.udpsck), REP_COL("rawsck", "rawsck", sock.rawsck),
	REP_COL("ip-frag", "ip_frag", sock.ip_frag), REP_COL("tcp-tw", "tcp_tw", sock.tcp_tw),
};
static const struct sar_col sock6_cols[] = {
	REP_COL("tcp6sck", "tcp6sck", sock6.tcp6sck), REP_COL("udp6sck", "udp6sck", sock6.udp6sck),
	REP_COL("raw6sck", "raw6sck", sock6.raw6sck), REP_COL("ip6-frag", "ip6_frag", sock6.ip6_frag),
};
static const struct sar_col tcp_cols[] = {
	REP_COL("active/s", "active_s", tcp.active_s), REP_COL("passive/s", "passive_s", tcp.passive_s),
	REP_COL("iseg/s", "iseg_s", tcp.iseg_s), REP_COL("oseg/s", "oseg_s", tcp.oseg_s),
};
static const struct sar_col etcp_cols[] = {
	REP_COL("atmptf/s", "atmptf_s", etcp.atmptf_s), REP_COL("estres/s", "estres_s", etcp.estres_s),
	REP_COL("retrans/s", "retrans_s", etcp.retrans_s),
	REP_COL("isegerr/s", "isegerr_s", etcp.isegerr_s), REP_COL("orsts/s", "orsts_s", etcp.orsts_s),
};

/* SOFT: one row per CPU (struct sar_cpu_row); blg_len, a gauge, "%9.0f" */
#define CPU_COL(h, k, f) { h, k, offsetof(struct sar_cpu_row, soft.f) }
static const struct sar_col soft_cols[] = {
	CPU_COL("total/s", "total_s", total_s), CPU_COL("dropd/s", "dropd_s", dropd_s),
	CPU_COL("squeezd/s", "squeezd_s", squeezd_s), CPU_COL("rx_rps/s", "rx_rps_s", rx_rps_s),
	CPU_COL("flw_lim/s", "flw_lim_s", flw_lim_s), CPU_COL("blg_len", "blg_len", blg_len),
};
#define SOFT_RATES (N(soft_cols) - 1)	/* the columns before blg_len */

static double col_val(const void *base, const struct sar_col *c)
{
	double v;

	memcpy(&v, (const char *)base + c->off, sizeof(v));
	return v;
}

/* A blank line, then the header: the label, " %9s" per column. first: a
 * column before them (IFACE), or NULL. */
static void head(FILE *f, const char *pl, const char *first, const struct sar_col *c, size_t n)
{
	fputc('\n', f);
	fprintf(f, "%-11s", pl);
	if (first)
		fprintf(f, " %9s", first);
	for (size_t i = 0; i < n; i++)
		fprintf(f, " %9s", c[i].head);
	fputc('\n', f);
}

/* The values of one row, " %9.Nf" ("-" when unknown), and the newline. */
static void vals(FILE *f, const void *base, const struct sar_col *c, size_t n, int prec)
{
	for (size_t i = 0; i < n; i++)
		cols_num(f, 9, prec, col_val(base, &c[i]));
	fputc('\n', f);
}

/* A table of one row, from r. */
static void table1(FILE *f, const char *pl, const char *cl, const struct sar_col *c, size_t n,
		   int prec, const struct sar_report *r)
{
	head(f, pl, NULL, c, n);
	fprintf(f, "%-11s", cl);
	vals(f, r, c, n, prec);
}

/* A table of one row per interface. */
static void iface_table(FILE *f, const char *pl, const char *cl, const struct sar_col *c, size_t n,
			const struct sar_report *r)
{
	head(f, pl, "IFACE", c, n);
	for (size_t i = 0; i < r->nifs; i++) {
		fprintf(f, "%-11s ", cl);
		cols_name(f, r->ifs[i].name, 9, 0);
		vals(f, &r->ifs[i], c, n, 2);
	}
}

/* SOFT: "CPU" in " %7s" (sysstat: "     CPU"), then "all" or the number. */
static void soft_table(FILE *f, const char *pl, const char *cl, const struct sar_report *r)
{
	fputc('\n', f);
	fprintf(f, "%-11s %7s", pl, "CPU");
	for (size_t i = 0; i < N(soft_cols); i++)
		fprintf(f, " %9s", soft_cols[i].head);
	fputc('\n', f);
	for (size_t i = 0; i < r->nsoft; i++) {
		const struct sar_cpu_row *row = &r->soft[i];

		if (row->cpu < 0)
			fprintf(f, "%-11s %7s", cl, "all");
		else
			fprintf(f, "%-11s %7d", cl, row->cpu);
		for (size_t k = 0; k < SOFT_RATES; k++)
			cols_num(f, 9, 2, col_val(row, &soft_cols[k]));
		vals(f, row, &soft_cols[SOFT_RATES], 1, 0);
	}
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
static size_t snmp_cols(enum net_snmp_table t, struct sar_col *c)
{
	size_t n = net_snmp_tables[t].n;

	for (size_t i = 0; i < n; i++) {
		c[i].head = snmp_tabs[t].cols[i];
		c[i].key = NULL;
		c[i].off = offsetof(struct sar_report, snmp) +
			   ((size_t)t * NET_SNMP_TABLE_MAX + i) * sizeof(double);
	}
	return n;
}

static void snmp_tab(FILE *f, enum net_snmp_table t, const char *pl, const char *cl,
		     const struct sar_report *r)
{
	struct sar_col c[NET_SNMP_TABLE_MAX];

	table1(f, pl, cl, c, snmp_cols(t, c), 2, r);
}

void sar_print(FILE *f, unsigned acts, const char *pl, const char *cl, const struct sar_report *r)
{
	if ((acts & SAR_DEV) && r->have_dev)
		iface_table(f, pl, cl, dev_cols, N(dev_cols), r);
	if ((acts & SAR_EDEV) && r->have_dev)
		iface_table(f, pl, cl, edev_cols, N(edev_cols), r);
	if ((acts & SAR_SOCK) && r->have_sock)
		table1(f, pl, cl, sock_cols, N(sock_cols), 0, r);
	for (int t = NET_IP; t <= NET_EICMP; t++)
		if ((acts & snmp_tabs[t].act) && r->have_snmp)
			snmp_tab(f, (enum net_snmp_table)t, pl, cl, r);
	if ((acts & SAR_TCP) && r->have_snmp)
		table1(f, pl, cl, tcp_cols, N(tcp_cols), 2, r);
	if ((acts & SAR_ETCP) && r->have_snmp)
		table1(f, pl, cl, etcp_cols, N(etcp_cols), 2, r);
	if ((acts & SAR_UDP) && r->have_snmp)
		snmp_tab(f, NET_UDP, pl, cl, r);
	if ((acts & SAR_SOCK6) && r->have_sock6)
		table1(f, pl, cl, sock6_cols, N(sock6_cols), 0, r);
	if ((acts & SAR_SOFT) && r->have_soft)
		soft_table(f, pl, cl, r);
}

/* JSON: the values of one row as "key": number. */
static void json_vals(struct json *j, const void *base, const struct sar_col *c, size_t n, int prec)
{
	for (size_t i = 0; i < n; i++)
		json_double(j, c[i].key, col_val(base, &c[i]), prec);
}

/* JSON: "name": null when the activity is unavailable, else an object. */
static void json_obj(struct json *j, const char *name, bool have, const struct sar_col *c,
		     size_t n, int prec, const struct sar_report *r)
{
	if (!have) {
		json_null(j, name);
		return;
	}
	json_obj_begin(j, name);
	json_vals(j, r, c, n, prec);
	json_obj_end(j);
}

static void json_ifs(struct json *j, const char *name, const struct sar_col *c, size_t n,
		     bool speed, const struct sar_report *r)
{
	json_arr_begin(j, name);
	for (size_t i = 0; i < r->nifs; i++) {
		json_obj_begin(j, NULL);
		json_str(j, "iface", r->ifs[i].name);
		json_vals(j, &r->ifs[i], c, n, 2);
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
	struct sar_col c[NET_SNMP_TABLE_MAX];
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
		json_double(j, key, col_val(r, &c[i]), 2);
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
		if (row->cpu < 0)
			json_str(j, "cpu", "all");
		else
			json_int(j, "cpu", row->cpu);
		json_vals(j, row, soft_cols, SOFT_RATES, 2);
		json_vals(j, row, &soft_cols[SOFT_RATES], 1, 0);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void json_protos(struct json *j, unsigned acts, const struct sar_report *r)
{
	if (acts & SAR_SOCK)
		json_obj(j, "net_sock", r->have_sock, sock_cols, N(sock_cols), 0, r);
	for (int t = 0; t < NET_SNMP_TABLE__COUNT; t++)
		if (acts & snmp_tabs[t].act)
			json_snmp(j, (enum net_snmp_table)t, r);
	if (acts & SAR_SOCK6)
		json_obj(j, "net_sock6", r->have_sock6, sock6_cols, N(sock6_cols), 0, r);
	if (acts & SAR_TCP)
		json_obj(j, "net_tcp", r->have_snmp, tcp_cols, N(tcp_cols), 2, r);
	if (acts & SAR_ETCP)
		json_obj(j, "net_etcp", r->have_snmp, etcp_cols, N(etcp_cols), 2, r);
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
