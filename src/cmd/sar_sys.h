/* sar's system reports (-u -w -W -B -b -r -S -H -v -q -d): what one sample
 * reads (raw counters only) and the report of an interval, computed by the
 * models (model/sar.h, cpu.h, mem.h, disk.h, psi.h). cmd/sar.c owns the
 * loop; /proc/stat and /proc/uptime come with its sample. */
#ifndef TRIAGE_CMD_SAR_SYS_H
#define TRIAGE_CMD_SAR_SYS_H

#include <stdbool.h>

#include "core/root.h"
#include "model/cpu.h"
#include "model/disk.h"
#include "model/irq.h"
#include "model/sar.h"
#include "sample/loop.h"
#include "sources/proc_diskstats.h"
#include "sources/proc_loadavg.h"
#include "sources/proc_meminfo.h"
#include "sources/proc_stat.h"
#include "sources/proc_sys_fs.h"
#include "sources/proc_vmstat.h"
#include "sources/psi.h"
#include "sources/sys_block.h"
#include "sources/sys_cpu.h"
#include "views/sar.h"

/* A view of one sample: the parts the sample holds are shallow copies of
 * the loop's sample (borrowed: never freed here); mhz, tty, kt and, live,
 * mnt are read from the root beside it (owned). */
struct sar_sys_sample {
	struct proc_meminfo mi;
	struct proc_vmstat vm;
	struct proc_loadavg la;
	struct proc_diskstats ds;
	struct sys_block sb;
	struct proc_sys_ktables kt;
	struct psi_host psi;
	struct irq_table intr;
	int intr_err;
	struct cpuinfo_mhz mhz;
	int mhz_err;
	struct mountinfo mnt;
	int mnt_err;
	bool mnt_owned;			/* read here (live, snapshots), else the sample's */
	struct tty_serial tty;
	int tty_err;
	int mi_err, vm_err, la_err, ds_err, sb_err, kt_err;
};

/* The state of a run: the models' buffers and the gauges' means. */
struct sar_sys_run {
	unsigned acts;			/* SAR_CPU ... */
	bool all_cpus;			/* -P ALL */
	const struct sys_cpu_list *cpus;	/* -P LIST */
	unsigned page_kb;
	struct cpu_model cm;
	struct sar_cpu *cpu_rows;
	int cpu_cap;
	struct disk_report disks;
	struct irq_rates irq_rates;
	struct sar_irq irq;
	struct sar_mhz mhz;
	struct sar_fs fs;
	struct sar_tty tty;
	struct sar_mean mean;
	unsigned warned;
};

void sar_sys_run_init(struct sar_sys_run *run, unsigned acts);
void sar_sys_run_free(struct sar_sys_run *run);

/* The sample parts acts need (SAMPLE_BIT()s, and the sample_want flags). */
void sar_sys_want(unsigned acts, struct sample_want *w);

/* Fill s from the loop's sample smp (borrowed parts), then read what the
 * sample does not hold from the root (r; NULL for a recorded sample: those
 * reports are said unavailable, once). A missing source is said once
 * (CMD: cannot read ... (X unavailable)) and its report left out. */
void sar_sys_of(struct sar_sys_run *run, const struct sample_loop *lp, struct sample *smp,
		struct sar_sys_sample *s);
/* Free what s owns (not what it borrows from the sample). */
void sar_sys_sample_free(struct sar_sys_sample *s);

/* True when some report of acts has its source in s (st: /proc/stat, or NULL). */
bool sar_sys_anything(unsigned acts, const struct sar_sys_sample *s, const struct proc_stat *st);

/* The report of prev -> cur (prev NULL: since boot) over dt_s seconds.
 * average: gauges are the means of the intervals reported before (each
 * interval adds its gauges to them). Returns 0 or -ENOMEM. */
int sar_sys_compute(struct sar_sys_run *run, const struct sar_sys_sample *prev,
		    const struct proc_stat *pst, const struct sar_sys_sample *cur,
		    const struct proc_stat *cst, double dt_s, bool average,
		    struct sar_sys_report *out);

#endif
