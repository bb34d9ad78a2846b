/* Kernel-side helpers of the TCP tools. The event tools get a ring buffer
 * "events"; tcptop, which counts in a map, defines TCP_BPF_NO_EVENTS. */
#ifndef TRIAGE_BPF_TCP_BPF_H
#define TRIAGE_BPF_TCP_BPF_H

#include "bpf/common.bpf.h"
#include <bpf/bpf_endian.h>

#include "bpf/tcp.h"

#define AF_INET 2
#define AF_INET6 10

const volatile __u16 targ_family = 0;	/* AF_INET or AF_INET6 only; 0 = both */

/* Family, ports (host order) and addresses (network order, IPv4 in the
 * first 4 bytes) of sk. False when it is not IP or not of want (0: any). */
static __always_inline bool sk_read_addrs(const struct sock *sk, __u16 want, __u16 *family,
					  __u16 *lport, __u16 *rport, __u8 *laddr, __u8 *raddr)
{
	__u16 f = BPF_CORE_READ(sk, __sk_common.skc_family);

	if ((f != AF_INET && f != AF_INET6) || (want && f != want))
		return false;
	*family = f;
	/* inet_sport, as the tracepoints' own sport: skc_num is gone by CLOSE */
	*lport = bpf_ntohs(BPF_CORE_READ((const struct inet_sock *)sk, inet_sport));
	*rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	if (f == AF_INET) {
		bpf_probe_read_kernel(laddr, 4, &sk->__sk_common.skc_rcv_saddr);
		bpf_probe_read_kernel(raddr, 4, &sk->__sk_common.skc_daddr);
	} else {
		bpf_probe_read_kernel(laddr, 16, &sk->__sk_common.skc_v6_rcv_saddr);
		bpf_probe_read_kernel(raddr, 16, &sk->__sk_common.skc_v6_daddr);
	}
	return true;
}

#ifndef TCP_BPF_NO_EVENTS
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

/* Fill family, ports and addresses from sk. False when the family is not
 * wanted (or not IP). */
static __always_inline bool tcp_fill_addrs(struct tcp_event *e, const struct sock *sk)
{
	return sk_read_addrs(sk, targ_family, &e->family, &e->lport, &e->rport, e->laddr, e->raddr);
}
#endif

#endif
