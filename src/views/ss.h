/* ss: iproute2-like socket table, -i tcp_info lines, -s summary; JSON. */
#ifndef TRIAGE_VIEWS_SS_H
#define TRIAGE_VIEWS_SS_H

#include <stdbool.h>
#include <stdio.h>

#include "model/sock.h"
#include "sources/nl_sockdiag.h"
#include "sources/proc_pid_fd.h"

struct ss_view {
	const struct sd_table *t;
	const struct fd_scan *owners;	/* -p: socket inode -> processes; else NULL */
	bool netid;			/* more than one protocol: show the Netid column */
	bool info;			/* -i */
};

void ss_print(FILE *f, const struct ss_view *v);
void ss_print_json(FILE *f, const struct ss_view *v);

/* The summary: ss -s's lines from sockstat (when known) and the counts per
 * TCP state from the dump. */
struct ss_summary {
	const struct sock_counts *c;
	bool have_sockstat;
	uint64_t sockets_used, tcp_alloc, tcp_orphan, tcp_tw, tcp4_inuse, tcp6_inuse;
	uint64_t udp4, udp6, raw4, raw6, frag4, frag6;
	bool have_estab;
	uint64_t tcp_estab;		/* snmp Tcp CurrEstab */
	uint64_t tcp_closed;		/* alloc - (inuse4 + inuse6 - tw), as ss computes it */
};
void ss_print_summary(FILE *f, const struct ss_summary *s);
void ss_print_summary_json(FILE *f, const struct ss_summary *s);

#endif
