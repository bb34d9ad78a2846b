// SPDX-License-Identifier: GPL-2.0
/* tcpreset: the resets this host sends, from tcp:tcp_send_reset (sk, skb,
 * reason). A connect to a port nobody listens on finds no socket: the kernel
 * answers the SYN with tcp_v4_send_reset(NULL, skb) (tcp_v6 likewise), so sk
 * is NULL and the port and the client come from the SYN's own IP and TCP
 * headers. Those are counted per (local port, remote address) in a bounded
 * hash map; the rest (segments other than a SYN with no socket, resets of a
 * socket) only in per-CPU counters. Only this network namespace's resets
 * (targ_netns), as /proc/net/snmp counts them. */
#include "bpf/common.bpf.h"
#include <bpf/bpf_endian.h>

#include "bpf/tcpreset.h"

#define AF_INET 2
#define AF_INET6 10
#define EEXIST 17
#define TCP_FLAG_SYN 0x02
#define TCP_FLAG_ACK 0x10

const volatile __u32 targ_netns = 0;	/* inode of the network namespace; 0 = all */

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, TCPRESET_MAX_KEYS);
	__type(key, struct tcpreset_key);
	__type(value, __u64);
} refused SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, TCPRESET__COUNT);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

static __always_inline void bump(__u32 i)
{
	percpu_inc(&counters, i);
}

static __always_inline void count(const struct tcpreset_key *k)
{
	__u64 one = 1, *v = bpf_map_lookup_elem(&refused, k);
	long err;

	bump(TCPRESET_REFUSED);
	if (v) {
		__sync_fetch_and_add(v, 1);
		return;
	}
	err = bpf_map_update_elem(&refused, k, &one, BPF_NOEXIST);
	if (!err)
		return;
	if (err == -EEXIST && (v = bpf_map_lookup_elem(&refused, k))) {	/* another CPU made it first */
		__sync_fetch_and_add(v, 1);
		return;
	}
	bump(TCPRESET_OVERFLOW);
}

static __always_inline void on_reset(const struct sock *sk, const struct sk_buff *skb)
{
	struct tcpreset_key k = { 0 };
	unsigned char *head, *th, *ip;
	__u8 flags = 0, ver = 0;
	__u16 dport = 0;

	if (sk) {
		if (!targ_netns || BPF_CORE_READ(sk, __sk_common.skc_net.net, ns.inum) == targ_netns)
			bump(TCPRESET_SOCK);
		return;
	}
	if (!skb)
		return;
	if (targ_netns && BPF_CORE_READ(skb, dev, nd_net.net, ns.inum) != targ_netns)
		return;
	head = BPF_CORE_READ(skb, head);
	th = head + BPF_CORE_READ(skb, transport_header);
	ip = head + BPF_CORE_READ(skb, network_header);
	if (bpf_probe_read_kernel(&flags, 1, th + 13) || bpf_probe_read_kernel(&dport, 2, th + 2) ||
	    bpf_probe_read_kernel(&ver, 1, ip))
		return;
	if (!(flags & TCP_FLAG_SYN) || (flags & TCP_FLAG_ACK)) {
		bump(TCPRESET_NOSOCK_OTHER);
		return;
	}
	ver >>= 4;
	if (ver == 4) {
		k.family = AF_INET;
		bpf_probe_read_kernel(k.raddr, 4, ip + 12);	/* iphdr saddr */
	} else if (ver == 6) {
		k.family = AF_INET6;
		bpf_probe_read_kernel(k.raddr, 16, ip + 8);	/* ipv6hdr saddr */
	} else {
		return;
	}
	k.lport = bpf_ntohs(dport);
	count(&k);
}

SEC("tp_btf/tcp_send_reset")
int BPF_PROG(reset_btf, const struct sock *sk, const struct sk_buff *skb)
{
	on_reset(sk, skb);
	return 0;
}

SEC("raw_tp/tcp_send_reset")
int BPF_PROG(reset_raw, const struct sock *sk, const struct sk_buff *skb)
{
	on_reset(sk, skb);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
