// SPDX-License-Identifier: GPL-2.0
/* tcplife / tcpconnect / tcpaccept from sock:inet_sock_set_state, the one
 * tracepoint every TCP state change passes (kernel >= 4.16).
 *
 * tcplife: a session is born at its first state below FIN_WAIT1 and ends at
 *   CLOSE; the owner is the task seen at SYN_SENT (connect) or LAST_ACK /
 *   FIN_WAIT1 (close), which run in process context.
 * tcpconnect: SYN_SENT (in connect(), the caller's context) to whatever
 *   follows (ESTABLISHED, or CLOSE on failure): ports are assigned by then.
 * tcpaccept: SYN_RECV -> ESTABLISHED of the child socket runs in softirq, so
 *   the owner is the task that put the local port in LISTEN (when seen). */
#include "bpf/tcp.bpf.h"

#define IPPROTO_TCP 6

const volatile __u32 targ_mode = TCPSTATE_LIFE;

struct ident {
	__u64 ts;
	__u32 pid;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, TCP_MAX_SOCKS);
	__type(key, const struct sock *);
	__type(value, struct ident);
} socks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, TCP_MAX_LISTENERS);
	__type(key, __u16);	/* local port */
	__type(value, struct ident);
} listeners SEC(".maps");

static __always_inline void ident_now(struct ident *id)
{
	id->ts = bpf_ktime_get_ns();
	id->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(&id->comm, sizeof(id->comm));
}

static __always_inline void emit(const struct sock *sk, int old, int new, const struct ident *id,
				 __u64 span)
{
	struct tcp_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

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
	e->span_ns = span;
	e->oldstate = old;
	e->state = new;
	if (id) {
		e->pid = id->pid;
		__builtin_memcpy(e->comm, id->comm, sizeof(e->comm));
	}
	if (targ_mode == TCPSTATE_LIFE) {
		const struct tcp_sock *tp = (const struct tcp_sock *)sk;

		e->rx_bytes = BPF_CORE_READ(tp, bytes_received);
		e->tx_bytes = BPF_CORE_READ(tp, bytes_acked);
	}
	bpf_ringbuf_submit(e, 0);
}

static __always_inline void life(const struct sock *sk, int old, int new)
{
	struct ident id = { 0 }, *p = bpf_map_lookup_elem(&socks, &sk);
	__u64 now = bpf_ktime_get_ns();

	if (new < TCP_FIN_WAIT1 && new != TCP_CLOSE && !p) {
		/* born: remember when, and who when in process context */
		if (new == TCP_SYN_SENT)
			ident_now(&id);
		id.ts = now;
		bpf_map_update_elem(&socks, &sk, &id, BPF_ANY);
		return;
	}
	if (p && !p->pid && (new == TCP_FIN_WAIT1 || new == TCP_LAST_ACK)) {
		/* close() by the owner: now we know it */
		p->pid = bpf_get_current_pid_tgid() >> 32;
		bpf_get_current_comm(&p->comm, sizeof(p->comm));
	}
	if (new != TCP_CLOSE || !p)
		return;
	if (tgid_ok(p->pid))
		emit(sk, old, new, p, now - p->ts);
	bpf_map_delete_elem(&socks, &sk);
}

static __always_inline void connect(const struct sock *sk, int old, int new)
{
	struct ident id, *p;

	if (new == TCP_SYN_SENT) {
		ident_now(&id);
		if (tgid_ok(id.pid) && cg_ok())
			bpf_map_update_elem(&socks, &sk, &id, BPF_ANY);
		return;
	}
	if (old != TCP_SYN_SENT)
		return;
	p = bpf_map_lookup_elem(&socks, &sk);
	if (!p)
		return;
	emit(sk, old, new, p, bpf_ktime_get_ns() - p->ts);
	bpf_map_delete_elem(&socks, &sk);
}

static __always_inline void accept(const struct sock *sk, int old, int new)
{
	__u16 port = BPF_CORE_READ(sk, __sk_common.skc_num);
	struct ident id, *p;

	if (new == TCP_LISTEN) {
		ident_now(&id);
		bpf_map_update_elem(&listeners, &port, &id, BPF_ANY);
		return;
	}
	if (old == TCP_LISTEN && new == TCP_CLOSE) {
		bpf_map_delete_elem(&listeners, &port);
		return;
	}
	if (old != TCP_SYN_RECV || new != TCP_ESTABLISHED)
		return;
	p = bpf_map_lookup_elem(&listeners, &port);
	if (targ_tgid && (!p || p->pid != targ_tgid))
		return;
	emit(sk, old, new, p, 0);
}

static __always_inline void on_state(const struct sock *sk, int old, int new)
{
	if (BPF_CORE_READ(sk, sk_protocol) != IPPROTO_TCP)
		return;
	if (targ_mode == TCPSTATE_LIFE)
		life(sk, old, new);
	else if (targ_mode == TCPSTATE_CONNECT)
		connect(sk, old, new);
	else
		accept(sk, old, new);
}

SEC("tp_btf/inet_sock_set_state")
int BPF_PROG(state_btf, const struct sock *sk, const int old, const int new)
{
	on_state(sk, old, new);
	return 0;
}

SEC("raw_tp/inet_sock_set_state")
int BPF_PROG(state_raw, const struct sock *sk, const int old, const int new)
{
	on_state(sk, old, new);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
