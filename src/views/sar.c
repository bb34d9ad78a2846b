#include "views/sar.h"

#include "views/cols.h"
#include "views/sysstat_banner.h"

static void label(FILE *f, const char *l)
{
	fprintf(f, "%-11s", l);
}

static void dev(FILE *f, const char *pl, const char *cl, const struct sar_report *r)
{
	fputc('\n', f);
	label(f, pl);
	fputs("     IFACE   rxpck/s   txpck/s    rxkB/s    txkB/s   rxcmp/s   txcmp/s  rxmcst/s   %ifutil\n", f);
	for (size_t i = 0; i < r->nifs; i++) {
		const struct net_dev_rates *d = &r->ifs[i].dev;

		label(f, cl);
		fputc(' ', f);
		cols_name(f, r->ifs[i].name, 9, 0);
		cols_num(f, 9, 2, d->rxpck_s);
		cols_num(f, 9, 2, d->txpck_s);
		cols_num(f, 9, 2, d->rxkb_s);
		cols_num(f, 9, 2, d->txkb_s);
		cols_num(f, 9, 2, d->rxcmp_s);
		cols_num(f, 9, 2, d->txcmp_s);
		cols_num(f, 9, 2, d->rxmcst_s);
		cols_num(f, 9, 2, d->ifutil_pct);
		fputc('\n', f);
	}
}

static void edev(FILE *f, const char *pl, const char *cl, const struct sar_report *r)
{
	fputc('\n', f);
	label(f, pl);
	fputs("     IFACE   rxerr/s   txerr/s    coll/s  rxdrop/s  txdrop/s  txcarr/s  rxfram/s  rxfifo/s  txfifo/s\n", f);
	for (size_t i = 0; i < r->nifs; i++) {
		const struct net_edev_rates *e = &r->ifs[i].edev;

		label(f, cl);
		fputc(' ', f);
		cols_name(f, r->ifs[i].name, 9, 0);
		cols_num(f, 9, 2, e->rxerr_s);
		cols_num(f, 9, 2, e->txerr_s);
		cols_num(f, 9, 2, e->coll_s);
		cols_num(f, 9, 2, e->rxdrop_s);
		cols_num(f, 9, 2, e->txdrop_s);
		cols_num(f, 9, 2, e->txcarr_s);
		cols_num(f, 9, 2, e->rxfram_s);
		cols_num(f, 9, 2, e->rxfifo_s);
		cols_num(f, 9, 2, e->txfifo_s);
		fputc('\n', f);
	}
}

static void sock(FILE *f, const char *pl, const char *cl, const struct sar_report *r)
{
	const struct net_sock *s = &r->sock;

	fputc('\n', f);
	label(f, pl);
	fputs("    totsck    tcpsck    udpsck    rawsck   ip-frag    tcp-tw\n", f);
	label(f, cl);
	/* integers at each interval, their means rounded in "Average:" (%9.0f) */
	cols_num(f, 9, 0, s->totsck);
	cols_num(f, 9, 0, s->tcpsck);
	cols_num(f, 9, 0, s->udpsck);
	cols_num(f, 9, 0, s->rawsck);
	cols_num(f, 9, 0, s->ip_frag);
	cols_num(f, 9, 0, s->tcp_tw);
	fputc('\n', f);
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

static void snmp_tab(FILE *f, enum net_snmp_table t, const char *pl, const char *cl,
		     const struct sar_report *r)
{
	size_t n = net_snmp_tables[t].n;

	fputc('\n', f);
	label(f, pl);
	for (size_t i = 0; i < n; i++)
		fprintf(f, " %9s", snmp_tabs[t].cols[i]);
	fputc('\n', f);
	label(f, cl);
	for (size_t i = 0; i < n; i++)
		cols_num(f, 9, 2, r->snmp[t][i]);
	fputc('\n', f);
}

static void sock6(FILE *f, const char *pl, const char *cl, const struct sar_report *r)
{
	fputc('\n', f);
	label(f, pl);
	fputs("   tcp6sck   udp6sck   raw6sck  ip6-frag\n", f);
	label(f, cl);
	cols_num(f, 9, 0, r->sock6.tcp6sck);
	cols_num(f, 9, 0, r->sock6.udp6sck);
	cols_num(f, 9, 0, r->sock6.raw6sck);
	cols_num(f, 9, 0, r->sock6.ip6_frag);
	fputc('\n', f);
}

static void tcp(FILE *f, const char *pl, const char *cl, const struct sar_report *r)
{
	fputc('\n', f);
	label(f, pl);
	fputs("  active/s passive/s    iseg/s    oseg/s\n", f);
	label(f, cl);
	cols_num(f, 9, 2, r->tcp.active_s);
	cols_num(f, 9, 2, r->tcp.passive_s);
	cols_num(f, 9, 2, r->tcp.iseg_s);
	cols_num(f, 9, 2, r->tcp.oseg_s);
	fputc('\n', f);
}

static void etcp(FILE *f, const char *pl, const char *cl, const struct sar_report *r)
{
	fputc('\n', f);
	label(f, pl);
	fputs("  atmptf/s  estres/s retrans/s isegerr/s   orsts/s\n", f);
	label(f, cl);
	cols_num(f, 9, 2, r->etcp.atmptf_s);
	cols_num(f, 9, 2, r->etcp.estres_s);
	cols_num(f, 9, 2, r->etcp.retrans_s);
	cols_num(f, 9, 2, r->etcp.isegerr_s);
	cols_num(f, 9, 2, r->etcp.orsts_s);
	fputc('\n', f);
}

void sar_print(FILE *f, unsigned acts, const char *pl, const char *cl, const struct sar_report *r)
{
	if ((acts & SAR_DEV) && r->have_dev)
		dev(f, pl, cl, r);
	if ((acts & SAR_EDEV) && r->have_dev)
		edev(f, pl, cl, r);
	if ((acts & SAR_SOCK) && r->have_sock)
		sock(f, pl, cl, r);
	for (int t = NET_IP; t <= NET_EICMP; t++)
		if ((acts & snmp_tabs[t].act) && r->have_snmp)
			snmp_tab(f, (enum net_snmp_table)t, pl, cl, r);
	if ((acts & SAR_TCP) && r->have_snmp)
		tcp(f, pl, cl, r);
	if ((acts & SAR_ETCP) && r->have_snmp)
		etcp(f, pl, cl, r);
	if ((acts & SAR_UDP) && r->have_snmp)
		snmp_tab(f, NET_UDP, pl, cl, r);
	if ((acts & SAR_SOCK6) && r->have_sock6)
		sock6(f, pl, cl, r);
}

static void json_ifs(struct json *j, unsigned acts, const struct sar_report *r)
{
	if (acts & SAR_DEV) {
		json_arr_begin(j, "net_dev");
		for (size_t i = 0; i < r->nifs; i++) {
			const struct net_dev_rates *d = &r->ifs[i].dev;

			json_obj_begin(j, NULL);
			json_str(j, "iface", r->ifs[i].name);
			json_double(j, "rxpck_s", d->rxpck_s, 2);
			json_double(j, "txpck_s", d->txpck_s, 2);
			json_double(j, "rxkb_s", d->rxkb_s, 2);
			json_double(j, "txkb_s", d->txkb_s, 2);
			json_double(j, "rxcmp_s", d->rxcmp_s, 2);
			json_double(j, "txcmp_s", d->txcmp_s, 2);
			json_double(j, "rxmcst_s", d->rxmcst_s, 2);
			json_double(j, "ifutil_pct", d->ifutil_pct, 2);
			if (r->ifs[i].speed_mbps > 0)
				json_int(j, "speed_mbps", r->ifs[i].speed_mbps);
			else
				json_null(j, "speed_mbps");
			json_obj_end(j);
		}
		json_arr_end(j);
	}
	if (acts & SAR_EDEV) {
		json_arr_begin(j, "net_edev");
		for (size_t i = 0; i < r->nifs; i++) {
			const struct net_edev_rates *e = &r->ifs[i].edev;

			json_obj_begin(j, NULL);
			json_str(j, "iface", r->ifs[i].name);
			json_double(j, "rxerr_s", e->rxerr_s, 2);
			json_double(j, "txerr_s", e->txerr_s, 2);
			json_double(j, "coll_s", e->coll_s, 2);
			json_double(j, "rxdrop_s", e->rxdrop_s, 2);
			json_double(j, "txdrop_s", e->txdrop_s, 2);
			json_double(j, "txcarr_s", e->txcarr_s, 2);
			json_double(j, "rxfram_s", e->rxfram_s, 2);
			json_double(j, "rxfifo_s", e->rxfifo_s, 2);
			json_double(j, "txfifo_s", e->txfifo_s, 2);
			json_obj_end(j);
		}
		json_arr_end(j);
	}
}

static void json_protos(struct json *j, unsigned acts, const struct sar_report *r)
{
	if ((acts & SAR_SOCK) && !r->have_sock)
		json_null(j, "net_sock");
	else if (acts & SAR_SOCK) {
		json_obj_begin(j, "net_sock");
		json_double(j, "totsck", r->sock.totsck, 0);
		json_double(j, "tcpsck", r->sock.tcpsck, 0);
		json_double(j, "udpsck", r->sock.udpsck, 0);
		json_double(j, "rawsck", r->sock.rawsck, 0);
		json_double(j, "ip_frag", r->sock.ip_frag, 0);
		json_double(j, "tcp_tw", r->sock.tcp_tw, 0);
		json_obj_end(j);
	}
	for (int t = 0; t < NET_SNMP_TABLE__COUNT; t++) {
		char key[16];

		if (!(acts & snmp_tabs[t].act))
			continue;
		if (!r->have_snmp) {
			json_null(j, snmp_tabs[t].json);
			continue;
		}
		json_obj_begin(j, snmp_tabs[t].json);
		for (size_t i = 0; i < net_snmp_tables[t].n; i++) {
			snprintf(key, sizeof(key), "%s", snmp_tabs[t].cols[i]);
			for (char *k = key; *k; k++)
				if (*k == '/' || *k == '-')
					*k = '_';
			json_double(j, key, r->snmp[t][i], 2);
		}
		json_obj_end(j);
	}
	if ((acts & SAR_SOCK6) && !r->have_sock6)
		json_null(j, "net_sock6");
	else if (acts & SAR_SOCK6) {
		json_obj_begin(j, "net_sock6");
		json_double(j, "tcp6sck", r->sock6.tcp6sck, 0);
		json_double(j, "udp6sck", r->sock6.udp6sck, 0);
		json_double(j, "raw6sck", r->sock6.raw6sck, 0);
		json_double(j, "ip6_frag", r->sock6.ip6_frag, 0);
		json_obj_end(j);
	}
	if ((acts & SAR_TCP) && !r->have_snmp)
		json_null(j, "net_tcp");
	else if (acts & SAR_TCP) {
		json_obj_begin(j, "net_tcp");
		json_double(j, "active_s", r->tcp.active_s, 2);
		json_double(j, "passive_s", r->tcp.passive_s, 2);
		json_double(j, "iseg_s", r->tcp.iseg_s, 2);
		json_double(j, "oseg_s", r->tcp.oseg_s, 2);
		json_obj_end(j);
	}
	if ((acts & SAR_ETCP) && !r->have_snmp)
		json_null(j, "net_etcp");
	else if (acts & SAR_ETCP) {
		json_obj_begin(j, "net_etcp");
		json_double(j, "atmptf_s", r->etcp.atmptf_s, 2);
		json_double(j, "estres_s", r->etcp.estres_s, 2);
		json_double(j, "retrans_s", r->etcp.retrans_s, 2);
		json_double(j, "isegerr_s", r->etcp.isegerr_s, 2);
		json_double(j, "orsts_s", r->etcp.orsts_s, 2);
		json_obj_end(j);
	}
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
		json_ifs(j, acts, r);
	}
	json_protos(j, acts, r);
	json_obj_end(j);
}
