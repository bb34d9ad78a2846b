/* sources/proc_net_dev, proc_net_snmp, proc_net_netstat, proc_net_sockstat,
 * sys_class_net: parsers on literals. */
#include "test.h"

#include "sources/proc_net_dev.h"
#include "sources/proc_net_netstat.h"
#include "sources/proc_net_snmp.h"
#include "sources/proc_net_sockstat.h"
#include "sources/sys_class_net.h"

static const char NETDEV[] =
	"Inter-|   Receive                                                |  Transmit\n"
	" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
	"    lo:    3267      29    0    0    0     0          0         0     3267      29    0    0    0     0       0          0\n"
	"  eth0: 28322843     721    1    2    3     4          5         6    34653     425    7    8    9    10      11         12\n"
	"veth0123456789a:100 2 0 0 0 0 0 0 200 3 0 0 0 0 0 0\n";

static void test_net_dev(void **state)
{
	struct proc_net_dev nd = { 0 };
	const struct net_dev_if *e;
	(void)state;

	assert_int_equal(proc_net_dev_parse(NETDEV, sizeof(NETDEV) - 1, &nd), 0);
	assert_int_equal(nd.n, 3);
	assert_string_equal(nd.ifs[0].name, "lo");
	assert_int_equal(nd.ifs[0].rx_bytes, 3267);
	e = proc_net_dev_find(&nd, "eth0");
	assert_non_null(e);
	/* all 16 columns, in order */
	assert_int_equal(e->rx_bytes, 28322843);
	assert_int_equal(e->rx_packets, 721);
	assert_int_equal(e->rx_errs, 1);
	assert_int_equal(e->rx_drop, 2);
	assert_int_equal(e->rx_fifo, 3);
	assert_int_equal(e->rx_frame, 4);
	assert_int_equal(e->rx_compressed, 5);
	assert_int_equal(e->rx_multicast, 6);
	assert_int_equal(e->tx_bytes, 34653);
	assert_int_equal(e->tx_packets, 425);
	assert_int_equal(e->tx_errs, 7);
	assert_int_equal(e->tx_drop, 8);
	assert_int_equal(e->tx_fifo, 9);
	assert_int_equal(e->tx_colls, 10);
	assert_int_equal(e->tx_carrier, 11);
	assert_int_equal(e->tx_compressed, 12);
	/* a 15-character name runs into its first number */
	e = proc_net_dev_find(&nd, "veth0123456789a");
	assert_non_null(e);
	assert_int_equal(e->rx_bytes, 100);
	assert_int_equal(e->tx_packets, 3);
	assert_null(proc_net_dev_find(&nd, "eth1"));

	const char *shortl = "  eth0: 1 2 3\n";
	assert_int_equal(proc_net_dev_parse(shortl, strlen(shortl), &nd), -EINVAL);
	assert_int_equal(nd.bad_line, 1);
	const char *noname = "hdr|\n: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n";
	assert_int_equal(proc_net_dev_parse(noname, strlen(noname), &nd), -EINVAL);
	assert_int_equal(nd.bad_line, 2);
	proc_net_dev_free(&nd);
}

/* Field order shuffled, an unknown field, and a group we do not read. */
static const char SNMP[] =
	"Ip: Forwarding DefaultTTL InReceives\n"
	"Ip: 2 64 2884\n"
	"IcmpMsg: InType3\n"
	"IcmpMsg: 1\n"
	"Tcp: RtoAlgorithm RtoMin RtoMax MaxConn NewField PassiveOpens ActiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts\n"
	"Tcp: 1 200 120000 -1 77 3 14 5 6 2 2854 1474 9 10 11\n"
	"Udp: InDatagrams NoPorts InErrors OutDatagrams\n"
	"Udp: 29 1 2 30\n"
	"UdpLite: InDatagrams NoPorts InErrors OutDatagrams\n"
	"UdpLite: 99 99 99 99\n";

static void test_snmp(void **state)
{
	struct proc_net_snmp s;
	(void)state;

	assert_int_equal(proc_net_snmp_parse(SNMP, sizeof(SNMP) - 1, &s), 0);
	assert_true(s.have[SNMP_TCP_ACTIVE_OPENS]);
	assert_int_equal(s.v[SNMP_TCP_ACTIVE_OPENS], 14);
	assert_int_equal(s.v[SNMP_TCP_PASSIVE_OPENS], 3);
	assert_int_equal(s.v[SNMP_TCP_ATTEMPT_FAILS], 5);
	assert_int_equal(s.v[SNMP_TCP_ESTAB_RESETS], 6);
	assert_int_equal(s.v[SNMP_TCP_CURR_ESTAB], 2);
	assert_int_equal(s.v[SNMP_TCP_IN_SEGS], 2854);
	assert_int_equal(s.v[SNMP_TCP_OUT_SEGS], 1474);
	assert_int_equal(s.v[SNMP_TCP_RETRANS_SEGS], 9);
	assert_int_equal(s.v[SNMP_TCP_IN_ERRS], 10);
	assert_int_equal(s.v[SNMP_TCP_OUT_RSTS], 11);
	assert_int_equal((int64_t)s.v[SNMP_TCP_MAX_CONN], -1);
	assert_false(s.have[SNMP_TCP_IN_CSUM_ERRORS]);	/* not in this file */
	assert_int_equal(s.v[SNMP_IP_IN_RECEIVES], 2884);
	assert_int_equal(s.v[SNMP_UDP_IN_DATAGRAMS], 29);	/* Udp, not UdpLite */
	assert_int_equal(s.v[SNMP_UDP_OUT_DATAGRAMS], 30);
	assert_false(s.have[SNMP_ICMP_IN_MSGS]);
	assert_string_equal(proc_net_snmp_group(SNMP_TCP_RETRANS_SEGS), "Tcp");
	assert_string_equal(proc_net_snmp_name(SNMP_TCP_RETRANS_SEGS), "RetransSegs");

	const char *bad = "Tcp: ActiveOpens PassiveOpens\nTcp: 1\n";
	assert_int_equal(proc_net_snmp_parse(bad, strlen(bad), &s), -EINVAL);
	assert_int_equal(s.bad_line, 2);
	const char *bad2 = "Tcp: ActiveOpens\nTcp: x\n";
	assert_int_equal(proc_net_snmp_parse(bad2, strlen(bad2), &s), -EINVAL);
	assert_int_equal(proc_net_snmp_parse("", 0, &s), 0);
	assert_false(s.have[SNMP_TCP_ACTIVE_OPENS]);
}

static void test_netstat(void **state)
{
	struct proc_net_netstat n;
	const char *t =
		"TcpExt: SyncookiesSent ListenOverflows ListenDrops TCPTimeouts TCPSynRetrans TCPReqQFullDrop\n"
		"TcpExt: 1 2 3 4 5 6\n"
		"IpExt: InOctets OutOctets\n"
		"IpExt: 150494516 87511\n"
		"MPTcpExt: MPCapableSYNRX\n"
		"MPTcpExt: 0\n";
	(void)state;

	assert_int_equal(proc_net_netstat_parse(t, strlen(t), &n), 0);
	assert_int_equal(n.v[NETSTAT_TCP_EXT_SYNCOOKIES_SENT], 1);
	assert_int_equal(n.v[NETSTAT_TCP_EXT_LISTEN_OVERFLOWS], 2);
	assert_int_equal(n.v[NETSTAT_TCP_EXT_LISTEN_DROPS], 3);
	assert_int_equal(n.v[NETSTAT_TCP_EXT_TCP_TIMEOUTS], 4);
	assert_int_equal(n.v[NETSTAT_TCP_EXT_TCP_SYN_RETRANS], 5);
	assert_int_equal(n.v[NETSTAT_TCP_EXT_TCP_REQ_Q_FULL_DROP], 6);
	assert_int_equal(n.v[NETSTAT_IP_EXT_IN_OCTETS], 150494516);
	assert_true(n.have[NETSTAT_IP_EXT_OUT_OCTETS]);
	assert_false(n.have[NETSTAT_TCP_EXT_TW]);
}

static void test_sockstat(void **state)
{
	struct proc_net_sockstat s;
	const char *v4 =
		"sockets: used 17\n"
		"TCP: inuse 1 orphan 2 tw 3 alloc 4 mem 227\n"
		"UDP: inuse 5 mem 6\n"
		"UDPLITE: inuse 0\n"
		"RAW: inuse 7\n"
		"FRAG: inuse 8 memory 9\n";
	const char *v6 = "TCP6: inuse 10\nUDP6: inuse 11\nUDPLITE6: inuse 0\nRAW6: inuse 12\nFRAG6: inuse 13 memory 14\n";
	(void)state;

	memset(&s, 0, sizeof(s));
	assert_int_equal(proc_net_sockstat_parse(v4, strlen(v4), &s), 0);
	assert_int_equal(s.v[SOCKSTAT_SOCKETS_USED], 17);
	assert_int_equal(s.v[SOCKSTAT_TCP_INUSE], 1);
	assert_int_equal(s.v[SOCKSTAT_TCP_ORPHAN], 2);
	assert_int_equal(s.v[SOCKSTAT_TCP_TW], 3);
	assert_int_equal(s.v[SOCKSTAT_TCP_ALLOC], 4);
	assert_int_equal(s.v[SOCKSTAT_TCP_MEM], 227);
	assert_int_equal(s.v[SOCKSTAT_UDP_INUSE], 5);
	assert_int_equal(s.v[SOCKSTAT_RAW_INUSE], 7);
	assert_int_equal(s.v[SOCKSTAT_FRAG_INUSE], 8);
	assert_int_equal(s.v[SOCKSTAT_FRAG_MEMORY], 9);
	assert_false(s.have[SOCKSTAT_TCP6_INUSE]);
	assert_int_equal(proc_net_sockstat_parse(v6, strlen(v6), &s), 0);
	assert_int_equal(s.v[SOCKSTAT_TCP6_INUSE], 10);
	assert_int_equal(s.v[SOCKSTAT_FRAG6_MEMORY], 14);
	assert_int_equal(s.v[SOCKSTAT_TCP_INUSE], 1);	/* kept */
	const char *bad = "TCP: inuse x\n";
	assert_int_equal(proc_net_sockstat_parse(bad, strlen(bad), &s), -EINVAL);
	assert_int_equal(s.bad_line, 1);
}

static void test_sys_class_net(void **state)
{
	struct root r;
	struct sys_class_net_if ni;
	(void)state;

	assert_int_equal(sys_class_net_parse_speed("1000\n"), 1000);
	assert_int_equal(sys_class_net_parse_speed("-1\n"), -1);
	assert_int_equal(sys_class_net_parse_speed("0\n"), -1);
	assert_int_equal(sys_class_net_parse_speed("fast"), -1);
	assert_int_equal(sys_class_net_parse_duplex("full\n"), NET_DUPLEX_FULL);
	assert_int_equal(sys_class_net_parse_duplex("half\n"), NET_DUPLEX_HALF);
	assert_int_equal(sys_class_net_parse_duplex("unknown\n"), NET_DUPLEX_UNKNOWN);

	assert_int_equal(root_open(&r, FIXTURES "net/t0"), 0);
	assert_int_equal(sys_class_net_read(&r, "eth0", &ni), 0);
	assert_int_equal(ni.speed_mbps, 1000);
	assert_int_equal(ni.duplex, NET_DUPLEX_FULL);
	assert_string_equal(ni.operstate, "up");
	assert_int_equal(ni.type, 1);
	assert_int_equal(sys_class_net_read(&r, "eth1", &ni), 0);
	assert_int_equal(ni.speed_mbps, 100);
	assert_int_equal(ni.duplex, NET_DUPLEX_HALF);
	/* lo: no speed or duplex file */
	assert_int_equal(sys_class_net_read(&r, "lo", &ni), 0);
	assert_int_equal(ni.speed_mbps, -1);
	assert_int_equal(ni.duplex, NET_DUPLEX_UNKNOWN);
	assert_int_equal(ni.type, 772);
	assert_int_equal(sys_class_net_read(&r, "nosuch", &ni), -ENOENT);
	assert_int_equal(sys_class_net_read(&r, "../../proc", &ni), -ENOENT);
	root_close(&r);
}

/* Real files copied from a Debian 12 VM (kernel 6.18): tests/fixtures/vm/t0. */
static void test_real_files(void **state)
{
	struct root r;
	struct proc_net_dev nd = { 0 };
	struct proc_net_snmp sn;
	struct proc_net_netstat ns;
	struct proc_net_sockstat so;
	const struct net_dev_if *e;
	(void)state;

	assert_int_equal(root_open(&r, FIXTURES "vm/t0"), 0);
	assert_int_equal(proc_net_dev_read(&r, &nd), 0);
	assert_int_equal(nd.n, 4);
	assert_string_equal(nd.ifs[0].name, "lo");
	assert_string_equal(nd.ifs[3].name, "eth0");
	e = proc_net_dev_find(&nd, "eth0");
	assert_int_equal(e->rx_bytes, 150535027);
	assert_int_equal(e->rx_packets, 2904);
	assert_int_equal(e->tx_bytes, 109292);
	assert_int_equal(e->tx_packets, 1529);
	assert_int_equal(proc_net_snmp_read(&r, &sn), 0);
	assert_int_equal(sn.v[SNMP_TCP_ACTIVE_OPENS], 41);
	assert_int_equal(sn.v[SNMP_TCP_ESTAB_RESETS], 19);
	assert_int_equal(sn.v[SNMP_TCP_OUT_RSTS], 18);
	assert_true(sn.have[SNMP_TCP_IN_CSUM_ERRORS]);
	assert_true(sn.have[SNMP_ICMP_OUT_ADDR_MASK_REPS]);
	assert_true(sn.have[SNMP_UDP_MEM_ERRORS]);
	assert_int_equal(proc_net_netstat_read(&r, &ns), 0);
	assert_int_equal(ns.v[NETSTAT_TCP_EXT_LISTEN_OVERFLOWS], 10);
	assert_int_equal(ns.v[NETSTAT_TCP_EXT_TCP_TIMEOUTS], 9);
	assert_int_equal(ns.v[NETSTAT_TCP_EXT_TCP_SYN_RETRANS], 7);
	assert_int_equal(ns.v[NETSTAT_TCP_EXT_TW], 21);
	/* every field this reader knows is in a 6.x kernel's file */
	for (int f = 0; f < NETSTAT__COUNT; f++)
		assert_true(ns.have[f]);
	for (int f = 0; f < SNMP__COUNT; f++)
		assert_true(sn.have[f]);
	assert_int_equal(proc_net_sockstat_read(&r, &so), 0);
	assert_int_equal(so.v[SOCKSTAT_SOCKETS_USED], 18);
	assert_int_equal(so.v[SOCKSTAT_TCP_INUSE], 2);
	assert_int_equal(so.v[SOCKSTAT_TCP_MEM], 227);
	assert_true(so.have[SOCKSTAT_FRAG6_MEMORY]);
	proc_net_dev_free(&nd);
	root_close(&r);

	/* no snmp: -ENOENT, the caller marks TCP unavailable */
	assert_int_equal(root_open(&r, FIXTURES "nosnmp/t0"), 0);
	assert_int_equal(proc_net_snmp_read(&r, &sn), -ENOENT);
	assert_int_equal(proc_net_sockstat_read(&r, &so), 0);
	root_close(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_net_dev),
		cmocka_unit_test(test_snmp),
		cmocka_unit_test(test_netstat),
		cmocka_unit_test(test_sockstat),
		cmocka_unit_test(test_sys_class_net),
		cmocka_unit_test(test_real_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
