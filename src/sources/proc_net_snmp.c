#include "sources/proc_net_snmp.h"

#include <string.h>

#include "core/buf.h"
#include "sources/net_pairs.h"

static const struct net_pairs_key snmp_keys[SNMP__COUNT] = {
	[SNMP_IP_FORWARDING] = { "Ip", "Forwarding" },
	[SNMP_IP_DEFAULT_TTL] = { "Ip", "DefaultTTL" },
	[SNMP_IP_IN_RECEIVES] = { "Ip", "InReceives" },
	[SNMP_IP_IN_HDR_ERRORS] = { "Ip", "InHdrErrors" },
	[SNMP_IP_IN_ADDR_ERRORS] = { "Ip", "InAddrErrors" },
	[SNMP_IP_FORW_DATAGRAMS] = { "Ip", "ForwDatagrams" },
	[SNMP_IP_IN_UNKNOWN_PROTOS] = { "Ip", "InUnknownProtos" },
	[SNMP_IP_IN_DISCARDS] = { "Ip", "InDiscards" },
	[SNMP_IP_IN_DELIVERS] = { "Ip", "InDelivers" },
	[SNMP_IP_OUT_REQUESTS] = { "Ip", "OutRequests" },
	[SNMP_IP_OUT_DISCARDS] = { "Ip", "OutDiscards" },
	[SNMP_IP_OUT_NO_ROUTES] = { "Ip", "OutNoRoutes" },
	[SNMP_IP_REASM_TIMEOUT] = { "Ip", "ReasmTimeout" },
	[SNMP_IP_REASM_REQDS] = { "Ip", "ReasmReqds" },
	[SNMP_IP_REASM_OKS] = { "Ip", "ReasmOKs" },
	[SNMP_IP_REASM_FAILS] = { "Ip", "ReasmFails" },
	[SNMP_IP_FRAG_OKS] = { "Ip", "FragOKs" },
	[SNMP_IP_FRAG_FAILS] = { "Ip", "FragFails" },
	[SNMP_IP_FRAG_CREATES] = { "Ip", "FragCreates" },
	[SNMP_ICMP_IN_MSGS] = { "Icmp", "InMsgs" },
	[SNMP_ICMP_IN_ERRORS] = { "Icmp", "InErrors" },
	[SNMP_ICMP_IN_CSUM_ERRORS] = { "Icmp", "InCsumErrors" },
	[SNMP_ICMP_IN_DEST_UNREACHS] = { "Icmp", "InDestUnreachs" },
	[SNMP_ICMP_IN_TIME_EXCDS] = { "Icmp", "InTimeExcds" },
	[SNMP_ICMP_IN_PARM_PROBS] = { "Icmp", "InParmProbs" },
	[SNMP_ICMP_IN_SRC_QUENCHS] = { "Icmp", "InSrcQuenchs" },
	[SNMP_ICMP_IN_REDIRECTS] = { "Icmp", "InRedirects" },
	[SNMP_ICMP_IN_ECHOS] = { "Icmp", "InEchos" },
	[SNMP_ICMP_IN_ECHO_REPS] = { "Icmp", "InEchoReps" },
	[SNMP_ICMP_IN_TIMESTAMPS] = { "Icmp", "InTimestamps" },
	[SNMP_ICMP_IN_TIMESTAMP_REPS] = { "Icmp", "InTimestampReps" },
	[SNMP_ICMP_IN_ADDR_MASKS] = { "Icmp", "InAddrMasks" },
	[SNMP_ICMP_IN_ADDR_MASK_REPS] = { "Icmp", "InAddrMaskReps" },
	[SNMP_ICMP_OUT_MSGS] = { "Icmp", "OutMsgs" },
	[SNMP_ICMP_OUT_ERRORS] = { "Icmp", "OutErrors" },
	[SNMP_ICMP_OUT_DEST_UNREACHS] = { "Icmp", "OutDestUnreachs" },
	[SNMP_ICMP_OUT_TIME_EXCDS] = { "Icmp", "OutTimeExcds" },
	[SNMP_ICMP_OUT_PARM_PROBS] = { "Icmp", "OutParmProbs" },
	[SNMP_ICMP_OUT_SRC_QUENCHS] = { "Icmp", "OutSrcQuenchs" },
	[SNMP_ICMP_OUT_REDIRECTS] = { "Icmp", "OutRedirects" },
	[SNMP_ICMP_OUT_ECHOS] = { "Icmp", "OutEchos" },
	[SNMP_ICMP_OUT_ECHO_REPS] = { "Icmp", "OutEchoReps" },
	[SNMP_ICMP_OUT_TIMESTAMPS] = { "Icmp", "OutTimestamps" },
	[SNMP_ICMP_OUT_TIMESTAMP_REPS] = { "Icmp", "OutTimestampReps" },
	[SNMP_ICMP_OUT_ADDR_MASKS] = { "Icmp", "OutAddrMasks" },
	[SNMP_ICMP_OUT_ADDR_MASK_REPS] = { "Icmp", "OutAddrMaskReps" },
	[SNMP_TCP_RTO_ALGORITHM] = { "Tcp", "RtoAlgorithm" },
	[SNMP_TCP_RTO_MIN] = { "Tcp", "RtoMin" },
	[SNMP_TCP_RTO_MAX] = { "Tcp", "RtoMax" },
	[SNMP_TCP_MAX_CONN] = { "Tcp", "MaxConn" },
	[SNMP_TCP_ACTIVE_OPENS] = { "Tcp", "ActiveOpens" },
	[SNMP_TCP_PASSIVE_OPENS] = { "Tcp", "PassiveOpens" },
	[SNMP_TCP_ATTEMPT_FAILS] = { "Tcp", "AttemptFails" },
	[SNMP_TCP_ESTAB_RESETS] = { "Tcp", "EstabResets" },
	[SNMP_TCP_CURR_ESTAB] = { "Tcp", "CurrEstab" },
	[SNMP_TCP_IN_SEGS] = { "Tcp", "InSegs" },
	[SNMP_TCP_OUT_SEGS] = { "Tcp", "OutSegs" },
	[SNMP_TCP_RETRANS_SEGS] = { "Tcp", "RetransSegs" },
	[SNMP_TCP_IN_ERRS] = { "Tcp", "InErrs" },
	[SNMP_TCP_OUT_RSTS] = { "Tcp", "OutRsts" },
	[SNMP_TCP_IN_CSUM_ERRORS] = { "Tcp", "InCsumErrors" },
	[SNMP_UDP_IN_DATAGRAMS] = { "Udp", "InDatagrams" },
	[SNMP_UDP_NO_PORTS] = { "Udp", "NoPorts" },
	[SNMP_UDP_IN_ERRORS] = { "Udp", "InErrors" },
	[SNMP_UDP_OUT_DATAGRAMS] = { "Udp", "OutDatagrams" },
	[SNMP_UDP_RCVBUF_ERRORS] = { "Udp", "RcvbufErrors" },
	[SNMP_UDP_SNDBUF_ERRORS] = { "Udp", "SndbufErrors" },
	[SNMP_UDP_IN_CSUM_ERRORS] = { "Udp", "InCsumErrors" },
	[SNMP_UDP_IGNORED_MULTI] = { "Udp", "IgnoredMulti" },
	[SNMP_UDP_MEM_ERRORS] = { "Udp", "MemErrors" },
};

const char *proc_net_snmp_group(enum snmp_field f)
{
	return snmp_keys[f].group;
}

const char *proc_net_snmp_name(enum snmp_field f)
{
	return snmp_keys[f].name;
}

int proc_net_snmp_parse(const char *buf, size_t len, struct proc_net_snmp *out)
{
	memset(out, 0, sizeof(*out));
	return net_pairs_parse_table(buf, len, snmp_keys, SNMP__COUNT, out->v, out->have,
				     &out->bad_line);
}

int proc_net_snmp_read(const struct root *r, struct proc_net_snmp *out)
{
	struct buf b = { 0 };
	int err = root_read_buf(r, ROOT_PROC, "net/snmp", &b);

	if (!err)
		err = proc_net_snmp_parse(b.p ? b.p : "", b.len, out);
	buf_free(&b);
	return err;
}
