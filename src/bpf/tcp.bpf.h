/* Kernel-side helpers of the TCP tools. */
#ifndef TRIAGE_BPF_TCP_BPF_H
#define TRIAGE_BPF_TCP_BPF_H

#include "bpf/common.bpf.h"
#include <bpf/bpf_endian.h>

#include "bpf/tcp.h"

#define AF_INET 2
#define AF_INET6 10

const volatile __u16 targ_family = 0;	/* AF_INET or AF_INET6 only; 0 = both */

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

/* Fill family, ports and addresses from sk. False when the family is not
 * wanted (or not IP). */
static __always_inline bool tcp_fill_addrs(struct tcp_event *e, const struct sock *sk)
{
	__u16 family = BPF_CORE_READ(sk, __sk_common.skc_family);

	if ((family != AF_INET && family != AF_INET6) || (targ_family && family != targ_family))
		return false;
	e->family = family;
	/* inet_sport, as the tracepoints' own sport: skc_num is gone by CLOSE */
	e->lport = bpf_ntohs(BPF_CORE_READ((const struct inet_sock *)sk, inet_sport));
	e->rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	if (family == AF_INET) {
		bpf_probe_read_kernel(e->laddr, 4, &sk->__sk_common.skc_rcv_saddr);
		bpf_probe_read_kernel(e->raddr, 4, &sk->__sk_common.skc_daddr);
	} else {
		bpf_probe_read_kernel(e->laddr, 16, &sk->__sk_common.skc_v6_rcv_saddr);
		bpf_probe_read_kernel(e->raddr, 16, &sk->__sk_common.skc_v6_daddr);
	}
	return true;
}

#endif
