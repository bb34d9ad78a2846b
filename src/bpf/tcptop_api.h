/* tcptop, user half: bytes per process and TCP connection, counted in the
 * kernel from sock:sock_send_length/sock_recv_length; never prints.
 * tcptop_open() loads and attaches (one clear error when the kernel has no
 * such tracepoints: before 6.3); tcptop_read() hands over the entries counted
 * since the last read and deletes them; tcptop_dropped() counts calls not
 * counted for want of room; tcptop_close() detaches (NULL is fine). */
#ifndef TRIAGE_BPF_TCPTOP_API_H
#define TRIAGE_BPF_TCPTOP_API_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "bpf/bpf_env.h"
#include "bpf/tcptop.h"

struct tcptop_opts {
	pid_t pid;		/* only this process; 0 = all */
	int family;		/* AF_INET or AF_INET6 only; 0 = both */
};

struct tcptop_row {
	struct tcptop_key k;
	struct tcptop_val v;
};

struct tcptop_table {
	struct tcptop_row *r;
	size_t n, cap;
};

struct tcptop;

int tcptop_open(const struct tcptop_opts *o, struct tcptop **out, struct bpf_env_err *e);
/* Append every entry to t (emptied first) and delete it. 0 or -errno. */
int tcptop_read(struct tcptop *x, struct tcptop_table *t);
uint64_t tcptop_dropped(struct tcptop *x);
void tcptop_close(struct tcptop *x);
void tcptop_table_free(struct tcptop_table *t);

#endif
