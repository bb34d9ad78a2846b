/* One line of vmstat(8), procps-ng 4.0.2 (src/vmstat.c new_format()), from
 * two samples of /proc/stat, /proc/meminfo and /proc/vmstat.
 *
 * Memory columns: swpd = SwapTotal - SwapFree, free = MemFree, buff =
 * Buffers, cache = Cached + SReclaimable (-a: inact = Inactive, active =
 * Active), each converted kB -> unit bytes and truncated.
 *
 * Rates, first line (since boot): procps divides by the CPU tick total
 * (summed over CPUs) instead of the uptime:
 *     X_s = (X * USER_HZ + Div/2) / Div,   Div = all CPU ticks since boot
 * (so on N CPUs these are per CPU-second: what vmstat prints, kept exact).
 * si/so convert pages to the unit first: unit(pages * page_kB).
 * Later lines: (delta + half) / seconds, which for the whole-second
 * intervals vmstat accepts is floor(delta / dt + 0.5); triage uses the
 * measured dt from /proc/uptime. A counter that went backwards is unknown
 * (procps would print its unsigned difference, a huge number).
 *
 * CPU columns: model/cpu.h cpu_model_vmstat().
 */
#ifndef TRIAGE_MODEL_VMSTAT_H
#define TRIAGE_MODEL_VMSTAT_H

#include <stdbool.h>

#include "model/cpu.h"
#include "sources/proc_diskstats.h"
#include "sources/proc_meminfo.h"
#include "sources/proc_stat.h"
#include "sources/proc_vmstat.h"
#include "sources/sys_block.h"

/* One sample, as the readers left it. vm is NULL when proc/vmstat is
 * missing (si so bi bo are then unknown). */
struct vmstat_sample {
	const struct proc_stat *stat;
	const struct proc_meminfo *mi;
	const struct proc_vmstat *vm;
	double up_s;			/* proc/uptime */
};

struct vmstat_opts {
	unsigned long unit;		/* bytes per display unit: 1000, 1024, 1e6, 1048576 */
	bool active;			/* -a: inact/active instead of buff/cache */
	unsigned page_kb;		/* page size in kB (sysconf(_SC_PAGESIZE) / 1024) */
};

/* Columns that can be unknown: printed "-", null in JSON. */
enum {
	VMSTAT_U_SI = 1u << 0,
	VMSTAT_U_SO = 1u << 1,
	VMSTAT_U_BI = 1u << 2,
	VMSTAT_U_BO = 1u << 3,
	VMSTAT_U_IN = 1u << 4,
	VMSTAT_U_CS = 1u << 5,
	VMSTAT_U_IO = VMSTAT_U_SI | VMSTAT_U_SO | VMSTAT_U_BI | VMSTAT_U_BO,
};

struct vmstat_line {
	unsigned long r, b;			/* procs_running, procs_blocked */
	unsigned long swpd, free, buff, cache;	/* buff/cache hold inact/active with -a */
	unsigned long si, so, bi, bo, in, cs;
	unsigned unknown;			/* VMSTAT_U_*: no file, or counter went back */
	struct cpu_vmstat cpu;
	double dt_s;				/* interval used; uptime for the first line */
};

/* prev NULL: the since-boot line. */
void vmstat_model_line(const struct vmstat_sample *prev, const struct vmstat_sample *cur,
		       const struct vmstat_opts *o, struct vmstat_line *out);

/* vmstat -s, procps-ng 4.0.2 sum_format(): memory in the -S unit (used =
 * MemTotal - MemAvailable as free(1) computes it, "swap cache" = Cached +
 * SReclaimable, procps' label for it), CPU ticks and event counters as
 * /proc/stat and /proc/vmstat hold them. */
struct vmstat_sums {
	unsigned long total, used, active, inactive, free, buffers, cache;
	unsigned long swap_total, swap_used, swap_free;
	struct proc_stat_cpu ticks;
	unsigned long long pgpgin, pgpgout, pswpin, pswpout;	/* kB, kB, pages, pages */
	unsigned long long intr, ctxt, btime, forks;
	bool have_vm;
};
void vmstat_model_sums(const struct vmstat_sample *s, const struct vmstat_opts *o,
		       struct vmstat_sums *out);

/* vmstat -d, -D, -p (procps-ng 4.0.2 diskformat(), disksum_format(),
 * diskpartition_format()): totals since boot as /proc/diskstats holds them,
 * not rates, for every whole disk (an entry of sys/block; every line when
 * there is no sys/block); "cur" is in_flight / 1000 and "sec" io_ticks /
 * 1000 in integers, as procps divides them (so cur is 0 below 1000 I/Os in
 * flight: procps' arithmetic, kept). */
struct vmstat_disk {
	double reads, rd_merged, rd_sectors, rd_ms;
	double writes, wr_merged, wr_sectors, wr_ms;
	double cur, sec;
};
void vmstat_model_disk(const struct diskstats_dev *d, struct vmstat_disk *out);

/* -D: the disks summed (partitions only counted), and the weighted ms of
 * I/O / 1000 (procps labels these two "milli", they are seconds). */
struct vmstat_disk_sums {
	double disks, partitions;
	struct vmstat_disk t;
	double weighted;
};
void vmstat_model_disk_sums(const struct proc_diskstats *ds, const struct sys_block *sb,
			    struct vmstat_disk_sums *out);
/* Is this diskstats line a whole disk (sb NULL: yes)? */
bool vmstat_model_is_disk(const struct diskstats_dev *d, const struct sys_block *sb);

#endif
