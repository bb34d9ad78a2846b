/* NETLINK_SOCK_DIAG inet_diag dumps: every TCP and UDP socket, IPv4 and IPv6.
 *
 * Request (linux/inet_diag.h): struct inet_diag_req_v2 { sdiag_family,
 * sdiag_protocol, idiag_ext (1 << (INET_DIAG_INFO - 1) for tcp_info),
 * idiag_states (bit mask of TCP_* states), id } sent with
 * NLM_F_REQUEST | NLM_F_DUMP and type SOCK_DIAG_BY_FAMILY.
 * Reply: a stream of netlink messages, each an inet_diag_msg { family,
 * state, timer, retrans, id { sport, dport (network order), src[4], dst[4]
 * (IPv4 in [0]), if, cookie }, expires, rqueue, wqueue, uid, inode } then
 * rtattrs (INET_DIAG_INFO: struct tcp_info, as long as this kernel's;
 * INET_DIAG_CONG: the congestion control's name, NUL-terminated), ended
 * by NLMSG_DONE (or NLMSG_ERROR).
 * rqueue/wqueue (net/ipv4/tcp_diag.c, tcp_diag_get_info): for a listener the
 * accept queue length and its backlog (sk_max_ack_backlog); otherwise bytes
 * not yet read (rcv_nxt - copied_seq) and not yet acked (write_seq - snd_una).
 * UDP (udp_diag.c): rmem and wmem allocated.
 *
 * Records are compact (fixed size, no pointers) so 100,000 sockets cost a
 * few MB; tcp_info, which is larger, is kept only when asked for.
 *
 * Recorded dumps: the raw bytes of every recv() of one dump, concatenated,
 * replay through nl_sockdiag_parse. Under a fixture root, nl_sockdiag_dump
 * reads ROOT/sock_diag/{tcp,udp}{4,6}.nl (a triage convention) instead of
 * opening a socket; a missing file is an empty dump. */
#ifndef TRIAGE_SOURCES_NL_SOCKDIAG_H
#define TRIAGE_SOURCES_NL_SOCKDIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

/* TCP states (include/net/tcp_states.h); UDP uses ESTABLISHED and CLOSE. */
enum sd_state {
	SD_ESTABLISHED = 1, SD_SYN_SENT, SD_SYN_RECV, SD_FIN_WAIT1, SD_FIN_WAIT2,
	SD_TIME_WAIT, SD_CLOSE, SD_CLOSE_WAIT, SD_LAST_ACK, SD_LISTEN, SD_CLOSING,
	SD__MAX
};

/* The subset of struct tcp_info (linux/tcp.h) that ss -i shows. */
struct sd_tcpinfo {
	uint8_t ca_state, retransmits, probes, backoff, options, snd_wscale, rcv_wscale;
	uint32_t rto_us, ato_us, snd_mss, rcv_mss;
	uint32_t unacked, sacked, lost, retrans, fackets;
	uint32_t last_data_sent_ms, last_data_recv_ms, last_ack_recv_ms;
	uint32_t pmtu, rcv_ssthresh, rtt_us, rttvar_us, snd_ssthresh, snd_cwnd, advmss, reordering;
	uint32_t rcv_rtt_us, rcv_space, total_retrans;
	uint64_t pacing_rate, bytes_acked, bytes_received;	/* 0 when the kernel is older */
	uint32_t segs_out, segs_in, min_rtt_us;
	uint64_t delivery_rate;
	uint64_t busy_time_us;
	uint32_t delivered;
	uint64_t bytes_sent, bytes_retrans;
	uint32_t len;		/* bytes of tcp_info the kernel sent */
	char cong[16];		/* INET_DIAG_CONG: "cubic", "bbr" ... ("" when not sent) */
};

struct sd_sock {
	uint8_t family;		/* AF_INET, AF_INET6 */
	uint8_t proto;		/* IPPROTO_TCP, IPPROTO_UDP */
	uint8_t state;		/* TCP_ESTABLISHED (1) ... TCP_CLOSING (11); UDP: 7 unconnected, 1 connected */
	uint8_t timer, retrans;	/* idiag_timer, idiag_retrans */
	uint16_t sport, dport;	/* host order */
	uint8_t src[16], dst[16];	/* IPv4: first 4 bytes */
	uint32_t ifindex;	/* idiag_if: bound device (scope of link-local) */
	uint32_t rqueue, wqueue;	/* see above */
	uint32_t uid;
	uint32_t expires_ms;
	uint64_t inode;		/* 0: no socket inode (TIME_WAIT, orphaned) */
	uint32_t info;		/* index+1 in sd_table.info, 0 = none */
};

struct sd_table {
	struct sd_sock *s;
	size_t n, cap;
	struct sd_tcpinfo *info;
	size_t ninfo, capinfo;
	bool want_info;		/* keep tcp_info */
	unsigned long truncated;	/* messages too short to parse */
};

/* TCP state names as ss prints them: "ESTAB", "SYN-SENT", ... "UNCONN" */
const char *nl_sockdiag_state_name(unsigned state, unsigned proto);
/* Parse "established", "syn-sent", "listening", "close-wait" ... (ss's names)
 * into a state mask; "all", "connected" (all but listen, close, time-wait... as
 * ss) and "synchronized" too. Returns 0 or -EINVAL. */
int nl_sockdiag_state_mask(const char *name, uint32_t *mask);

void sd_table_init(struct sd_table *t, bool want_info);
void sd_table_free(struct sd_table *t);

/* Parse a buffer of netlink messages (one or more recv()s of a dump) for
 * protocol proto, appending sockets. *done is set at NLMSG_DONE. Returns 0,
 * -ENOMEM, or the negative error of an NLMSG_ERROR. */
int nl_sockdiag_parse(const void *buf, size_t len, uint8_t proto, struct sd_table *t, bool *done);

/* Dump family (AF_INET/AF_INET6) x proto (IPPROTO_TCP/UDP) sockets whose
 * state is in states (bit mask of 1 << TCP_*). Live: a netlink socket in the
 * current network namespace; fixture root: the recorded file. When save_dir
 * is not NULL, the raw bytes are also written to save_dir/sock_diag/X.nl
 * (for making fixtures). Returns 0 or -errno. */
int nl_sockdiag_dump(const struct root *r, int family, uint8_t proto, uint32_t states,
		     struct sd_table *t, const char *save_dir);

/* Both families' TCP sockets, in the order of the two dumps above (every
 * AF_INET socket, then every AF_INET6 one), t without want_info. Live: one
 * dump of the old TCPDIAG_GETSOCK request with family AF_UNSPEC (what ss
 * sends when no family is asked for), so the kernel walks its socket hash
 * tables once instead of once per family (the tables are shared by both
 * families and by every network namespace: a walk costs as much as the
 * machine has sockets); a kernel refusing it gets the two dumps. Fixture
 * root: the two recorded files. Returns 0 or the first -errno. */
int nl_sockdiag_dump_tcp(const struct root *r, uint32_t states, struct sd_table *t);

#endif
