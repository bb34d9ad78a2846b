/* Where each CPU sits: its NUMA node (sys/devices/system/node/nodeN/cpulist,
 * Documentation/ABI/stable/sysfs-devices-node), its socket
 * (cpu/cpuN/topology/physical_package_id) and its logical core, the first
 * CPU of cpu/cpuN/topology/thread_siblings_list: what sysstat's mpstat -N
 * and -T show (mpstat.c get_node_placement, read_topology: "don't use
 * core_id, the physical core id"). Unknown values are -1. */
#ifndef TRIAGE_SOURCES_SYS_CPU_TOPO_H
#define TRIAGE_SOURCES_SYS_CPU_TOPO_H

#include "core/root.h"

struct sys_cpu_topo {
	int ncpu;		/* entries of each array */
	int *node;		/* node of each CPU, -1: none */
	int *core;		/* logical core id, -1: unreadable */
	int *sock;		/* physical package id, -1: unreadable */
	int nnodes;		/* highest node holding a CPU + 1 (0: no node dir) */
};

/* Parse the first number of a sysfs file ("2-3\n" -> 2, "1\n" -> 1).
 * Returns it, or -1 when the text does not start with a number. */
int sys_cpu_topo_first(const char *buf);

/* Read the placement of CPUs 0 .. ncpu-1 under the root. Missing files
 * leave -1; returns 0, -ENOMEM, or -errno of sys/devices/system/node when
 * it cannot be listed (no NUMA in the kernel: every node then -1). r NULL
 * (a recorded sample, which holds no topology): every entry -1, -ENODATA. */
int sys_cpu_topo_read(const struct root *r, int ncpu, struct sys_cpu_topo *out);

void sys_cpu_topo_free(struct sys_cpu_topo *t);

#endif
