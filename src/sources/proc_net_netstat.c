#include "sources/proc_net_netstat.h"

#include <string.h>

#include "core/buf.h"
#include "sources/net_pairs.h"

static const struct net_pairs_key netstat_keys[NETSTAT__COUNT] = {
	[NETSTAT_TCP_EXT_SYNCOOKIES_SENT] = { "TcpExt", "SyncookiesSent" },
	[NETSTAT_TCP_EXT_SYNCOOKIES_RECV] = { "TcpExt", "SyncookiesRecv" },
	[NETSTAT_TCP_EXT_SYNCOOKIES_FAILED] = { "TcpExt", "SyncookiesFailed" },
	[NETSTAT_TCP_EXT_EMBRYONIC_RSTS] = { "TcpExt", "EmbryonicRsts" },
	[NETSTAT_TCP_EXT_PRUNE_CALLED] = { "TcpExt", "PruneCalled" },
	[NETSTAT_TCP_EXT_RCV_PRUNED] = { "TcpExt", "RcvPruned" },
	[NETSTAT_TCP_EXT_OFO_PRUNED] = { "TcpExt", "OfoPruned" },
	[NETSTAT_TCP_EXT_TW] = { "TcpExt", "TW" },
	[NETSTAT_TCP_EXT_LISTEN_OVERFLOWS] = { "TcpExt", "ListenOverflows" },
	[NETSTAT_TCP_EXT_LISTEN_DROPS] = { "TcpExt", "ListenDrops" },
	[NETSTAT_TCP_EXT_TCP_LOST_RETRANSMIT] = { "TcpExt", "TCPLostRetransmit" },
	[NETSTAT_TCP_EXT_TCP_FAST_RETRANS] = { "TcpExt", "TCPFastRetrans" },
	[NETSTAT_TCP_EXT_TCP_SLOW_START_RETRANS] = { "TcpExt", "TCPSlowStartRetrans" },
	[NETSTAT_TCP_EXT_TCP_TIMEOUTS] = { "TcpExt", "TCPTimeouts" },
	[NETSTAT_TCP_EXT_TCP_LOSS_PROBES] = { "TcpExt", "TCPLossProbes" },
	[NETSTAT_TCP_EXT_TCP_SYN_RETRANS] = { "TcpExt", "TCPSynRetrans" },
	[NETSTAT_TCP_EXT_TCP_REQ_Q_FULL_DO_COOKIES] = { "TcpExt", "TCPReqQFullDoCookies" },
	[NETSTAT_TCP_EXT_TCP_REQ_Q_FULL_DROP] = { "TcpExt", "TCPReqQFullDrop" },
	[NETSTAT_TCP_EXT_TCP_RETRANS_FAIL] = { "TcpExt", "TCPRetransFail" },
	[NETSTAT_TCP_EXT_TCP_BACKLOG_DROP] = { "TcpExt", "TCPBacklogDrop" },
	[NETSTAT_TCP_EXT_TCP_ABORT_ON_DATA] = { "TcpExt", "TCPAbortOnData" },
	[NETSTAT_TCP_EXT_TCP_ABORT_ON_CLOSE] = { "TcpExt", "TCPAbortOnClose" },
	[NETSTAT_TCP_EXT_TCP_ABORT_ON_MEMORY] = { "TcpExt", "TCPAbortOnMemory" },
	[NETSTAT_TCP_EXT_TCP_ABORT_ON_TIMEOUT] = { "TcpExt", "TCPAbortOnTimeout" },
	[NETSTAT_TCP_EXT_TCP_ABORT_ON_LINGER] = { "TcpExt", "TCPAbortOnLinger" },
	[NETSTAT_TCP_EXT_TCP_ABORT_FAILED] = { "TcpExt", "TCPAbortFailed" },
	[NETSTAT_TCP_EXT_TCP_MEMORY_PRESSURES] = { "TcpExt", "TCPMemoryPressures" },
	[NETSTAT_TCP_EXT_TCP_OFO_DROP] = { "TcpExt", "TCPOFODrop" },
	[NETSTAT_TCP_EXT_TCP_RCV_Q_DROP] = { "TcpExt", "TCPRcvQDrop" },
	[NETSTAT_TCP_EXT_TCP_ZERO_WINDOW_DROP] = { "TcpExt", "TCPZeroWindowDrop" },
	[NETSTAT_TCP_EXT_TCP_TO_ZERO_WINDOW_ADV] = { "TcpExt", "TCPToZeroWindowAdv" },
	[NETSTAT_TCP_EXT_TCP_WANT_ZERO_WINDOW_ADV] = { "TcpExt", "TCPWantZeroWindowAdv" },
	[NETSTAT_TCP_EXT_TCP_SPURIOUS_RTOS] = { "TcpExt", "TCPSpuriousRTOs" },
	[NETSTAT_TCP_EXT_TCP_KEEP_ALIVE] = { "TcpExt", "TCPKeepAlive" },
	[NETSTAT_TCP_EXT_TCP_ORIG_DATA_SENT] = { "TcpExt", "TCPOrigDataSent" },
	[NETSTAT_TCP_EXT_TCP_DELIVERED] = { "TcpExt", "TCPDelivered" },
	[NETSTAT_TCP_EXT_DELAYED_ACKS] = { "TcpExt", "DelayedACKs" },
	[NETSTAT_IP_EXT_IN_NO_ROUTES] = { "IpExt", "InNoRoutes" },
	[NETSTAT_IP_EXT_IN_TRUNCATED_PKTS] = { "IpExt", "InTruncatedPkts" },
	[NETSTAT_IP_EXT_IN_MCAST_PKTS] = { "IpExt", "InMcastPkts" },
	[NETSTAT_IP_EXT_OUT_MCAST_PKTS] = { "IpExt", "OutMcastPkts" },
	[NETSTAT_IP_EXT_IN_BCAST_PKTS] = { "IpExt", "InBcastPkts" },
	[NETSTAT_IP_EXT_OUT_BCAST_PKTS] = { "IpExt", "OutBcastPkts" },
	[NETSTAT_IP_EXT_IN_OCTETS] = { "IpExt", "InOctets" },
	[NETSTAT_IP_EXT_OUT_OCTETS] = { "IpExt", "OutOctets" },
	[NETSTAT_IP_EXT_IN_CSUM_ERRORS] = { "IpExt", "InCsumErrors" },
	[NETSTAT_IP_EXT_IN_NO_ECT_PKTS] = { "IpExt", "InNoECTPkts" },
	[NETSTAT_IP_EXT_IN_ECT1_PKTS] = { "IpExt", "InECT1Pkts" },
	[NETSTAT_IP_EXT_IN_ECT0_PKTS] = { "IpExt", "InECT0Pkts" },
	[NETSTAT_IP_EXT_IN_CE_PKTS] = { "IpExt", "InCEPkts" },
};

const char *proc_net_netstat_group(enum netstat_field f)
{
	return netstat_keys[f].group;
}

const char *proc_net_netstat_name(enum netstat_field f)
{
	return netstat_keys[f].name;
}

int proc_net_netstat_parse(const char *buf, size_t len, struct proc_net_netstat *out)
{
	memset(out, 0, sizeof(*out));
	return net_pairs_parse_table(buf, len, netstat_keys, NETSTAT__COUNT, out->v, out->have,
				     &out->bad_line);
}

int proc_net_netstat_read(const struct root *r, struct proc_net_netstat *out)
{
	struct buf b = { 0 };
	int err = root_read_buf(r, ROOT_PROC, "net/netstat", &b);

	if (!err)
		err = proc_net_netstat_parse(b.p ? b.p : "", b.len, out);
	buf_free(&b);
	return err;
}
