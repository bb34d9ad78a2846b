// SPDX-License-Identifier: GPL-2.0
/* tcpretrans: one event per TCP retransmission, from tcp:tcp_retransmit_skb
 * (runs in softirq or timer context: no meaningful PID). */
#include "bpf/tcp.bpf.h"

static __always_inline void on_retrans(const struct sock *sk)
{
	struct tcp_event *e;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		count_drop();
		return;
	}
	__builtin_memset(e, 0, sizeof(*e));
	if (!tcp_fill_addrs(e, sk)) {
		bpf_ringbuf_discard(e, 0);
		return;
	}
	e->ts_ns = bpf_ktime_get_ns();
	e->state = BPF_CORE_READ(sk, __sk_common.skc_state);
	e->oldstate = -1;
	bpf_ringbuf_submit(e, 0);
}

SEC("tp_btf/tcp_retransmit_skb")
int BPF_PROG(retrans_btf, const struct sock *sk)
{
	on_retrans(sk);
	return 0;
}

SEC("raw_tp/tcp_retransmit_skb")
int BPF_PROG(retrans_raw, const struct sock *sk)
{
	on_retrans(sk);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
