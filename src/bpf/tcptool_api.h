/* User half of the TCP tools: tcpretrans (tcpretrans.bpf.c) and tcplife,
 * tcpconnect, tcpaccept (tcpstate.bpf.c). Events go to a callback as
 * struct tcp_event (bpf/tcp.h); nothing prints. */
#ifndef TRIAGE_BPF_TCPTOOL_API_H
#define TRIAGE_BPF_TCPTOOL_API_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "bpf/bpf_env.h"
#include "bpf/tcp.h"

enum tcptool_kind {
	TCPTOOL_LIFE = TCPSTATE_LIFE,
	TCPTOOL_CONNECT = TCPSTATE_CONNECT,
	TCPTOOL_ACCEPT = TCPSTATE_ACCEPT,
	TCPTOOL_RETRANS,
};

struct tcptool_opts {
	enum tcptool_kind kind;
	pid_t pid;		/* only this process (not tcpretrans); 0 = all */
	int family;		/* AF_INET or AF_INET6 only; 0 = both */
	const char *cgroup;	/* tcpconnect: only tasks in this cgroup v2 directory */
};

typedef void (*tcptool_fn)(void *ctx, const struct tcp_event *ev);

struct tcptool;

int tcptool_open(const struct tcptool_opts *o, tcptool_fn fn, void *ctx, struct tcptool **out,
		 struct bpf_env_err *e);
/* Up to timeout_ms; returns events handled or -errno (-EINTR on a signal). */
int tcptool_poll(struct tcptool *t, int timeout_ms);
uint64_t tcptool_dropped(struct tcptool *t);
void tcptool_close(struct tcptool *t);

/* "ESTABLISHED", "SYN_SENT" ... (include/net/tcp_states.h); "UNKNOWN" else. */
const char *tcptool_state_name(int state);

#endif
