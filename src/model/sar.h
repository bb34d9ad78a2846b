/* sar's system reports (sysstat 12.6, rd_stats.c and pr_stats.c), from the
 * models that already compute the figures (model/cpu.h for -u and -P,
 * model/mem.h for -B and -W, model/disk.h for -d, model/psi.h for -q PSI)
 * and, for the gauges, the raw sample:
 *
 *  -u        %user = user (guest included), %nice = nice (guest_nice
 *            included), %system = system + irq + softirq, %iowait, %steal,
 *            %idle: the percentages of model/cpu.h regrouped;
 *  -u ALL    %usr %nice %sys %iowait %steal %irq %soft %guest %gnice %idle as
 *            mpstat (model/cpu.h);
 *  -q        runq-sz = loadavg's running tasks minus one (sadc does not count
 *            itself: rd_stats.c read_loadavg()), plist-sz = loadavg's task
 *            count, ldavg-1/5/15, blocked = /proc/stat procs_blocked;
 *  -r        kbmemused = MemTotal - (MemFree + Buffers + Cached + Slab), not
 *            below 0; %memused = kbmemused / MemTotal x 100; kbcached =
 *            Cached; %commit = Committed_AS / (MemTotal + SwapTotal) x 100;
 *            ALL adds AnonPages, Slab, KernelStack, PageTables, VmallocUsed;
 *  -S        kbswpused = SwapTotal - SwapFree, %swpused of SwapTotal,
 *            kbswpcad = SwapCached, %swpcad = SwapCached / kbswpused x 100;
 *  -H        HugePages_* x Hugepagesize; %hugused = used / total x 100;
 *  -b        sums over the physical whole disks (sys/block/X/device exists,
 *            sysstat's is_device(IGNORE_VIRTUAL_DEVICES)) in each sample,
 *            then the rates of the sums; bread/s etc. in 512-byte sectors;
 *  -v        dentunusd = dentry-state nr_unused, file-nr = allocated -
 *            unused handles, inode-nr = nr_inodes - nr_free_inodes, pty-nr.
 * A percentage of a zero total is 0.00 (sysstat); a value whose source is
 * missing is NAN. Gauges are averaged over the intervals shown for
 * "Average:" (sar_mean). */
#ifndef TRIAGE_MODEL_SAR_H
#define TRIAGE_MODEL_SAR_H

#include <stdbool.h>
#include <stddef.h>

#include "model/cpu.h"
#include "model/irq.h"
#include "model/psi.h"
#include "sources/proc_cpuinfo.h"
#include "sources/mountinfo.h"
#include "sources/proc_diskstats.h"
#include "sources/proc_loadavg.h"
#include "sources/proc_tty_serial.h"
#include "sources/proc_meminfo.h"
#include "sources/proc_stat.h"
#include "sources/proc_sys_fs.h"
#include "sources/sys_block.h"

/* -u and -u ALL of one CPU (cpu -1: "all") */
struct sar_cpu {
	int cpu;
	double user, nice, system, iowait, steal, idle;		/* -u */
	double usr, nice_x, sys, irq, soft, guest, gnice;	/* -u ALL (with iowait steal idle) */
};

struct sar_queue {
	double runq_sz, plist_sz, ldavg_1, ldavg_5, ldavg_15, blocked;
};

struct sar_mem {
	double kbmemfree, kbavail, kbmemused, memused_pct, kbbuffers, kbcached;
	double kbcommit, commit_pct, kbactive, kbinact, kbdirty;
	double kbanonpg, kbslab, kbkstack, kbpgtbl, kbvmused;	/* -r ALL */
};

struct sar_swap {
	double kbswpfree, kbswpused, swpused_pct, kbswpcad, swpcad_pct;
};

struct sar_huge {
	double kbhugfree, kbhugused, hugused_pct, kbhugrsvd, kbhugsurp;
};

struct sar_io {
	double tps, rtps, wtps, dtps, bread_s, bwrtn_s, bdscd_s;
};

struct sar_ktables {
	double dentunusd, file_nr, inode_nr, pty_nr;
};

/* -q CPU|IO|MEM: the kernel's averages and the share of this interval */
struct sar_psi {
	double some10, some60, some300, some;
	double full10, full60, full300, full;
};

/* The gauges averaged for "Average:" */
struct sar_gauges {
	struct sar_queue queue;
	struct sar_mem mem;
	struct sar_swap swap;
	struct sar_huge huge;
	struct sar_ktables kt;
	struct sar_psi psi_avg[3];	/* the avgN columns (the interval shares are rates) */
};

void sar_model_cpu(const struct cpu_pct *p, int cpu, struct sar_cpu *o);
void sar_model_queue(const struct proc_loadavg *la, const struct proc_stat *st,
		     struct sar_queue *o);
void sar_model_mem(const struct proc_meminfo *mi, struct sar_mem *m, struct sar_swap *s,
		   struct sar_huge *h);
/* prev NULL: since boot. sb NULL (no sys/block to ask): every diskstats
 * line counts. */
void sar_model_io(const struct proc_diskstats *prev, const struct proc_diskstats *cur,
		  const struct sys_block *sb, double dt_s, struct sar_io *o);
void sar_model_ktables(const struct proc_sys_ktables *k, struct sar_ktables *o);
/* prev NULL: the interval share since boot (total / uptime). */
void sar_model_psi(const struct psi *prev, const struct psi *cur, double dt_s, struct sar_psi *o);

/* -I SUM|ALL (sysstat 12.6 print_irq_stats): the "sum" row (every line of
 * /proc/interrupts, model/irq.h), then with ALL one row per line; in each,
 * "all" = the sum of the row over every CPU column (unknown cells left out),
 * then the columns of the CPUs asked for (-P). */
#define SAR_IRQ_NAME 32
struct sar_irq {
	size_t nrows, ncols;		/* ncols: the CPU columns shown */
	char (*names)[SAR_IRQ_NAME];	/* nrows: "sum", then the lines */
	char (*heads)[12];		/* ncols + 1: "all", "CPU0" ... */
	double *v;			/* v[row * (ncols + 1) + k]: k 0 all, then the CPUs */
	size_t rcap, vcap, hcap;
};
/* want(cpu, arg): whether CPU cpu gets a column. Returns 0 or -ENOMEM. */
int sar_model_irq(const struct irq_rates *r, bool all_lines,
		  bool (*want)(int cpu, const void *arg), const void *arg, struct sar_irq *out);
void sar_irq_free(struct sar_irq *s);

/* -m CPU (sysstat read_cpuinfo(), print_pwr_cpufreq_stats()): "all" (cpu
 * -1) is the mean of the CPUs' MHz x 100 in integers, as sadc keeps it;
 * then the CPUs asked for. "Average:" holds each row's mean over the
 * intervals (rows matched by position). */
struct sar_mhz_row {
	int cpu;
	double mhz;
};
struct sar_mhz {
	struct sar_mhz_row *rows;
	size_t n, cap;
	double *sum;		/* the means' sums, by row */
	size_t scap;
	long nsum;
};
int sar_model_mhz(const struct cpuinfo_mhz *m, bool (*want)(int cpu, const void *arg),
		  const void *arg, struct sar_mhz *out);
/* Add the rows to the sums; or replace them with their means. */
int sar_mhz_mean_add(struct sar_mhz *s);
void sar_mhz_mean_get(struct sar_mhz *s);
void sar_mhz_free(struct sar_mhz *s);

/* -F [MOUNT] (sysstat read_filesystem(), print_filesystem_stats()): every
 * mount whose source starts with "/dev/" and has blocks, each device once
 * (its first mount); MBfsfree = f_bfree x f_frsize / 2^20, MBfsused =
 * (f_blocks - f_bfree) x f_frsize / 2^20, %fsused = (f_blocks - f_bfree) /
 * f_blocks, %ufsused = (f_blocks - f_bavail) / f_blocks, Iused = f_files -
 * f_ffree, %Iused of f_files. Its "Summary:" is the last sample's. */
struct sar_fs_row {
	const char *fs, *mnt;		/* in the mountinfo's text */
	double mbfsfree, mbfsused, fsused_pct, ufsused_pct, ifree, iused, iused_pct;
};
struct sar_fs {
	struct sar_fs_row *rows;
	size_t n, cap;
};
/* Returns 0 or -ENOMEM; the rows point into mi's text. */
int sar_model_fs(const struct mountinfo *mi, struct sar_fs *out);
void sar_fs_free(struct sar_fs *s);

/* -y (sysstat print_serial_stats): per serial line with hardware, rates of
 * its rx (rcvin/s), tx (xmtin/s), fe, pe, brk and oe counters; a line not
 * in prev counts from zero. */
struct sar_tty_row {
	char name[12];
	double rcvin_s, xmtin_s, framerr_s, prtyerr_s, brk_s, ovrun_s;
};
struct sar_tty {
	struct sar_tty_row *rows;
	size_t n, cap;
};
int sar_model_tty(const struct tty_serial *prev, const struct tty_serial *cur, double dt_s,
		  struct sar_tty *out);
void sar_tty_free(struct sar_tty *s);

/* Mean of the gauges: add each interval's, then get. */
struct sar_mean {
	struct sar_gauges sum;
	long n;
};
void sar_mean_add(struct sar_mean *m, const struct sar_gauges *g);
void sar_mean_get(const struct sar_mean *m, struct sar_gauges *g);

#endif
