/* User half of tcpreset.bpf.c: the resets this host sends, from the
 * tcp:tcp_send_reset tracepoint; a SYN that found no socket (a connect to a
 * port nobody listens on) counted per refused port and client. Read at any
 * time; nothing prints. */
#ifndef TRIAGE_BPF_TCPRESET_API_H
#define TRIAGE_BPF_TCPRESET_API_H

#include <stddef.h>
#include <stdint.h>

#include "bpf/bpf_env.h"
#include "bpf/tcpreset.h"

struct tcpreset;

/* The refused connects to one port from one client since the open. */
struct tcpreset_row {
	uint16_t family;		/* AF_INET or AF_INET6 */
	uint16_t lport;
	uint8_t raddr[16];		/* network order, IPv4 in the first 4 bytes */
	uint64_t n;
};

struct tcpreset_counts {
	uint64_t v[TCPRESET__COUNT];	/* enum tcpreset_counter */
};

/* Load and attach, counting only the network namespace whose /proc/PID/ns/net
 * inode is netns (0: all). r: the live root (bpf_env_check). */
int tcpreset_open(const struct root *r, uint32_t netns, struct tcpreset **out, struct bpf_env_err *e);
/* The rows (up to max, TCPRESET_MAX_KEYS holds them all) and the counters,
 * since the open. Returns the number of rows, or -errno. */
int tcpreset_read(struct tcpreset *t, struct tcpreset_row *rows, size_t max, struct tcpreset_counts *c);
void tcpreset_close(struct tcpreset *t);

#endif
