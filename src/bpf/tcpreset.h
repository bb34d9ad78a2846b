/* Types shared by tcpreset.bpf.c and its user half (tcpreset.c): the resets
 * this host sent, counted per (local port, remote address) for the segments
 * that found no socket (a connect to a port nobody listens on). */
#ifndef TRIAGE_BPF_TCPRESET_H
#define TRIAGE_BPF_TCPRESET_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define TCPRESET_MAX_KEYS 1024	/* (port, client) pairs counted; more: overflow */

/* A reset for a SYN that found no socket: the refused port and the client.
 * Address in network order (IPv4 in the first 4 bytes), port in host order. */
struct tcpreset_key {
	__u8 raddr[16];
	__u16 family;		/* AF_INET or AF_INET6 */
	__u16 lport;
};

/* The per-CPU counters (index). */
enum tcpreset_counter {
	TCPRESET_REFUSED = 0,	/* SYNs with no socket: every one, in the map or not */
	TCPRESET_NOSOCK_OTHER,	/* other segments with no socket (a stray ACK, a FIN) */
	TCPRESET_SOCK,		/* resets of a socket (an abort, a bad segment on it) */
	TCPRESET_OVERFLOW,	/* refused SYNs left out of the map: it was full */
	TCPRESET__COUNT
};

#endif
