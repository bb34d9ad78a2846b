// SPDX-License-Identifier: GPL-2.0
/* tcptop: bytes each process sent and received per TCP connection, from the
 * sock:sock_send_length and sock:sock_recv_length tracepoints (Linux 6.3+),
 * which fire in sock_sendmsg/sock_recvmsg with the socket and the call's
 * result, in the calling process. bcc's tcptop hooks tcp_sendmsg and
 * tcp_cleanup_rbuf with kprobes, which this kernel does not have; these
 * tracepoints count the same thing (what the application handed to or took
 * from TCP, write/send/sendfile/splice/io_uring alike), exactly, for
 * connections of any lifetime, which per-socket counters read every interval
 * (sock_diag's bytes_acked) cannot: a connection opened and closed between
 * two reads is gone, and bytes_acked lags what was sent. MSG_PEEK reads are
 * left out (the data stays queued and is counted when read). */
#define TCP_BPF_NO_EVENTS
#include "bpf/tcp.bpf.h"
#include "bpf/tcptop.h"

#define IPPROTO_TCP 6
#define MSG_PEEK 2
#define EEXIST 17

/* Not preallocated: an entry the user half deletes while a program still
 * adds to it is freed after RCU, never handed to another connection. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, TCPTOP_MAX_CONNS);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct tcptop_key);
	__type(value, struct tcptop_val);
} counts SEC(".maps");

static __always_inline struct tcptop_val *entry(const struct tcptop_key *k)
{
	struct tcptop_val *v = bpf_map_lookup_elem(&counts, k), zero = { 0 };
	long err;

	if (v)
		return v;
	err = bpf_map_update_elem(&counts, k, &zero, BPF_NOEXIST);
	if (err && err != -EEXIST) {	/* EEXIST: another CPU made it first */
		count_drop();
		return NULL;
	}
	v = bpf_map_lookup_elem(&counts, k);
	if (v)
		bpf_get_current_comm(&v->comm, sizeof(v->comm));
	return v;
}

static __always_inline void count(const struct sock *sk, int ret, int flags, bool rx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct tcptop_key k = { 0 };
	struct tcptop_val *v;

	if (ret <= 0 || (rx && (flags & MSG_PEEK)) || !tgid_ok(pid_tgid >> 32))
		return;
	if (BPF_CORE_READ(sk, sk_protocol) != IPPROTO_TCP)
		return;
	if (!sk_read_addrs(sk, targ_family, &k.family, &k.lport, &k.rport, k.laddr, k.raddr))
		return;
	k.pid = pid_tgid >> 32;
	v = entry(&k);
	if (!v)
		return;
	if (rx) {
		__sync_fetch_and_add(&v->rx, ret);
		__sync_fetch_and_add(&v->rx_calls, 1);
	} else {
		__sync_fetch_and_add(&v->tx, ret);
		__sync_fetch_and_add(&v->tx_calls, 1);
	}
}

SEC("tp_btf/sock_send_length")
int BPF_PROG(tcptop_send_btf, struct sock *sk, int ret, int flags)
{
	count(sk, ret, flags, false);
	return 0;
}

SEC("tp_btf/sock_recv_length")
int BPF_PROG(tcptop_recv_btf, struct sock *sk, int ret, int flags)
{
	count(sk, ret, flags, true);
	return 0;
}

SEC("raw_tp/sock_send_length")
int BPF_PROG(tcptop_send_raw, struct sock *sk, int ret, int flags)
{
	count(sk, ret, flags, false);
	return 0;
}

SEC("raw_tp/sock_recv_length")
int BPF_PROG(tcptop_recv_raw, struct sock *sk, int ret, int flags)
{
	count(sk, ret, flags, true);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
