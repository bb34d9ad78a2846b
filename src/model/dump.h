/* The rows of `triage dump`: per interval of a recording, the figures of
 * each group (cpu, mem, disk, net, load, psi, proc, exits) from the models, one
 * struct of doubles per row so that views/cols.h describes their columns.
 * Pure: two samples in, rows out. */
#ifndef TRIAGE_MODEL_DUMP_H
#define TRIAGE_MODEL_DUMP_H

#include <stddef.h>

#include "sample/sample.h"

enum dump_group { DUMP_CPU, DUMP_MEM, DUMP_DISK, DUMP_NET, DUMP_LOAD, DUMP_PSI, DUMP_PROC, DUMP_EXITS,
		  DUMP__N };

/* mpstat's percentages over the interval (model/cpu.c) */
struct dump_cpu { double usr, nice, sys, iowait, irq, soft, steal, guest, gnice, idle, busy; };
/* free's figures in kB at the newer sample (model/mem.c) */
struct dump_mem { double total, used, free, shared, buffers, cache, available, swap_total, swap_used, swap_free; };
/* iostat -x's, per disk (model/disk.c) */
struct dump_disk { double r_s, w_s, rkb_s, wkb_s, r_await, w_await, aqu_sz, util_pct; };
/* sar -n DEV and EDEV's, per interface (model/net.c) */
struct dump_net { double rxpck_s, txpck_s, rxkb_s, txkb_s, rxerr_s, txerr_s, rxdrop_s, txdrop_s; };
/* loadavg and /proc/stat's run queue */
struct dump_load { double load1, load5, load15, running, blocked; };
/* PSI over the interval, % of time (model/psi.c) */
struct dump_psi { double cpu_some, mem_some, mem_full, io_some, io_full; };
/* pidstat's -u -r -d per process (model/pid.c) */
struct dump_proc { double pid, cpu_pct, usr_pct, sys_pct, minflt_s, majflt_s, rss_kb, rd_kbs, wr_kbs; };
/* A process that ended in the interval (the recorder's exit record,
 * sources/exited.h), one row each, zombies the newer scan still shows
 * included: its start and exit (epoch seconds; the start from the newer
 * sample's boot time, to the tick), its whole life's CPU ticks (USER_HZ),
 * faults, peak RSS and I/O bytes; cpu/usr/sys_pct its share of the interval
 * as pidstat shows it (model/exited.h: from the older sample, or its start,
 * to its exit; unknown without the older scan); exit_code its exit(2)
 * status, or signal the signal that ended it (the other one unknown). */
struct dump_exit {
	double pid, ppid, uid, start_time, exit_time, utime_ticks, stime_ticks, cpu_pct, usr_pct,
	       sys_pct, minflt, majflt, maxrss_kb, read_bytes, write_bytes, exit_code, signal;
};

struct dump_row {
	enum dump_group g;
	char inst[64];		/* "all", "0", "vda", "eth0", the process's comm ... */
	union {
		struct dump_cpu cpu;
		struct dump_mem mem;
		struct dump_disk disk;
		struct dump_net net;
		struct dump_load load;
		struct dump_psi psi;
		struct dump_proc proc;
		struct dump_exit exit;
	} v;
};

struct dump_rows {
	struct dump_row *v;
	size_t n, cap;
};

extern const char *const dump_group_names[DUMP__N];

/* The rows of the groups in mask (1 << DUMP_x) for the interval older ->
 * newer of dt seconds, appended to out. Returns 0 or -ENOMEM. */
int dump_model(const struct sample *older, const struct sample *newer, double dt, unsigned mask,
	       struct dump_rows *out);
void dump_rows_free(struct dump_rows *r);

#endif
