/* /proc/net/sockstat and /proc/net/sockstat6: socket counts, all gauges
 * (net/ipv4/proc.c sockstat_seq_show, net/ipv6/proc.c sockstat6_seq_show):
 *
 *   sockets: used 17
 *   TCP: inuse 1 orphan 0 tw 1 alloc 1 mem 227
 *   UDP: inuse 0 mem 0
 *   UDPLITE: inuse 0
 *   RAW: inuse 0
 *   FRAG: inuse 0 memory 0
 *
 * sockstat6 has TCP6/UDP6/UDPLITE6/RAW6 inuse and FRAG6 inuse/memory. "mem"
 * is in pages; FRAG "memory" in bytes. "sockets: used" counts every socket
 * of every family (sockets_in_use). sockstat6 is absent without IPv6: its
 * fields then have have[] false and reading still succeeds. */
#ifndef TRIAGE_SOURCES_PROC_NET_SOCKSTAT_H
#define TRIAGE_SOURCES_PROC_NET_SOCKSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

enum sockstat_field {
	SOCKSTAT_SOCKETS_USED,		/* sockets: used */
	SOCKSTAT_TCP_INUSE,		/* TCP: inuse (not counting TIME_WAIT) */
	SOCKSTAT_TCP_ORPHAN,		/* TCP: orphan (no file: closed, still sending) */
	SOCKSTAT_TCP_TW,		/* TCP: tw (TIME_WAIT) */
	SOCKSTAT_TCP_ALLOC,		/* TCP: alloc (allocated, any state) */
	SOCKSTAT_TCP_MEM,		/* TCP: mem (pages, vs. net.ipv4.tcp_mem) */
	SOCKSTAT_UDP_INUSE,		/* UDP: inuse */
	SOCKSTAT_UDP_MEM,		/* UDP: mem (pages) */
	SOCKSTAT_UDPLITE_INUSE,		/* UDPLITE: inuse */
	SOCKSTAT_RAW_INUSE,		/* RAW: inuse */
	SOCKSTAT_FRAG_INUSE,		/* FRAG: inuse (IP fragment queues) */
	SOCKSTAT_FRAG_MEMORY,		/* FRAG: memory (bytes) */
	SOCKSTAT_TCP6_INUSE,		/* sockstat6 TCP6: inuse */
	SOCKSTAT_UDP6_INUSE,		/* UDP6: inuse */
	SOCKSTAT_UDPLITE6_INUSE,	/* UDPLITE6: inuse */
	SOCKSTAT_RAW6_INUSE,		/* RAW6: inuse */
	SOCKSTAT_FRAG6_INUSE,		/* FRAG6: inuse */
	SOCKSTAT_FRAG6_MEMORY,		/* FRAG6: memory */
	SOCKSTAT__COUNT
};

struct proc_net_sockstat {
	uint64_t v[SOCKSTAT__COUNT];
	bool have[SOCKSTAT__COUNT];
	int bad_line;
};

/* Group and kernel name of a field ("TCP", "inuse"). */
const char *proc_net_sockstat_group(enum sockstat_field f);
const char *proc_net_sockstat_name(enum sockstat_field f);

/* Parse the text of sockstat or sockstat6 (or both concatenated) into out,
 * keeping what out already holds for fields not in this text. out must be
 * zeroed before the first call. Returns 0 or -EINVAL (bad_line). */
int proc_net_sockstat_parse(const char *buf, size_t len, struct proc_net_sockstat *out);

/* Read proc/net/sockstat (required: -errno when it cannot be read) and
 * proc/net/sockstat6 (optional) under the root. */
int proc_net_sockstat_read(const struct root *r, struct proc_net_sockstat *out);

#endif
