/* /proc/net/softnet_stat: the per-CPU counters of the network receive
 * softirq (net/core/net-procfs.c softnet_seq_show), one line per online CPU,
 * every column "%08x" (hexadecimal, the kernel's unsigned int counters):
 *
 *   00035946 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
 *
 * Columns (1-based) and the kernel that added them:
 *   (1) processed: packets taken off the backlog/NAPI by net_rx_action
 *   (2) dropped: packets dropped because the backlog was full
 *       (net.core.netdev_max_backlog)
 *   (3) time_squeeze: net_rx_action ran out of budget or time with work left
 *   (4)-(8) always 0 (were fastroute), (9) always 0 (was cpu_collision)
 *   (10) received_rps: RPS inter-processor interrupts received (2.6.35)
 *   (11) flow_limit_count: packets dropped by the flow limit (3.11)
 *   (12) softnet_backlog_len: packets queued now, a gauge (5.10, commit
 *        7d58e6555870 "net-sysfs: add backlog len and CPU id to softnet data")
 *   (13) the CPU number of the line (5.10, same commit)
 *   (14) input_pkt_queue length, (15) process_queue length (later 6.x kernels)
 * So a line has 9 (before 2.6.35), 10, 11, 13 or 15 columns; more may come
 * and are ignored. Before 5.10 there is no CPU column and the lines are the
 * ONLINE CPUs in order (softnet_get_online skips offline ones): the k-th
 * line is the k-th online CPU, not CPU k. Columns a kernel lacks are
 * unknown (have[] false). */
#ifndef TRIAGE_SOURCES_PROC_NET_SOFTNET_H
#define TRIAGE_SOURCES_PROC_NET_SOFTNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/root.h"
#include "sources/sys_cpu.h"

enum softnet_field {
	SOFTNET_PROCESSED,	/* (1) */
	SOFTNET_DROPPED,	/* (2) */
	SOFTNET_TIME_SQUEEZE,	/* (3) */
	SOFTNET_RECEIVED_RPS,	/* (10) */
	SOFTNET_FLOW_LIMIT,	/* (11) */
	SOFTNET_BACKLOG_LEN,	/* (12) gauge */
	SOFTNET__COUNT
};

struct softnet_cpu {
	int cpu;			/* column (13), else numbered by proc_net_softnet_number() */
	int ncols;			/* columns on the line */
	uint64_t v[SOFTNET__COUNT];
	bool have[SOFTNET__COUNT];
};

struct proc_net_softnet {
	struct softnet_cpu *cpus;	/* in file order */
	size_t n, cap;
	bool have_index;		/* every line had column (13) */
	int bad_line;			/* 1-based line of a parse error, else 0 */
};

/* Parse the text (len bytes) into out (zeroed or reused). Lines without a
 * CPU column get cpu = their 0-based line number (see _number()). Returns
 * 0, -EINVAL (bad_line set: fewer than 9 columns, a non-hex word, a value
 * over 64 bits, a CPU number >= SYS_CPU_MAX) or -ENOMEM. */
int proc_net_softnet_parse(const char *buf, size_t len, struct proc_net_softnet *out);
/* Old kernels (no CPU column): give the k-th line the k-th CPU of online,
 * when online has at least as many CPUs as there are lines; else keep k. */
void proc_net_softnet_number(struct proc_net_softnet *sn, const struct sys_cpu_list *online);
/* Read proc/net/softnet_stat under the root (numbering old kernels' lines
 * with sys/devices/system/cpu/online). Returns 0 or -errno. */
int proc_net_softnet_read(const struct root *r, struct proc_net_softnet *out);
/* The line of CPU cpu, or NULL. */
const struct softnet_cpu *proc_net_softnet_find(const struct proc_net_softnet *sn, int cpu);
void proc_net_softnet_free(struct proc_net_softnet *sn);

#endif
