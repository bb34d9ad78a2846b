/* /proc/net/netstat: Linux's own TCP and IP counters (TcpExt, IpExt; also
 * MPTcpExt, TcpExt's later fields) as header/value line pairs
 * (net/ipv4/proc.c netstat_seq_show; names in include/uapi/linux/snmp.h),
 * parsed by name (sources/net_pairs.h). Only the fields below are kept;
 * others, and fields a kernel lacks (have[] false), do not matter.
 *
 * Useful ones: ListenOverflows / ListenDrops (accept queue full, SYNs
 * dropped), TCPReqQFullDrop / TCPReqQFullDoCookies (SYN queue full),
 * SyncookiesSent, TCPSynRetrans, TCPTimeouts (RTO fired), TCPLossProbes. */
#ifndef TRIAGE_SOURCES_PROC_NET_NETSTAT_H
#define TRIAGE_SOURCES_PROC_NET_NETSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

/* Group "TcpExt" or "IpExt" then the kernel's field name. All cumulative. */
enum netstat_field {
	NETSTAT_TCP_EXT_SYNCOOKIES_SENT,
	NETSTAT_TCP_EXT_SYNCOOKIES_RECV,
	NETSTAT_TCP_EXT_SYNCOOKIES_FAILED,
	NETSTAT_TCP_EXT_EMBRYONIC_RSTS,
	NETSTAT_TCP_EXT_PRUNE_CALLED,
	NETSTAT_TCP_EXT_RCV_PRUNED,
	NETSTAT_TCP_EXT_OFO_PRUNED,
	NETSTAT_TCP_EXT_TW,
	NETSTAT_TCP_EXT_LISTEN_OVERFLOWS,
	NETSTAT_TCP_EXT_LISTEN_DROPS,
	NETSTAT_TCP_EXT_TCP_LOST_RETRANSMIT,
	NETSTAT_TCP_EXT_TCP_FAST_RETRANS,
	NETSTAT_TCP_EXT_TCP_SLOW_START_RETRANS,
	NETSTAT_TCP_EXT_TCP_TIMEOUTS,
	NETSTAT_TCP_EXT_TCP_LOSS_PROBES,
	NETSTAT_TCP_EXT_TCP_SYN_RETRANS,
	NETSTAT_TCP_EXT_TCP_REQ_Q_FULL_DO_COOKIES,
	NETSTAT_TCP_EXT_TCP_REQ_Q_FULL_DROP,
	NETSTAT_TCP_EXT_TCP_RETRANS_FAIL,
	NETSTAT_TCP_EXT_TCP_BACKLOG_DROP,
	NETSTAT_TCP_EXT_TCP_ABORT_ON_DATA,
	NETSTAT_TCP_EXT_TCP_ABORT_ON_CLOSE,
	NETSTAT_TCP_EXT_TCP_ABORT_ON_MEMORY,
	NETSTAT_TCP_EXT_TCP_ABORT_ON_TIMEOUT,
	NETSTAT_TCP_EXT_TCP_ABORT_ON_LINGER,
	NETSTAT_TCP_EXT_TCP_ABORT_FAILED,
	NETSTAT_TCP_EXT_TCP_MEMORY_PRESSURES,
	NETSTAT_TCP_EXT_TCP_OFO_DROP,
	NETSTAT_TCP_EXT_TCP_RCV_Q_DROP,
	NETSTAT_TCP_EXT_TCP_ZERO_WINDOW_DROP,
	NETSTAT_TCP_EXT_TCP_TO_ZERO_WINDOW_ADV,
	NETSTAT_TCP_EXT_TCP_WANT_ZERO_WINDOW_ADV,
	NETSTAT_TCP_EXT_TCP_SPURIOUS_RTOS,
	NETSTAT_TCP_EXT_TCP_KEEP_ALIVE,
	NETSTAT_TCP_EXT_TCP_ORIG_DATA_SENT,
	NETSTAT_TCP_EXT_TCP_DELIVERED,
	NETSTAT_TCP_EXT_DELAYED_ACKS,
	NETSTAT_IP_EXT_IN_NO_ROUTES,
	NETSTAT_IP_EXT_IN_TRUNCATED_PKTS,
	NETSTAT_IP_EXT_IN_MCAST_PKTS,
	NETSTAT_IP_EXT_OUT_MCAST_PKTS,
	NETSTAT_IP_EXT_IN_BCAST_PKTS,
	NETSTAT_IP_EXT_OUT_BCAST_PKTS,
	NETSTAT_IP_EXT_IN_OCTETS,
	NETSTAT_IP_EXT_OUT_OCTETS,
	NETSTAT_IP_EXT_IN_CSUM_ERRORS,
	NETSTAT_IP_EXT_IN_NO_ECT_PKTS,
	NETSTAT_IP_EXT_IN_ECT1_PKTS,
	NETSTAT_IP_EXT_IN_ECT0_PKTS,
	NETSTAT_IP_EXT_IN_CE_PKTS,
	NETSTAT__COUNT
};

struct proc_net_netstat {
	uint64_t v[NETSTAT__COUNT];
	bool have[NETSTAT__COUNT];
	int bad_line;
};

const char *proc_net_netstat_group(enum netstat_field f);
const char *proc_net_netstat_name(enum netstat_field f);

/* Parse the text. Returns 0 or -EINVAL (bad_line). */
int proc_net_netstat_parse(const char *buf, size_t len, struct proc_net_netstat *out);
/* Read proc/net/netstat under the root. Returns 0 or -errno (-ENOENT: absent). */
int proc_net_netstat_read(const struct root *r, struct proc_net_netstat *out);

#endif
