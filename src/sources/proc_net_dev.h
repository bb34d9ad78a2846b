/* /proc/net/dev: cumulative counters of every network interface of the
 * reader's network namespace (net/core/net-procfs.c, dev_seq_printf_stats).
 *
 *   Inter-|   Receive                                                |  Transmit
 *    face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
 *       lo:    3267      29    0    0    0     0          0         0     3267      29    0    0    0     0       0          0
 *
 * The two header lines are recognised by their '|'. A name is what precedes
 * the ':' (interface names cannot hold ':' or blanks); the kernel right-aligns
 * it in 6 columns, so a long name runs straight into its first number. */
#ifndef TRIAGE_SOURCES_PROC_NET_DEV_H
#define TRIAGE_SOURCES_PROC_NET_DEV_H

#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

#define NET_IF_NAME_MAX 32	/* IFNAMSIZ is 16; room for odd fixtures */

struct net_dev_if {
	char name[NET_IF_NAME_MAX];
	uint64_t rx_bytes;	/* (1) receive bytes */
	uint64_t rx_packets;	/* (2) packets */
	uint64_t rx_errs;	/* (3) errs: rx_errors */
	uint64_t rx_drop;	/* (4) drop: rx_dropped (+ rx_missed_errors) */
	uint64_t rx_fifo;	/* (5) fifo: rx_fifo_errors */
	uint64_t rx_frame;	/* (6) frame: rx_length + rx_over + rx_crc + rx_frame errors */
	uint64_t rx_compressed;	/* (7) compressed */
	uint64_t rx_multicast;	/* (8) multicast */
	uint64_t tx_bytes;	/* (9) transmit bytes */
	uint64_t tx_packets;	/* (10) packets */
	uint64_t tx_errs;	/* (11) errs: tx_errors */
	uint64_t tx_drop;	/* (12) drop: tx_dropped */
	uint64_t tx_fifo;	/* (13) fifo: tx_fifo_errors */
	uint64_t tx_colls;	/* (14) colls: collisions */
	uint64_t tx_carrier;	/* (15) carrier: tx_carrier + aborted + window + heartbeat errors */
	uint64_t tx_compressed;	/* (16) compressed */
};

struct proc_net_dev {
	struct net_dev_if *ifs;	/* in file order */
	size_t n, cap;
	int bad_line;		/* 1-based line of a parse error, else 0 */
};

/* Parse the text (NUL-terminated, len bytes) into out (zeroed or reused).
 * Returns 0, -EINVAL (bad_line set) or -ENOMEM. */
int proc_net_dev_parse(const char *buf, size_t len, struct proc_net_dev *out);
/* Read proc/net/dev under the root. Returns 0 or -errno. */
int proc_net_dev_read(const struct root *r, struct proc_net_dev *out);
/* The interface named name, or NULL. */
const struct net_dev_if *proc_net_dev_find(const struct proc_net_dev *nd, const char *name);
void proc_net_dev_free(struct proc_net_dev *nd);

#endif
