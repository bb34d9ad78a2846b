/* /proc/net/snmp: the IPv4 MIB counters (RFC 4293 Ip, RFC 4022 Tcp, RFC 4113
 * Udp, RFC 2011 Icmp) as header/value line pairs (net/ipv4/proc.c,
 * snmp_seq_show_ipstats and friends), parsed by name (sources/net_pairs.h).
 *
 * The file is absent without CONFIG_PROC_FS networking or in some sandboxes:
 * proc_net_snmp_read() then returns -ENOENT and the caller marks these
 * metrics unavailable. A field an older kernel lacks has have[] false. */
#ifndef TRIAGE_SOURCES_PROC_NET_SNMP_H
#define TRIAGE_SOURCES_PROC_NET_SNMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

/* Group "Ip", "Icmp", "Tcp", "Udp" then the kernel's field name, in the
 * kernel's order (SNMP_TCP_ACTIVE_OPENS is "Tcp: ActiveOpens"). All are
 * cumulative counters except Ip Forwarding/DefaultTTL, Tcp RtoAlgorithm/
 * RtoMin/RtoMax/MaxConn (settings; MaxConn is -1) and Tcp CurrEstab (a gauge). */
enum snmp_field {
	SNMP_IP_FORWARDING,
	SNMP_IP_DEFAULT_TTL,
	SNMP_IP_IN_RECEIVES,
	SNMP_IP_IN_HDR_ERRORS,
	SNMP_IP_IN_ADDR_ERRORS,
	SNMP_IP_FORW_DATAGRAMS,
	SNMP_IP_IN_UNKNOWN_PROTOS,
	SNMP_IP_IN_DISCARDS,
	SNMP_IP_IN_DELIVERS,
	SNMP_IP_OUT_REQUESTS,
	SNMP_IP_OUT_DISCARDS,
	SNMP_IP_OUT_NO_ROUTES,
	SNMP_IP_REASM_TIMEOUT,
	SNMP_IP_REASM_REQDS,
	SNMP_IP_REASM_OKS,
	SNMP_IP_REASM_FAILS,
	SNMP_IP_FRAG_OKS,
	SNMP_IP_FRAG_FAILS,
	SNMP_IP_FRAG_CREATES,
	SNMP_ICMP_IN_MSGS,
	SNMP_ICMP_IN_ERRORS,
	SNMP_ICMP_IN_CSUM_ERRORS,
	SNMP_ICMP_IN_DEST_UNREACHS,
	SNMP_ICMP_IN_TIME_EXCDS,
	SNMP_ICMP_IN_PARM_PROBS,
	SNMP_ICMP_IN_SRC_QUENCHS,
	SNMP_ICMP_IN_REDIRECTS,
	SNMP_ICMP_IN_ECHOS,
	SNMP_ICMP_IN_ECHO_REPS,
	SNMP_ICMP_IN_TIMESTAMPS,
	SNMP_ICMP_IN_TIMESTAMP_REPS,
	SNMP_ICMP_IN_ADDR_MASKS,
	SNMP_ICMP_IN_ADDR_MASK_REPS,
	SNMP_ICMP_OUT_MSGS,
	SNMP_ICMP_OUT_ERRORS,
	SNMP_ICMP_OUT_DEST_UNREACHS,
	SNMP_ICMP_OUT_TIME_EXCDS,
	SNMP_ICMP_OUT_PARM_PROBS,
	SNMP_ICMP_OUT_SRC_QUENCHS,
	SNMP_ICMP_OUT_REDIRECTS,
	SNMP_ICMP_OUT_ECHOS,
	SNMP_ICMP_OUT_ECHO_REPS,
	SNMP_ICMP_OUT_TIMESTAMPS,
	SNMP_ICMP_OUT_TIMESTAMP_REPS,
	SNMP_ICMP_OUT_ADDR_MASKS,
	SNMP_ICMP_OUT_ADDR_MASK_REPS,
	SNMP_TCP_RTO_ALGORITHM,
	SNMP_TCP_RTO_MIN,
	SNMP_TCP_RTO_MAX,
	SNMP_TCP_MAX_CONN,
	SNMP_TCP_ACTIVE_OPENS,
	SNMP_TCP_PASSIVE_OPENS,
	SNMP_TCP_ATTEMPT_FAILS,
	SNMP_TCP_ESTAB_RESETS,
	SNMP_TCP_CURR_ESTAB,
	SNMP_TCP_IN_SEGS,
	SNMP_TCP_OUT_SEGS,
	SNMP_TCP_RETRANS_SEGS,
	SNMP_TCP_IN_ERRS,
	SNMP_TCP_OUT_RSTS,
	SNMP_TCP_IN_CSUM_ERRORS,
	SNMP_UDP_IN_DATAGRAMS,
	SNMP_UDP_NO_PORTS,
	SNMP_UDP_IN_ERRORS,
	SNMP_UDP_OUT_DATAGRAMS,
	SNMP_UDP_RCVBUF_ERRORS,
	SNMP_UDP_SNDBUF_ERRORS,
	SNMP_UDP_IN_CSUM_ERRORS,
	SNMP_UDP_IGNORED_MULTI,
	SNMP_UDP_MEM_ERRORS,
	SNMP__COUNT
};

struct proc_net_snmp {
	uint64_t v[SNMP__COUNT];	/* the value (MaxConn -1 as two's complement) */
	bool have[SNMP__COUNT];		/* found in the file */
	int bad_line;			/* 1-based line of a parse error, else 0 */
};

/* Group and kernel name of a field ("Tcp", "ActiveOpens"). */
const char *proc_net_snmp_group(enum snmp_field f);
const char *proc_net_snmp_name(enum snmp_field f);

/* Parse the text (NUL-terminated, len bytes). Returns 0 or -EINVAL (bad_line). */
int proc_net_snmp_parse(const char *buf, size_t len, struct proc_net_snmp *out);
/* Read proc/net/snmp under the root. Returns 0 or -errno (-ENOENT: absent). */
int proc_net_snmp_read(const struct root *r, struct proc_net_snmp *out);

#endif
