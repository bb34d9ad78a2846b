/* sar's system reports (-u -w -W -B -b -r -S -H -v -q -d) as sysstat 12.6
 * prints them (pr_stats.c), and their JSON: each a column list. */
#include "views/sar.h"

#include <stddef.h>
#include <string.h>

#include "views/sar_tab.h"

#define N(a) COLS_N(a)
#define CPU_COL(h, k, f) COL(struct sar_cpu, h, k, f, 9, 2)
#define RATE(h, k, f) COL(struct sar_sys_report, h, k, f, 9, 2)
#define GAUGE(h, k, f) COL(struct sar_sys_report, h, k, f, 9, 0)

static const struct col cpu_cols[] = {
	CPU_COL("%user", "user", user), CPU_COL("%nice", "nice", nice),
	CPU_COL("%system", "system", system), CPU_COL("%iowait", "iowait", iowait),
	CPU_COL("%steal", "steal", steal), CPU_COL("%idle", "idle", idle),
};
static const struct col cpu_all_cols[] = {
	CPU_COL("%usr", "usr", usr), CPU_COL("%nice", "nice", nice_x),
	CPU_COL("%sys", "sys", sys), CPU_COL("%iowait", "iowait", iowait),
	CPU_COL("%steal", "steal", steal), CPU_COL("%irq", "irq", irq),
	CPU_COL("%soft", "soft", soft), CPU_COL("%guest", "guest", guest),
	CPU_COL("%gnice", "gnice", gnice), CPU_COL("%idle", "idle", idle),
};
static const struct col task_cols[] = {
	RATE("proc/s", "proc_s", proc_s), RATE("cswch/s", "cswch_s", cswch_s),
};
static const struct col swpg_cols[] = {
	RATE("pswpin/s", "pswpin_s", paging.pswpin_s), RATE("pswpout/s", "pswpout_s", paging.pswpout_s),
};
static const struct col page_cols[] = {
	RATE("pgpgin/s", "pgpgin_s", paging.bi_kb_s), RATE("pgpgout/s", "pgpgout_s", paging.bo_kb_s),
	RATE("fault/s", "fault_s", paging.fault_s), RATE("majflt/s", "majflt_s", paging.majflt_s),
	RATE("pgfree/s", "pgfree_s", paging.pgfree_s), RATE("pgscank/s", "pgscank_s", paging.pgscank_s),
	RATE("pgscand/s", "pgscand_s", paging.pgscand_s),
	RATE("pgsteal/s", "pgsteal_s", paging.pgsteal_s), RATE("%vmeff", "vmeff_pct", paging.vmeff_pct),
};
static const struct col io_cols[] = {
	RATE("tps", "tps", io.tps), RATE("rtps", "rtps", io.rtps), RATE("wtps", "wtps", io.wtps),
	RATE("dtps", "dtps", io.dtps), RATE("bread/s", "bread_s", io.bread_s),
	RATE("bwrtn/s", "bwrtn_s", io.bwrtn_s), RATE("bdscd/s", "bdscd_s", io.bdscd_s),
};
/* -r; -r ALL adds the last five */
static const struct col mem_cols[] = {
	GAUGE("kbmemfree", "kbmemfree", g.mem.kbmemfree), GAUGE("kbavail", "kbavail", g.mem.kbavail),
	GAUGE("kbmemused", "kbmemused", g.mem.kbmemused), RATE("%memused", "memused_pct", g.mem.memused_pct),
	GAUGE("kbbuffers", "kbbuffers", g.mem.kbbuffers), GAUGE("kbcached", "kbcached", g.mem.kbcached),
	GAUGE("kbcommit", "kbcommit", g.mem.kbcommit), RATE("%commit", "commit_pct", g.mem.commit_pct),
	GAUGE("kbactive", "kbactive", g.mem.kbactive), GAUGE("kbinact", "kbinact", g.mem.kbinact),
	GAUGE("kbdirty", "kbdirty", g.mem.kbdirty),
	GAUGE("kbanonpg", "kbanonpg", g.mem.kbanonpg), GAUGE("kbslab", "kbslab", g.mem.kbslab),
	GAUGE("kbkstack", "kbkstack", g.mem.kbkstack), GAUGE("kbpgtbl", "kbpgtbl", g.mem.kbpgtbl),
	GAUGE("kbvmused", "kbvmused", g.mem.kbvmused),
};
#define MEM_BASIC 11
static const struct col swap_cols[] = {
	GAUGE("kbswpfree", "kbswpfree", g.swap.kbswpfree), GAUGE("kbswpused", "kbswpused", g.swap.kbswpused),
	RATE("%swpused", "swpused_pct", g.swap.swpused_pct), GAUGE("kbswpcad", "kbswpcad", g.swap.kbswpcad),
	RATE("%swpcad", "swpcad_pct", g.swap.swpcad_pct),
};
static const struct col huge_cols[] = {
	GAUGE("kbhugfree", "kbhugfree", g.huge.kbhugfree), GAUGE("kbhugused", "kbhugused", g.huge.kbhugused),
	RATE("%hugused", "hugused_pct", g.huge.hugused_pct), GAUGE("kbhugrsvd", "kbhugrsvd", g.huge.kbhugrsvd),
	GAUGE("kbhugsurp", "kbhugsurp", g.huge.kbhugsurp),
};
static const struct col kt_cols[] = {
	GAUGE("dentunusd", "dentunusd", g.kt.dentunusd), GAUGE("file-nr", "file_nr", g.kt.file_nr),
	GAUGE("inode-nr", "inode_nr", g.kt.inode_nr), GAUGE("pty-nr", "pty_nr", g.kt.pty_nr),
};
static const struct col queue_cols[] = {
	GAUGE("runq-sz", "runq_sz", g.queue.runq_sz), GAUGE("plist-sz", "plist_sz", g.queue.plist_sz),
	RATE("ldavg-1", "ldavg_1", g.queue.ldavg_1), RATE("ldavg-5", "ldavg_5", g.queue.ldavg_5),
	RATE("ldavg-15", "ldavg_15", g.queue.ldavg_15), GAUGE("blocked", "blocked", g.queue.blocked),
};
/* -q CPU, IO, MEM: psi[0], [1], [2] */
#define PSI_COL(i, h, k, f) COL(struct sar_sys_report, h, k, psi[i].f, 9, 2)
static const struct col psi_cpu_cols[] = {
	PSI_COL(0, "%scpu-10", "scpu_10", some10), PSI_COL(0, "%scpu-60", "scpu_60", some60),
	PSI_COL(0, "%scpu-300", "scpu_300", some300), PSI_COL(0, "%scpu", "scpu", some),
};
#define PSI_COLS(i, s, f) \
	PSI_COL(i, "%" s "-10", s "_10", some10), PSI_COL(i, "%" s "-60", s "_60", some60), \
	PSI_COL(i, "%" s "-300", s "_300", some300), PSI_COL(i, "%" s, s, some), \
	PSI_COL(i, "%" f "-10", f "_10", full10), PSI_COL(i, "%" f "-60", f "_60", full60), \
	PSI_COL(i, "%" f "-300", f "_300", full300), PSI_COL(i, "%" f, f, full)
static const struct col psi_io_cols[] = { PSI_COLS(1, "sio", "fio") };
static const struct col psi_mem_cols[] = { PSI_COLS(2, "smem", "fmem") };
#define DISK_COL(h, k, f) COL(struct disk_row, h, k, r.f, 9, 2)
static const struct col disk_cols[] = {
	DISK_COL("tps", "tps", tps), DISK_COL("rkB/s", "rkb_s", rkb_s),
	DISK_COL("wkB/s", "wkb_s", wkb_s), DISK_COL("dkB/s", "dkb_s", dkb_s),
	DISK_COL("areq-sz", "areq_sz", areq_sz), DISK_COL("aqu-sz", "aqu_sz", aqu_sz),
	DISK_COL("await", "await", await), DISK_COL("%util", "util_pct", util_pct),
};

#define TTY_COL(h, k, f) COL(struct sar_tty_row, h, k, f, 9, 2)
static const struct col tty_cols[] = {
	TTY_COL("rcvin/s", "rcvin_s", rcvin_s), TTY_COL("xmtin/s", "xmtin_s", xmtin_s),
	TTY_COL("framerr/s", "framerr_s", framerr_s), TTY_COL("prtyerr/s", "prtyerr_s", prtyerr_s),
	TTY_COL("brk/s", "brk_s", brk_s), TTY_COL("ovrun/s", "ovrun_s", ovrun_s),
};
static const struct col mhz_cols[] = { COL(struct sar_mhz_row, "MHz", "mhz", mhz, 9, 2) };

/* The one-row tables, in sysstat's order: the activity, its columns, its
 * JSON name, and where its have_ flag is. */
struct tab1 {
	unsigned act;
	const struct col *c;
	size_t n;
	const char *json;
	size_t have;
};
#define HAVE(f) offsetof(struct sar_sys_report, f)
static const struct tab1 tab_task[] = {
	{ SAR_TASK, task_cols, N(task_cols), "process_and_context_switch", HAVE(have_task) },
};
static const struct tab1 tabs_a[] = {
	{ SAR_SWPG, swpg_cols, N(swpg_cols), "swap_pages", HAVE(have_paging) },
	{ SAR_PAGE, page_cols, N(page_cols), "paging", HAVE(have_paging) },
	{ SAR_IO, io_cols, N(io_cols), "io", HAVE(have_io) },
};
static const struct tab1 tabs_b[] = {
	{ SAR_SWAP, swap_cols, N(swap_cols), "swap", HAVE(have_mem) },
	{ SAR_HUGE, huge_cols, N(huge_cols), "hugepages", HAVE(have_mem) },
	{ SAR_KTAB, kt_cols, N(kt_cols), "kernel", HAVE(have_kt) },
	{ SAR_QUEUE, queue_cols, N(queue_cols), "queue", HAVE(have_queue) },
	{ SAR_PSI_CPU, psi_cpu_cols, N(psi_cpu_cols), "psi_cpu", HAVE(have_psi[0]) },
	{ SAR_PSI_IO, psi_io_cols, N(psi_io_cols), "psi_io", HAVE(have_psi[1]) },
	{ SAR_PSI_MEM, psi_mem_cols, N(psi_mem_cols), "psi_mem", HAVE(have_psi[2]) },
};

static bool have(const struct sar_sys_report *r, const struct tab1 *t)
{
	return *(const bool *)((const char *)r + t->have);
}

static void print_tabs(FILE *f, unsigned acts, const char *pl, const char *cl,
		       const struct sar_sys_report *r, const struct tab1 *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((acts & t[i].act) && have(r, &t[i]))
			sar_tab1(f, pl, cl, t[i].c, t[i].n, r);
}

static size_t mem_ncols(unsigned acts)
{
	return acts & SAR_MEM_ALL ? N(mem_cols) : MEM_BASIC;
}

/* -I: "INTR" " %9s", then "all" and a column per CPU asked for; one row
 * per line ("sum" first), its name " %9s". The columns are as many as the
 * CPUs: printed from the row's values, not a fixed column list. */
static void irq_print(FILE *f, const char *pl, const char *cl, const struct sar_irq *q)
{
	size_t w = q->ncols + 1;

	if (pl) {
		fprintf(f, "\n%-11s %9s", pl, "INTR");
		for (size_t k = 0; k < w; k++)
			fprintf(f, " %9s", q->heads[k]);
		fputc('\n', f);
	}
	for (size_t i = 0; i < q->nrows; i++) {
		fprintf(f, "%-11s ", cl);
		cols_name(f, q->names[i], 9, 0);
		for (size_t k = 0; k < w; k++)
			cols_num(f, 9, 2, q->v[i * w + k]);
		fputc('\n', f);
	}
}

static void irq_json(struct json *j, const struct sar_sys_report *r)
{
	const struct sar_irq *q = r->irq;
	size_t w = q ? q->ncols + 1 : 0;

	if (!r->have_irq || !q) {
		json_null(j, "interrupts");
		return;
	}
	json_arr_begin(j, "interrupts");
	for (size_t i = 0; i < q->nrows; i++) {
		json_obj_begin(j, NULL);
		json_str(j, "intr", q->names[i]);
		for (size_t k = 0; k < w; k++)
			json_double(j, q->heads[k], q->v[i * w + k], 2);
		json_obj_end(j);
	}
	json_arr_end(j);
}

void sar_sys_print(FILE *f, unsigned acts, const char *pl, const char *cl,
		   const struct sar_sys_report *r)
{
	const struct col *cc = acts & SAR_CPU_ALL ? cpu_all_cols : cpu_cols;
	size_t ncc = acts & SAR_CPU_ALL ? N(cpu_all_cols) : N(cpu_cols);

	if ((acts & SAR_CPU) && r->have_cpu) {
		sar_tab_cpu_head(f, pl, cc, ncc);
		for (size_t i = 0; i < r->ncpus; i++)
			sar_tab_cpu_row(f, cl, r->cpus[i].cpu, &r->cpus[i], cc, ncc);
	}
	print_tabs(f, acts, pl, cl, r, tab_task, N(tab_task));
	if ((acts & SAR_IRQ) && r->have_irq)
		irq_print(f, pl, cl, r->irq);
	print_tabs(f, acts, pl, cl, r, tabs_a, N(tabs_a));
	if ((acts & SAR_MEM) && r->have_mem)
		sar_tab1(f, pl, cl, mem_cols, mem_ncols(acts), r);
	print_tabs(f, acts, pl, cl, r, tabs_b, N(tabs_b));
	if ((acts & SAR_TTY) && r->have_tty) {
		sar_tab_head(f, pl, "TTY", tty_cols, N(tty_cols));
		for (size_t i = 0; i < r->tty->n; i++)
			sar_tab_row(f, cl, r->tty->rows[i].name, &r->tty->rows[i], tty_cols, N(tty_cols));
	}
	if ((acts & SAR_DISK) && r->have_disk) {
		sar_tab_head(f, pl, "DEV", disk_cols, N(disk_cols));
		for (size_t i = 0; i < r->ndisks; i++)
			sar_tab_row(f, cl, r->disks[i].name, &r->disks[i], disk_cols, N(disk_cols));
	}
}

#define FS_COL(h, k, f, p) COL(struct sar_fs_row, h, k, f, 9, p)
static const struct col fs_cols[] = {
	FS_COL("MBfsfree", "mbfsfree", mbfsfree, 0), FS_COL("MBfsused", "mbfsused", mbfsused, 0),
	FS_COL("%fsused", "fsused_pct", fsused_pct, 2), FS_COL("%ufsused", "ufsused_pct", ufsused_pct, 2),
	FS_COL("Ifree", "ifree", ifree, 0), FS_COL("Iused", "iused", iused, 0),
	FS_COL("%Iused", "iused_pct", iused_pct, 2),
};

/* -F: the name last, " %s" escaped; "Summary:" instead of "Average:" */
static void fs_print(FILE *f, unsigned acts, const char *pl, const char *cl,
		     const struct sar_fs *fs)
{
	bool by_mnt = acts & SAR_FS_MOUNT;

	if (pl && !strcmp(pl, "Average:"))
		pl = cl = "Summary:";
	if (pl) {
		fprintf(f, "\n%-11s", pl);
		cols_head(f, fs_cols, N(fs_cols));
		fprintf(f, " %s\n", by_mnt ? "MOUNTPOINT" : "FILESYSTEM");
	}
	for (size_t i = 0; i < fs->n; i++) {
		const char *name = by_mnt ? fs->rows[i].mnt : fs->rows[i].fs;

		fprintf(f, "%-11s", cl);
		cols_row(f, &fs->rows[i], fs_cols, N(fs_cols), -1);
		fputc(' ', f);
		esc_term_fputs(f, name, strlen(name));
		fputc('\n', f);
	}
}

/* -m CPU and -F: printed after the network tables, as sysstat orders them */
void sar_pwr_print(FILE *f, unsigned acts, const char *pl, const char *cl,
		   const struct sar_sys_report *r)
{
	if ((acts & SAR_PWR_CPU) && r->have_mhz) {
		sar_tab_cpu_head(f, pl, mhz_cols, N(mhz_cols));
		for (size_t i = 0; i < r->mhz->n; i++)
			sar_tab_cpu_row(f, cl, r->mhz->rows[i].cpu, &r->mhz->rows[i], mhz_cols,
					N(mhz_cols));
	}
	if ((acts & SAR_FS) && r->have_fs)
		fs_print(f, acts, pl, cl, r->fs);
}

static void json_fs(struct json *j, const struct sar_sys_report *r)
{
	if (!r->have_fs) {
		json_null(j, "filesystems");
		return;
	}
	json_arr_begin(j, "filesystems");
	for (size_t i = 0; i < r->fs->n; i++) {
		json_obj_begin(j, NULL);
		json_str(j, "filesystem", r->fs->rows[i].fs);
		json_str(j, "mountpoint", r->fs->rows[i].mnt);
		cols_json(j, &r->fs->rows[i], fs_cols, N(fs_cols), -1);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void json_tabs(struct json *j, unsigned acts, const struct sar_sys_report *r,
		      const struct tab1 *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (acts & t[i].act)
			sar_tab1_json(j, t[i].json, have(r, &t[i]), t[i].c, t[i].n, r);
}

static void json_cpus(struct json *j, unsigned acts, const struct sar_sys_report *r)
{
	const struct col *cc = acts & SAR_CPU_ALL ? cpu_all_cols : cpu_cols;
	size_t ncc = acts & SAR_CPU_ALL ? N(cpu_all_cols) : N(cpu_cols);

	if (!r->have_cpu) {
		json_null(j, "cpu_load");
		return;
	}
	json_arr_begin(j, "cpu_load");
	for (size_t i = 0; i < r->ncpus; i++) {
		json_obj_begin(j, NULL);
		sar_tab_cpu_json(j, r->cpus[i].cpu);
		cols_json(j, &r->cpus[i], cc, ncc, -1);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void json_tty(struct json *j, const struct sar_sys_report *r)
{
	if (!r->have_tty) {
		json_null(j, "serial");
		return;
	}
	json_arr_begin(j, "serial");
	for (size_t i = 0; i < r->tty->n; i++) {
		json_obj_begin(j, NULL);
		json_str(j, "line", r->tty->rows[i].name);
		cols_json(j, &r->tty->rows[i], tty_cols, N(tty_cols), -1);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void json_disks(struct json *j, const struct sar_sys_report *r)
{
	if (!r->have_disk) {
		json_null(j, "disk");
		return;
	}
	json_arr_begin(j, "disk");
	for (size_t i = 0; i < r->ndisks; i++) {
		json_obj_begin(j, NULL);
		json_str(j, "disk_device", r->disks[i].name);
		cols_json(j, &r->disks[i], disk_cols, N(disk_cols), -1);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void json_mhz(struct json *j, const struct sar_sys_report *r)
{
	if (!r->have_mhz) {
		json_null(j, "power_cpu_frequency");
		return;
	}
	json_arr_begin(j, "power_cpu_frequency");
	for (size_t i = 0; i < r->mhz->n; i++) {
		json_obj_begin(j, NULL);
		sar_tab_cpu_json(j, r->mhz->rows[i].cpu);
		cols_json(j, &r->mhz->rows[i], mhz_cols, N(mhz_cols), -1);
		json_obj_end(j);
	}
	json_arr_end(j);
}

void sar_sys_json(struct json *j, unsigned acts, const struct sar_sys_report *r)
{
	if (acts & SAR_CPU)
		json_cpus(j, acts, r);
	json_tabs(j, acts, r, tab_task, N(tab_task));
	if (acts & SAR_IRQ)
		irq_json(j, r);
	json_tabs(j, acts, r, tabs_a, N(tabs_a));
	if (acts & SAR_MEM)
		sar_tab1_json(j, "memory", r->have_mem, mem_cols, mem_ncols(acts), r);
	json_tabs(j, acts, r, tabs_b, N(tabs_b));
	if (acts & SAR_TTY)
		json_tty(j, r);
	if (acts & SAR_DISK)
		json_disks(j, r);
	if (acts & SAR_PWR_CPU)
		json_mhz(j, r);
	if (acts & SAR_FS)
		json_fs(j, r);
}
