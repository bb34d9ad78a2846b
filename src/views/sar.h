/* sar -n's tables as sysstat 12.6 prints them (pr_stats.c print_net_*_stats:
 * a "%-11s" time label, then " %9s"/" %9.2f" columns), and their JSON. The
 * activities come out in sysstat's order: DEV, EDEV, SOCK, IP, EIP, ICMP,
 * EICMP, TCP, ETCP, UDP, SOCK6, SOFT. */
#ifndef TRIAGE_VIEWS_SAR_H
#define TRIAGE_VIEWS_SAR_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "core/json.h"
#include "model/disk.h"
#include "model/mem.h"
#include "model/net.h"
#include "model/sar.h"
#include "model/softnet.h"

enum sar_act {
	SAR_DEV = 1 << 0,
	SAR_EDEV = 1 << 1,
	SAR_SOCK = 1 << 2,
	SAR_TCP = 1 << 3,
	SAR_ETCP = 1 << 4,
	SAR_IP = 1 << 5,
	SAR_EIP = 1 << 6,
	SAR_ICMP = 1 << 7,
	SAR_EICMP = 1 << 8,
	SAR_UDP = 1 << 9,
	SAR_SOCK6 = 1 << 10,
	SAR_SOFT = 1 << 11,
};

/* The system reports, in the order sysstat prints them (-A: -u, -w, -W, -B,
 * -b, -r, -S, -H, -v, -q, -d, then -n's). */
enum sar_sys_act {
	SAR_CPU = 1 << 0,	/* -u */
	SAR_CPU_ALL = 1 << 1,	/* -u ALL: the mpstat columns */
	SAR_TASK = 1 << 2,	/* -w */
	SAR_SWPG = 1 << 3,	/* -W */
	SAR_PAGE = 1 << 4,	/* -B */
	SAR_IO = 1 << 5,	/* -b */
	SAR_MEM = 1 << 6,	/* -r */
	SAR_MEM_ALL = 1 << 7,	/* -r ALL: the five more columns */
	SAR_SWAP = 1 << 8,	/* -S */
	SAR_HUGE = 1 << 9,	/* -H */
	SAR_KTAB = 1 << 10,	/* -v */
	SAR_QUEUE = 1 << 11,	/* -q [LOAD] */
	SAR_PSI_CPU = 1 << 12,	/* -q CPU */
	SAR_PSI_IO = 1 << 13,	/* -q IO */
	SAR_PSI_MEM = 1 << 14,	/* -q MEM */
	SAR_DISK = 1 << 15,	/* -d */
	SAR_IRQ = 1 << 16,	/* -I [SUM]: the "sum" row */
	SAR_IRQ_ALL = 1 << 17,	/* -I ALL: and a row per interrupt line */
	SAR_PWR_CPU = 1 << 18,	/* -m CPU */
	SAR_FS = 1 << 19,	/* -F */
	SAR_FS_MOUNT = 1 << 20,	/* -F MOUNT: by mount point */
	SAR_TTY = 1 << 21,	/* -y */
};

/* What the system reports show for one interval (or the average); have_*
 * false: the source was unavailable, the table is not printed (JSON null). */
struct sar_sys_report {
	bool have_cpu;
	const struct sar_cpu *cpus;	/* "all" first, then the CPUs -P asked for */
	size_t ncpus;
	bool have_task;
	double proc_s, cswch_s;
	bool have_paging;		/* -W and -B */
	struct mem_rates paging;
	bool have_io;
	struct sar_io io;
	bool have_mem;			/* -r, -S, -H */
	bool have_kt, have_queue;
	struct sar_gauges g;		/* the gauges (their means in "Average:") */
	bool have_psi[3];		/* cpu, io, memory */
	struct sar_psi psi[3];
	bool have_irq;
	const struct sar_irq *irq;
	bool have_tty;
	const struct sar_tty *tty;
	bool have_fs;
	const struct sar_fs *fs;
	bool have_mhz;
	const struct sar_mhz *mhz;
	bool have_disk;
	const struct disk_row *disks;
	size_t ndisks;
};

/* The activities that read /proc/net/snmp */
#define SAR_SNMP (SAR_TCP | SAR_ETCP | SAR_IP | SAR_EIP | SAR_ICMP | SAR_EICMP | SAR_UDP)

struct sar_if_row {
	const char *name;
	struct net_dev_rates dev;
	struct net_edev_rates edev;
	long speed_mbps;	/* -1 unknown (JSON only) */
};

/* SOFT: one row per CPU, cpu -1 for "all" */
struct sar_cpu_row {
	int cpu;
	struct softnet_rates soft;
};

/* One interval (or the average): what each activity shows. An activity
 * whose source was unavailable has its have_* false and is not printed. */
struct sar_report {
	const struct sar_if_row *ifs;
	size_t nifs;
	bool have_dev;		/* DEV and EDEV */
	bool have_sock;
	struct net_sock sock;
	bool have_snmp;		/* TCP, ETCP, IP, EIP, ICMP, EICMP, UDP */
	struct net_tcp_rates tcp;
	struct net_etcp_rates etcp;
	double snmp[NET_SNMP_TABLE__COUNT][NET_SNMP_TABLE_MAX];	/* IP ... UDP */
	bool have_sock6;
	struct net_sock6 sock6;
	bool have_soft;		/* SOFT: rows "all" first, then the CPUs asked for */
	const struct sar_cpu_row *soft;
	size_t nsoft;
	unsigned sys_acts;			/* SAR_CPU ...: the system reports */
	const struct sar_sys_report *sys;	/* NULL without system reports */
};

/* The system tables of sys_acts (sar_print calls it first). */
void sar_sys_print(FILE *f, unsigned sys_acts, const char *pl, const char *cl,
		   const struct sar_sys_report *r);
void sar_sys_json(struct json *j, unsigned sys_acts, const struct sar_sys_report *r);
/* -m CPU's table, which sysstat prints after the network ones. */
void sar_pwr_print(FILE *f, unsigned sys_acts, const char *pl, const char *cl,
		   const struct sar_sys_report *r);

/* The tables of acts for one interval: for each, a blank line, the header
 * labelled plabel (the previous sample's time, or "Average:"), and the rows
 * labelled clabel. plabel NULL: the rows only, no blank line nor header. */
void sar_print(FILE *f, unsigned acts, const char *plabel, const char *clabel,
	       const struct sar_report *r);

/* The JSON of one report: {"timestamp"?, "interval_s", "net_dev": [...],
 * "net_edev": [...], "net_sock": {...}, "net_ip": {...}, ... "net_sock6": {...},
 * "net_softnet": [{"cpu": "all"|N, ...}]}
 * for the selected activities (null when unavailable). key: NULL inside the
 * "statistics" array, "average" for the average. when 0: no timestamp. */
void sar_json(struct json *j, const char *key, unsigned acts, time_t when, double dt_s,
	      const struct sar_report *r);

#endif
