/* model/net: sysstat 12.6 sar -n formulas on literal samples, arithmetic in
 * the comments (values of tests/fixtures/net t0 -> t1, 2.00 s apart). */
#include "test.h"

#include "model/net.h"

static void test_dev(void **state)
{
	struct net_dev_if e0 = { .name = "eth0", .rx_bytes = 1000000, .rx_packets = 1000,
				 .rx_multicast = 50, .tx_bytes = 400000, .tx_packets = 900 };
	struct net_dev_if e1 = { .name = "eth0", .rx_bytes = 3048000, .rx_packets = 3000,
				 .rx_multicast = 60, .tx_bytes = 1424000, .tx_packets = 1900,
				 .rx_compressed = 4, .tx_compressed = 6 };
	struct sys_class_net_if full = { .speed_mbps = 1000, .duplex = NET_DUPLEX_FULL };
	struct sys_class_net_if half = { .speed_mbps = 100, .duplex = NET_DUPLEX_HALF };
	struct sys_class_net_if unk = { .speed_mbps = -1, .duplex = NET_DUPLEX_UNKNOWN };
	struct net_dev_rates r;
	(void)state;

	net_model_dev(&e0, &e1, &full, 2.0, &r);
	assert_float_equal(r.rxpck_s, 1000.0, 1e-9);	/* 2000 / 2 */
	assert_float_equal(r.txpck_s, 500.0, 1e-9);	/* 1000 / 2 */
	assert_float_equal(r.rxkb_s, 1000.0, 1e-9);	/* 2048000 / 2 / 1024 */
	assert_float_equal(r.txkb_s, 500.0, 1e-9);	/* 1024000 / 2 / 1024 */
	assert_float_equal(r.rxcmp_s, 2.0, 1e-9);	/* 4 / 2 */
	assert_float_equal(r.txcmp_s, 3.0, 1e-9);	/* 6 / 2 */
	assert_float_equal(r.rxmcst_s, 5.0, 1e-9);	/* 10 / 2 */
	/* full duplex: max(1024000, 512000) B/s x 8 / 1000e6 x 100 = 0.8192 % */
	assert_float_equal(r.ifutil_pct, 0.8192, 1e-9);
	/* half duplex at 100 Mb/s: (1024000 + 512000) x 8 / 100e6 x 100 = 12.288 % */
	net_model_dev(&e0, &e1, &half, 2.0, &r);
	assert_float_equal(r.ifutil_pct, 12.288, 1e-9);
	/* speed unknown (lo, a link down): 0, as sar prints */
	net_model_dev(&e0, &e1, &unk, 2.0, &r);
	assert_float_equal(r.ifutil_pct, 0.0, 1e-9);
	net_model_dev(&e0, &e1, NULL, 2.0, &r);
	assert_float_equal(r.ifutil_pct, 0.0, 1e-9);
	/* 10 Mb/s link said to carry 8 Mb/s each way, half duplex: 160 % -> 100 */
	struct sys_class_net_if slow = { .speed_mbps = 10, .duplex = NET_DUPLEX_HALF };
	assert_float_equal(net_model_ifutil(1e6, 1e6, &slow), 100.0, 1e-9);
	/* a new interface: from zero */
	net_model_dev(NULL, &e1, &full, 2.0, &r);
	assert_float_equal(r.rxpck_s, 1500.0, 1e-9);	/* 3000 / 2 */
	/* counters reset by the driver: unknown */
	net_model_dev(&e1, &e0, &full, 2.0, &r);
	assert_true(isnan(r.rxkb_s));
	assert_true(isnan(r.ifutil_pct));
	assert_true(isnan(r.rxcmp_s));	/* 6 -> 0 is not 0.00: the whole row */
}

static void test_edev(void **state)
{
	struct net_dev_if a = { .rx_errs = 1, .rx_drop = 2, .tx_colls = 3 };
	struct net_dev_if b = { .rx_errs = 5, .tx_errs = 2, .rx_drop = 8, .tx_drop = 2, .tx_colls = 7,
				.tx_carrier = 2, .rx_frame = 2, .rx_fifo = 2, .tx_fifo = 4 };
	struct net_edev_rates r;
	(void)state;

	net_model_edev(&a, &b, 2.0, &r);
	assert_float_equal(r.rxerr_s, 2.0, 1e-9);	/* 4 / 2 */
	assert_float_equal(r.txerr_s, 1.0, 1e-9);	/* 2 / 2 */
	assert_float_equal(r.coll_s, 2.0, 1e-9);	/* 4 / 2 */
	assert_float_equal(r.rxdrop_s, 3.0, 1e-9);	/* 6 / 2 */
	assert_float_equal(r.txdrop_s, 1.0, 1e-9);
	assert_float_equal(r.txcarr_s, 1.0, 1e-9);
	assert_float_equal(r.rxfram_s, 1.0, 1e-9);
	assert_float_equal(r.rxfifo_s, 1.0, 1e-9);
	assert_float_equal(r.txfifo_s, 2.0, 1e-9);	/* 4 / 2 */
	/* counters reset (packets 10 -> 0): every column unknown */
	a.rx_packets = 10;
	net_model_edev(&a, &b, 2.0, &r);
	assert_true(isnan(r.rxerr_s));
	assert_true(isnan(r.coll_s));
}

static void test_tcp_sock(void **state)
{
	struct proc_net_snmp a = { 0 }, b = { 0 };
	struct net_tcp_rates t;
	struct net_etcp_rates e;
	struct proc_net_sockstat s = { 0 };
	struct net_sock k;
	enum snmp_field f[] = { SNMP_TCP_ACTIVE_OPENS, SNMP_TCP_PASSIVE_OPENS, SNMP_TCP_IN_SEGS,
				SNMP_TCP_OUT_SEGS, SNMP_TCP_ATTEMPT_FAILS, SNMP_TCP_ESTAB_RESETS,
				SNMP_TCP_RETRANS_SEGS, SNMP_TCP_IN_ERRS, SNMP_TCP_OUT_RSTS };
	uint64_t v0[] = { 100, 40, 50000, 45000, 3, 2, 70, 1, 20 };
	uint64_t v1[] = { 110, 44, 53000, 47500, 5, 3, 95, 1, 26 };
	(void)state;

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		a.v[f[i]] = v0[i];
		b.v[f[i]] = v1[i];
		a.have[f[i]] = b.have[f[i]] = true;
	}
	net_model_tcp(&a, &b, 2.0, &t);
	assert_float_equal(t.active_s, 5.0, 1e-9);	/* 10 / 2 */
	assert_float_equal(t.passive_s, 2.0, 1e-9);	/* 4 / 2 */
	assert_float_equal(t.iseg_s, 1500.0, 1e-9);	/* 3000 / 2 */
	assert_float_equal(t.oseg_s, 1250.0, 1e-9);	/* 2500 / 2 */
	net_model_etcp(&a, &b, 2.0, &e);
	assert_float_equal(e.atmptf_s, 1.0, 1e-9);	/* 2 / 2 */
	assert_float_equal(e.estres_s, 0.5, 1e-9);	/* 1 / 2 */
	assert_float_equal(e.retrans_s, 12.5, 1e-9);	/* 25 / 2 */
	assert_float_equal(e.isegerr_s, 0.0, 1e-9);
	assert_float_equal(e.orsts_s, 3.0, 1e-9);	/* 6 / 2 */
	/* no /proc/net/snmp, or a field the kernel lacks: unknown */
	net_model_tcp(NULL, NULL, 2.0, &t);
	assert_true(isnan(t.active_s));
	b.have[SNMP_TCP_OUT_RSTS] = false;
	net_model_etcp(&a, &b, 2.0, &e);
	assert_true(isnan(e.orsts_s));
	assert_float_equal(e.atmptf_s, 1.0, 1e-9);

	s.v[SOCKSTAT_SOCKETS_USED] = 110;
	s.v[SOCKSTAT_TCP_INUSE] = 12;
	s.v[SOCKSTAT_TCP_TW] = 7;
	s.have[SOCKSTAT_SOCKETS_USED] = s.have[SOCKSTAT_TCP_INUSE] = s.have[SOCKSTAT_TCP_TW] = true;
	net_model_sock(&s, &k);
	assert_float_equal(k.totsck, 110.0, 1e-9);
	assert_float_equal(k.tcpsck, 12.0, 1e-9);
	assert_float_equal(k.tcp_tw, 7.0, 1e-9);
	assert_true(isnan(k.udpsck));
}

static void test_snmp_tables(void **state)
{
	struct proc_net_snmp a = { 0 }, b = { 0 };
	double v[NET_SNMP_TABLE_MAX];
	(void)state;

	/* Ip InReceives 10000 -> 13000, InDelivers 10000 -> 13000, OutRequests 9000 -> 11500 */
	a.v[SNMP_IP_IN_RECEIVES] = a.v[SNMP_IP_IN_DELIVERS] = 10000;
	b.v[SNMP_IP_IN_RECEIVES] = b.v[SNMP_IP_IN_DELIVERS] = 13000;
	a.v[SNMP_IP_OUT_REQUESTS] = 9000;
	b.v[SNMP_IP_OUT_REQUESTS] = 11500;
	for (int f = SNMP_IP_FORWARDING; f <= SNMP_IP_FRAG_CREATES; f++)
		a.have[f] = b.have[f] = true;
	net_model_snmp_table(&a, &b, NET_IP, 2.0, v);
	assert_int_equal(net_snmp_tables[NET_IP].n, 8);
	assert_float_equal(v[0], 1500.0, 1e-9);	/* irec/s: 3000 / 2 */
	assert_float_equal(v[1], 0.0, 1e-9);	/* fwddgm/s */
	assert_float_equal(v[2], 1500.0, 1e-9);	/* idel/s */
	assert_float_equal(v[3], 1250.0, 1e-9);	/* orq/s: 2500 / 2 */
	/* Udp not in either sample: unknown */
	net_model_snmp_table(&a, &b, NET_UDP, 2.0, v);
	assert_true(isnan(v[0]));
	assert_int_equal(net_snmp_tables[NET_ICMP].n, 14);
	assert_int_equal(net_snmp_tables[NET_EICMP].n, 12);
}

/* TcpExt rates: deltas over 2 s; a counter missing from one sample is unknown. */
static void test_tcpext(void **state)
{
	struct proc_net_netstat a = { 0 }, b = { 0 };
	struct net_tcpext_rates r;

	(void)state;
	a.have[NETSTAT_TCP_EXT_LISTEN_OVERFLOWS] = b.have[NETSTAT_TCP_EXT_LISTEN_OVERFLOWS] = true;
	a.v[NETSTAT_TCP_EXT_LISTEN_OVERFLOWS] = 100, b.v[NETSTAT_TCP_EXT_LISTEN_OVERFLOWS] = 300;
	a.have[NETSTAT_TCP_EXT_LISTEN_DROPS] = b.have[NETSTAT_TCP_EXT_LISTEN_DROPS] = true;
	a.v[NETSTAT_TCP_EXT_LISTEN_DROPS] = 5, b.v[NETSTAT_TCP_EXT_LISTEN_DROPS] = 6;
	b.have[NETSTAT_TCP_EXT_SYNCOOKIES_SENT] = true;
	net_model_tcpext(&a, &b, 2.0, &r);
	assert_true(r.listen_overflows_s == 100.0);
	assert_true(r.listen_drops_s == 0.5);
	assert_true(isnan(r.syncookies_sent_s));
	assert_true(isnan(r.req_q_full_drop_s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dev),
		cmocka_unit_test(test_edev),
		cmocka_unit_test(test_tcp_sock),
		cmocka_unit_test(test_snmp_tables),
		cmocka_unit_test(test_tcpext),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
