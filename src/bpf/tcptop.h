/* tcptop: types shared by tcptop.bpf.c and tcptop.c. */
#ifndef TRIAGE_BPF_TCPTOP_H
#define TRIAGE_BPF_TCPTOP_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define TCPTOP_MAX_CONNS 10240	/* (process, connection) pairs counted in one interval */

/* Addresses in network order (IPv4 in the first 4 bytes), ports in host order. */
struct tcptop_key {
	__u8 laddr[16], raddr[16];
	__u32 pid;
	__u16 family;		/* AF_INET, AF_INET6 */
	__u16 lport, rport;
	__u16 pad;
};

struct tcptop_val {
	__u64 rx, tx;		/* bytes received (copied to the process) and sent (handed to TCP) */
	__u64 rx_calls, tx_calls;
	char comm[16];
};

#endif
