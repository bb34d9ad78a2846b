/* Sockets: selection as ss selects them, counts per state, tcp_info in ss's
 * units. */
#ifndef TRIAGE_MODEL_SOCK_H
#define TRIAGE_MODEL_SOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "sources/nl_sockdiag.h"

#define SOCK_STATES 12	/* TCP_ESTABLISHED (1) .. TCP_CLOSING (11), 0 unused */

/* Counts by protocol (0 tcp, 1 udp), family (0 IPv4, 1 IPv6) and state. */
struct sock_counts {
	uint64_t by_state[2][2][SOCK_STATES];
	uint64_t total[2][2];
	uint64_t listen_full;		/* listeners whose accept queue >= backlog */
	uint64_t listen_queued;		/* listeners with a non-empty accept queue */
};

void sock_model_count(const struct sd_table *t, struct sock_counts *c);

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
