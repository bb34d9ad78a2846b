#include "cmd/sar_sys.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/err_read.h"
#include "model/mem.h"
#include "model/psi.h"
#include "sources/proc_interrupts.h"

#define CMD "sar"

#define SAR_PSI (SAR_PSI_CPU | SAR_PSI_IO | SAR_PSI_MEM)
#define NEED_MI (SAR_MEM | SAR_SWAP | SAR_HUGE)
#define NEED_DS (SAR_IO | SAR_DISK)

void sar_sys_run_init(struct sar_sys_run *run, unsigned acts)
{
	long page = sysconf(_SC_PAGESIZE);

	memset(run, 0, sizeof(*run));
	run->acts = acts;
	run->page_kb = page > 0 ? (unsigned)(page / 1024) : 4;
	cpu_model_init(&run->cm);
}

void sar_sys_run_free(struct sar_sys_run *run)
{
	cpu_model_free(&run->cm);
	free(run->cpu_rows);
	disk_report_free(&run->disks);
	irq_rates_free(&run->irq_rates);
	sar_irq_free(&run->irq);
	sar_mhz_free(&run->mhz);
	sar_fs_free(&run->fs);
	sar_tty_free(&run->tty);
}

void sar_sys_sample_free(struct sar_sys_sample *s)
{
	proc_cpuinfo_mhz_free(&s->mhz);
	proc_tty_serial_free(&s->tty);
	if (s->mnt_owned)
		mountinfo_free(&s->mnt);
	memset(s, 0, sizeof(*s));
	s->mnt_err = s->sb_err = -ENOENT;
}

/* Say once (bit of run->warned) that what is unavailable. */
static void warn(struct sar_sys_run *run, const struct sample_loop *lp, const struct sample *smp,
		 unsigned bit, enum sample_part part, const char *what)
{
	char lost[64];

	if (run->warned & bit)
		return;
	run->warned |= bit;
	snprintf(lost, sizeof(lost), "%s unavailable", what);
	sample_loop_say(lp, smp, part, lost);
}

/* What the sample does not hold: said once, for a recorded one. */
static void unrecorded(struct sar_sys_run *run, unsigned bit, const char *what)
{
	if (run->warned & bit)
		return;
	run->warned |= bit;
	err_msg(CMD, "the recording holds no %s", what);
}

void sar_sys_want(unsigned a, struct sample_want *w)
{
	if (a & SAR_IRQ)
		w->parts |= SAMPLE_BIT(INTERRUPTS);
	if (a & NEED_MI)
		w->parts |= SAMPLE_BIT(MEMINFO);
	if (a & (SAR_SWPG | SAR_PAGE))
		w->parts |= SAMPLE_BIT(VMSTAT);
	if (a & NEED_DS) {
		w->parts |= SAMPLE_BIT(DISKSTATS);
		w->blocks = true;
	}
	if (a & SAR_QUEUE)
		w->parts |= SAMPLE_BIT(LOADAVG);
	if (a & SAR_KTAB)
		w->parts |= SAMPLE_BIT(FILE_NR);
	if (a & SAR_PSI)
		w->parts |= SAMPLE_PSI_ALL;
	if (a & SAR_FS)
		w->parts |= SAMPLE_BIT(MOUNTINFO);
}

static int part_err(const struct sample *smp, enum sample_part part)
{
	if (sample_has(smp, part))
		return 0;
	return smp->err[part] ? smp->err[part] : -ENOENT;
}

/* -F: live or a tree, statvfs() of every mount (the tree's statvfs file);
 * recorded, the recorder's statvfs (block-device and tmpfs mounts). */
static void mounts_of(struct sar_sys_run *run, const struct sample_loop *lp, struct sample *smp,
		      struct sar_sys_sample *s)
{
	const struct root *r = sample_loop_root(lp);

	s->mnt_err = part_err(smp, SAMPLE_MOUNTINFO);
	if (s->mnt_err) {
		warn(run, lp, smp, 1u << 10, SAMPLE_MOUNTINFO, "-F");
		return;
	}
	if (r) {
		mountinfo_init(&s->mnt);
		s->mnt_err = mountinfo_parse(smp->raw[SAMPLE_MOUNTINFO].p, smp->raw[SAMPLE_MOUNTINFO].len,
					     &s->mnt);
		s->mnt_owned = true;
		if (!s->mnt_err)
			mountinfo_statvfs(r, &s->mnt);
		return;
	}
	s->mnt = smp->mounts;
	if (!smp->have_statvfs)
		unrecorded(run, 1u << 13, "filesystem space (statvfs): -F unavailable");
}

/* What only the root has: -y, -m CPU, -v's dentry, inode and pty counts. */
static void extras_of(struct sar_sys_run *run, const struct root *r, const struct sample *smp,
		      struct sar_sys_sample *s)
{
	unsigned a = run->acts;

	if ((a & SAR_TTY) && r) {
		s->tty_err = proc_tty_serial_read(r, &s->tty);
		if (s->tty_err && !(run->warned & (1u << 11))) {
			run->warned |= 1u << 11;
			err_read(CMD, r, ROOT_PROC, "tty/driver/serial", s->tty_err, 0, "-y unavailable");
		}
	} else if (a & SAR_TTY) {
		unrecorded(run, 1u << 11, "serial lines (/proc/tty/driver/serial): -y unavailable");
	}
	if ((a & SAR_PWR_CPU) && r) {
		s->mhz_err = proc_cpuinfo_mhz_read(r, &s->mhz);
		if (s->mhz_err && !(run->warned & (1u << 9))) {
			run->warned |= 1u << 9;
			err_read(CMD, r, ROOT_PROC, "cpuinfo", s->mhz_err, 0, "-m CPU (no \"cpu MHz\") unavailable");
		}
	} else if (a & SAR_PWR_CPU) {
		unrecorded(run, 1u << 9, "CPU frequencies (/proc/cpuinfo): -m CPU unavailable");
	}
	if (!(a & SAR_KTAB))
		return;
	if (r) {
		s->kt_err = proc_sys_ktables_read(r, &s->kt);
		if (s->kt_err && !(run->warned & (1u << 4))) {
			run->warned |= 1u << 4;
			err_read(CMD, r, ROOT_PROC, "sys/fs/file-nr", s->kt_err, 0, "-v unavailable");
		}
		return;
	}
	memset(&s->kt, 0, sizeof(s->kt));
	s->kt.have_files = sample_has(smp, SAMPLE_FILE_NR);
	s->kt.files = smp->file_nr;
	s->kt_err = s->kt.have_files ? 0 : -ENOENT;
	unrecorded(run, 1u << 4, "dentry, inode or pty counts (/proc/sys/fs, kernel/pty): -v shows file-nr only");
}

void sar_sys_of(struct sar_sys_run *run, const struct sample_loop *lp, struct sample *smp,
		struct sar_sys_sample *s)
{
	unsigned a = run->acts;

	s->mi_err = s->vm_err = s->la_err = s->ds_err = s->kt_err = s->intr_err = -ENOENT;
	s->mhz_err = s->tty_err = s->mnt_err = s->sb_err = -ENOENT;
	if (a & SAR_FS)
		mounts_of(run, lp, smp, s);
	if (a & SAR_IRQ) {
		s->intr_err = part_err(smp, SAMPLE_INTERRUPTS);
		s->intr = smp->interrupts;
		if (s->intr_err)
			warn(run, lp, smp, 1u << 8, SAMPLE_INTERRUPTS, "-I");
	}
	if (a & NEED_MI) {
		s->mi_err = part_err(smp, SAMPLE_MEMINFO);
		s->mi = smp->mem;
		if (s->mi_err)
			warn(run, lp, smp, 1u << 0, SAMPLE_MEMINFO, "-r, -S and -H");
	}
	if (a & (SAR_SWPG | SAR_PAGE)) {
		s->vm_err = part_err(smp, SAMPLE_VMSTAT);
		s->vm = smp->vm;
		if (s->vm_err)
			warn(run, lp, smp, 1u << 1, SAMPLE_VMSTAT, "-B and -W");
	}
	if (a & NEED_DS) {
		s->ds_err = part_err(smp, SAMPLE_DISKSTATS);
		s->ds = smp->disks;
		if (s->ds_err)
			warn(run, lp, smp, 1u << 2, SAMPLE_DISKSTATS, "-b and -d");
		s->sb_err = s->ds_err ? -ENOENT : smp->have_blocks ? 0 : smp->blocks_err ? smp->blocks_err : -ENOENT;
		s->sb = smp->blocks;
	}
	if (a & SAR_QUEUE) {
		s->la_err = part_err(smp, SAMPLE_LOADAVG);
		s->la = smp->load;
		if (s->la_err)
			warn(run, lp, smp, 1u << 3, SAMPLE_LOADAVG, "-q LOAD");
	}
	extras_of(run, sample_loop_root(lp), smp, s);
	if (a & SAR_PSI) {
		/* cpu, io, memory: -q CPU, IO, MEM */
		static const struct { unsigned act; enum psi_resource res; } q[] = {
			{ SAR_PSI_CPU, PSI_CPU }, { SAR_PSI_IO, PSI_IO }, { SAR_PSI_MEM, PSI_MEMORY },
		};

		s->psi = smp->psi;
		for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++)
			if ((a & q[i].act) && s->psi.err[q[i].res] && !(run->warned & (1u << (5 + i)))) {
				run->warned |= 1u << (5 + i);
				err_msg(CMD, "-q %s unavailable: %s", i == 0 ? "CPU" : i == 1 ? "IO" : "MEM",
					psi_strerror(q[i].res, s->psi.err[q[i].res]));
			}
	}
}

bool sar_sys_anything(unsigned a, const struct sar_sys_sample *s, const struct proc_stat *st)
{
	return ((a & (SAR_CPU | SAR_TASK)) && st) || ((a & SAR_IRQ) && !s->intr_err) ||
	       ((a & SAR_PWR_CPU) && !s->mhz_err) || ((a & SAR_FS) && !s->mnt_err) ||
	       ((a & SAR_TTY) && !s->tty_err) || ((a & NEED_MI) && !s->mi_err) ||
	       ((a & (SAR_SWPG | SAR_PAGE)) && !s->vm_err) || ((a & NEED_DS) && !s->ds_err) ||
	       ((a & SAR_QUEUE) && !s->la_err) || ((a & SAR_KTAB) && !s->kt_err) ||
	       ((a & SAR_PSI_CPU) && !s->psi.err[PSI_CPU]) ||
	       ((a & SAR_PSI_IO) && !s->psi.err[PSI_IO]) ||
	       ((a & SAR_PSI_MEM) && !s->psi.err[PSI_MEMORY]);
}

/* -u (and -P): "all", then each CPU -P asked for that has numbers. */
static int cpus(struct sar_sys_run *run, const struct proc_stat *pst, const struct proc_stat *cst,
		double dt_s, struct sar_sys_report *out)
{
	int n = 0, err;

	err = cpu_model_compute(pst, cst, cst->ncpu, dt_s, &run->cm);
	if (err)
		return err;
	if (run->cpu_cap < run->cm.ncpu + 1) {
		struct sar_cpu *v = realloc(run->cpu_rows, ((size_t)run->cm.ncpu + 1) * sizeof(*v));

		if (!v)
			return -ENOMEM;
		run->cpu_rows = v;
		run->cpu_cap = run->cm.ncpu + 1;
	}
	sar_model_cpu(&run->cm.all, -1, &run->cpu_rows[n++]);
	for (int c = 0; c < run->cm.ncpu; c++) {
		const struct cpu_model_cpu *m = &run->cm.cpu[c];

		if (!(run->all_cpus || (run->cpus && sys_cpu_list_has(run->cpus, c))))
			continue;
		if (m->state == CPU_OFFLINE || m->state == CPU_NEW)
			continue;
		sar_model_cpu(&m->pct, c, &run->cpu_rows[n++]);
	}
	out->cpus = run->cpu_rows;
	out->ncpus = (size_t)n;
	out->have_cpu = true;
	out->have_task = true;
	out->proc_s = run->cm.forks_s;
	out->cswch_s = run->cm.ctxt_s;
	return 0;
}

/* -d: sysstat's sadc keeps the whole devices with some I/O since boot, as
 * iostat's default list (model/disk.h), in kB. */
static int disks(struct sar_sys_run *run, const struct sar_sys_sample *prev,
		 const struct sar_sys_sample *cur, double dt_s, struct sar_sys_report *out)
{
	struct disk_select sel;
	int err;

	memset(&sel, 0, sizeof(sel));
	err = disk_model_report(prev ? &prev->ds : NULL, &cur->ds, cur->sb_err ? NULL : &cur->sb,
				&sel, dt_s, DISK_UNIT_KB, &run->disks);
	if (err)
		return err;
	out->have_disk = true;
	out->disks = run->disks.rows;
	out->ndisks = run->disks.n;
	return 0;
}

/* prev NULL: dt_s is the uptime, the shares are since boot */
static bool cpu_col(int cpu, const void *arg)
{
	const struct sar_sys_run *run = arg;

	return run->all_cpus || (run->cpus && sys_cpu_list_has(run->cpus, cpu));
}

/* -I: rates of each line and CPU (model/irq.h), then sar's rows. */
static int irqs(struct sar_sys_run *run, const struct sar_sys_sample *prev,
		const struct sar_sys_sample *cur, double dt_s, struct sar_sys_report *out)
{
	int err = irq_model(prev ? &prev->intr : NULL, &cur->intr, dt_s, &run->irq_rates);

	if (!err)
		err = sar_model_irq(&run->irq_rates, run->acts & SAR_IRQ_ALL, cpu_col, run, &run->irq);
	if (err)
		return err;
	out->have_irq = true;
	out->irq = &run->irq;
	return 0;
}

/* -m CPU: the current clock (a gauge: its mean in "Average:") */
static int mhzs(struct sar_sys_run *run, const struct sar_sys_sample *cur, bool average,
		struct sar_sys_report *out)
{
	int err = sar_model_mhz(&cur->mhz, cpu_col, run, &run->mhz);

	if (err)
		return err;
	if (average)
		sar_mhz_mean_get(&run->mhz);
	else if (sar_mhz_mean_add(&run->mhz))
		return -ENOMEM;
	out->have_mhz = true;
	out->mhz = &run->mhz;
	return 0;
}

static void psis(const struct sar_sys_sample *prev, const struct sar_sys_sample *cur, double dt_s,
		 struct sar_sys_report *out)
{
	static const enum psi_resource res[3] = { PSI_CPU, PSI_IO, PSI_MEMORY };

	for (int i = 0; i < 3; i++) {
		out->have_psi[i] = !cur->psi.err[res[i]] && (!prev || !prev->psi.err[res[i]]);
		if (out->have_psi[i])
			sar_model_psi(prev ? &prev->psi.res[res[i]] : NULL, &cur->psi.res[res[i]],
				      dt_s, &out->psi[i]);
		out->g.psi_avg[i] = out->psi[i];
	}
}

/* Average: the gauges' means; the PSI avgN columns too, the interval
 * shares stay first -> last. */
static void use_means(struct sar_sys_run *run, struct sar_sys_report *out)
{
	struct sar_gauges m;

	sar_mean_get(&run->mean, &m);
	for (int i = 0; i < 3; i++) {
		m.psi_avg[i].some = out->psi[i].some;
		m.psi_avg[i].full = out->psi[i].full;
		out->psi[i] = m.psi_avg[i];
	}
	out->g = m;
}

int sar_sys_compute(struct sar_sys_run *run, const struct sar_sys_sample *prev,
		    const struct proc_stat *pst, const struct sar_sys_sample *cur,
		    const struct proc_stat *cst, double dt_s, bool average,
		    struct sar_sys_report *out)
{
	unsigned a = run->acts;
	int err;

	memset(out, 0, sizeof(*out));
	if ((a & (SAR_CPU | SAR_TASK)) && cst && (!prev || pst)) {
		err = cpus(run, prev ? pst : NULL, cst, dt_s, out);
		if (err)
			return err;
	}
	out->have_paging = (a & (SAR_SWPG | SAR_PAGE)) && !cur->vm_err && (!prev || !prev->vm_err);
	if (out->have_paging)
		mem_model_rates(prev ? &prev->vm : NULL, &cur->vm, dt_s, run->page_kb, &out->paging);
	out->have_io = (a & SAR_IO) && !cur->ds_err && (!prev || !prev->ds_err);
	if (out->have_io)
		sar_model_io(prev ? &prev->ds : NULL, &cur->ds, cur->sb_err ? NULL : &cur->sb, dt_s,
			     &out->io);
	if ((a & SAR_DISK) && !cur->ds_err && (!prev || !prev->ds_err)) {
		err = disks(run, prev, cur, dt_s, out);
		if (err)
			return err;
	}
	if ((a & SAR_IRQ) && !cur->intr_err && (!prev || !prev->intr_err)) {
		err = irqs(run, prev, cur, dt_s, out);
		if (err)
			return err;
	}
	if ((a & SAR_PWR_CPU) && !cur->mhz_err) {
		err = mhzs(run, cur, average, out);
		if (err)
			return err;
	}
	if ((a & SAR_TTY) && !cur->tty_err && (!prev || !prev->tty_err)) {
		if (sar_model_tty(prev ? &prev->tty : NULL, &cur->tty, dt_s, &run->tty))
			return -ENOMEM;
		out->have_tty = true;
		out->tty = &run->tty;
	}
	if ((a & SAR_FS) && !cur->mnt_err) {
		if (sar_model_fs(&cur->mnt, &run->fs))
			return -ENOMEM;
		out->have_fs = true;
		out->fs = &run->fs;
	}
	out->have_mem = (a & NEED_MI) && !cur->mi_err;
	if (out->have_mem)
		sar_model_mem(&cur->mi, &out->g.mem, &out->g.swap, &out->g.huge);
	out->have_queue = (a & SAR_QUEUE) && !cur->la_err;
	if (out->have_queue)
		sar_model_queue(&cur->la, cst, &out->g.queue);
	out->have_kt = (a & SAR_KTAB) && !cur->kt_err;
	if (out->have_kt)
		sar_model_ktables(&cur->kt, &out->g.kt);
	if (a & SAR_PSI)
		psis(prev, cur, dt_s, out);
	if (average)
		use_means(run, out);
	else
		sar_mean_add(&run->mean, &out->g);
	return 0;
}
