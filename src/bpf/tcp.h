/* TCP tools' types shared by tcpretrans.bpf.c, tcpstate.bpf.c and their user
 * halves. */
#ifndef TRIAGE_BPF_TCP_H
#define TRIAGE_BPF_TCP_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define TCP_MAX_SOCKS 10240	/* sockets followed at once */
#define TCP_MAX_LISTENERS 1024	/* listening ports remembered (tcpaccept) */

/* Which tool tcpstate.bpf.c serves (rodata targ_mode). */
enum tcpstate_mode {
	TCPSTATE_LIFE = 0,	/* tcplife: one event per closed session */
	TCPSTATE_CONNECT,	/* tcpconnect: one event per active open, when it resolves */
	TCPSTATE_ACCEPT,	/* tcpaccept: one event per passive open */
};

/* One event of any TCP tool. Addresses are in network byte order, IPv4 in
 * the first 4 bytes; ports in host order. */
struct tcp_event {
	__u64 ts_ns;
	__u64 span_ns;		/* tcplife: session; tcpconnect: SYN sent -> resolved */
	__u64 rx_bytes, tx_bytes;	/* tcplife: bytes received and acked */
	__u32 pid;		/* task that opened/listened/closed (0 when unknown) */
	__u16 family;		/* AF_INET or AF_INET6 */
	__u16 lport, rport;
	__s16 oldstate, state;	/* TCP_ESTABLISHED ... (include/net/tcp_states.h) */
	__u8 laddr[16], raddr[16];
	char comm[16];
};

#endif
