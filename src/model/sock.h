/* Sockets: selection as ss selects them, counts per state, tcp_info in ss's
 * units. */
#ifndef TRIAGE_MODEL_SOCK_H
#define TRIAGE_MODEL_SOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "sources/nl_sockdiag.h"

#define SOCK_STATES SD__MAX	/* SD_ESTABLISHED (1) .. SD_CLOSING (11), 0 unused */

/* Counts by protocol (0 tcp, 1 udp), family (0 IPv4, 1 IPv6) and state. */
struct sock_counts {
	uint64_t by_state[2][2][SOCK_STATES];
	uint64_t total[2][2];
	uint64_t tcp_by_state[SOCK_STATES];	/* IPv4 + IPv6 */
	uint64_t tcp_total, udp_total;
	uint64_t listen_full;		/* listeners whose accept queue >= backlog */
	uint64_t listen_queued;		/* listeners with a non-empty accept queue */
};

/* ss -s: sockstat's lines (when known), with ss's totals, and the counts per
 * TCP state from the dump. */
struct ss_summary {
	const struct sock_counts *c;
	bool have_sockstat;
	uint64_t sockets_used, tcp_alloc, tcp_orphan, tcp_tw, tcp4_inuse, tcp6_inuse;
	uint64_t udp4, udp6, raw4, raw6, frag4, frag6;
	bool have_estab;
	uint64_t tcp_estab;		/* snmp Tcp CurrEstab */
	/* computed by sock_model_summary: */
	uint64_t tcp_shown;		/* "TCP: N": alloc + tw (ss adds slab SYN counts, 0 today) */
	uint64_t tcp_closed;		/* alloc - (inuse4 + inuse6 - tw), as ss computes it */
	uint64_t raw, udp, tcp, inet4, inet6, inet, frag;	/* the Total column */
};

/* Fill the computed fields (iproute2 ss.c print_summary). */
void sock_model_summary(struct ss_summary *s);

void sock_model_count(const struct sd_table *t, struct sock_counts *c);

/* TIME-WAIT sockets per destination (family, remote address, remote port):
 * each holds one local ephemeral port for that destination until it expires,
 * so one destination can exhaust ip_local_port_range (connect() then fails
 * with EADDRNOTAVAIL). The n busiest into out (most first); returns how many. */
struct sock_dest {
	uint8_t family;
	uint8_t addr[16];
	uint16_t port;
	uint64_t n;
};
int sock_model_tw_dests(const struct sd_table *t, struct sock_dest *out, int n);

/* tcp_info in ss -i's units: milliseconds for times. */
struct sock_info_ms {
	double rto, ato, rtt, rttvar, min_rtt, rcv_rtt;
	double last_send, last_recv, last_ack;
};
void sock_model_info_ms(const struct sd_tcpinfo *i, struct sock_info_ms *o);

/* Percentage of a listener's accept queue in use: rqueue / backlog x 100
 * (NAN with backlog 0). */
double sock_model_accept_fill(const struct sd_sock *s);

#endif
