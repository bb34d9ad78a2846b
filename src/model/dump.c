#include "model/dump.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/cpu.h"
#include "model/disk.h"
#include "model/exited.h"
#include "model/mem.h"
#include "model/net.h"
#include "model/pid.h"
#include "model/psi.h"

const char *const dump_group_names[DUMP__N] = {
	[DUMP_CPU] = "cpu", [DUMP_MEM] = "mem", [DUMP_DISK] = "disk", [DUMP_NET] = "net",
	[DUMP_LOAD] = "load", [DUMP_PSI] = "psi", [DUMP_PROC] = "proc", [DUMP_EXITS] = "exits",
};

static struct dump_row *add(struct dump_rows *r, enum dump_group g, const char *inst)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct dump_row *v = realloc(r->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		r->v = v;
		r->cap = cap;
	}
	memset(&r->v[r->n], 0, sizeof(r->v[0]));
	r->v[r->n].g = g;
	snprintf(r->v[r->n].inst, sizeof(r->v[0].inst), "%s", inst);
	return &r->v[r->n++];
}

static void cpu_of(const struct cpu_pct *p, struct dump_cpu *o)
{
	*o = (struct dump_cpu){ p->usr, p->nice, p->sys, p->iowait, p->irq, p->soft, p->steal,
				p->guest, p->gnice, p->idle, cpu_pct_busy(p) };
}

static int cpu_rows(const struct sample *a, const struct sample *b, double dt, struct dump_rows *out)
{
	struct cpu_model m;
	struct dump_row *r;
	char id[16];
	int err;

	if (!sample_has(a, SAMPLE_STAT) || !sample_has(b, SAMPLE_STAT))
		return 0;
	cpu_model_init(&m);
	err = cpu_model_compute(&a->stat, &b->stat, b->stat.ncpu, dt, &m);
	if (!err && (r = add(out, DUMP_CPU, "all")))
		cpu_of(&m.all, &r->v.cpu);
	for (int i = 0; !err && i < m.ncpu; i++) {
		if (m.cpu[i].state != CPU_OK && m.cpu[i].state != CPU_TICKLESS)
			continue;
		snprintf(id, sizeof(id), "%d", i);
		if (!(r = add(out, DUMP_CPU, id)))
			err = -ENOMEM;
		else
			cpu_of(&m.cpu[i].pct, &r->v.cpu);
	}
	cpu_model_free(&m);
	return err;
}

static int mem_row(const struct sample *b, struct dump_rows *out)
{
	struct mem_free f;
	struct dump_row *r;

	if (!sample_has(b, SAMPLE_MEMINFO))
		return 0;
	if (!(r = add(out, DUMP_MEM, "")))
		return -ENOMEM;
	mem_model_free(&b->mem, &f);
	r->v.mem = (struct dump_mem){ (double)f.total, (double)f.used, (double)f.free, (double)f.shared,
				      (double)f.buffers, (double)f.cache, (double)f.available,
				      (double)f.swap_total, (double)f.swap_used, (double)f.swap_free };
	return 0;
}

static int disk_rows(const struct sample *a, const struct sample *b, double dt, struct dump_rows *out)
{
	if (!sample_has(a, SAMPLE_DISKSTATS) || !sample_has(b, SAMPLE_DISKSTATS))
		return 0;
	for (size_t i = 0; i < b->disks.n; i++) {
		const struct diskstats_dev *d = &b->disks.dev[i];
		const struct diskstats_dev *p = proc_diskstats_find(&a->disks, d->name);
		struct disk_rates dr;
		struct dump_row *r;

		/* whole disks only, when sys/block says which they are */
		if (!p || (b->have_blocks && !sys_block_find_disk(&b->blocks, d->name)))
			continue;
		if (!(r = add(out, DUMP_DISK, d->name)))
			return -ENOMEM;
		disk_model_rates(p, d, dt, DISK_UNIT_KB, &dr);
		r->v.disk = (struct dump_disk){ dr.r_s, dr.w_s, dr.rkb_s, dr.wkb_s, dr.r_await, dr.w_await,
						dr.aqu_sz, dr.util_pct };
	}
	return 0;
}

static int net_rows(const struct sample *a, const struct sample *b, double dt, struct dump_rows *out)
{
	if (!sample_has(a, SAMPLE_NET_DEV) || !sample_has(b, SAMPLE_NET_DEV))
		return 0;
	for (size_t i = 0; i < b->netdev.n; i++) {
		const struct net_dev_if *c = &b->netdev.ifs[i];
		const struct net_dev_if *p = proc_net_dev_find(&a->netdev, c->name);
		struct net_dev_rates dv;
		struct net_edev_rates ed;
		struct dump_row *r;

		if (!p)
			continue;
		if (!(r = add(out, DUMP_NET, c->name)))
			return -ENOMEM;
		net_model_dev(p, c, NULL, dt, &dv);
		net_model_edev(p, c, dt, &ed);
		r->v.net = (struct dump_net){ dv.rxpck_s, dv.txpck_s, dv.rxkb_s, dv.txkb_s, ed.rxerr_s,
					      ed.txerr_s, ed.rxdrop_s, ed.txdrop_s };
	}
	return 0;
}

static int load_psi_rows(const struct sample *a, const struct sample *b, double dt, unsigned mask,
			 struct dump_rows *out)
{
	struct dump_row *r;

	if ((mask & (1u << DUMP_LOAD)) && sample_has(b, SAMPLE_LOADAVG)) {
		if (!(r = add(out, DUMP_LOAD, "")))
			return -ENOMEM;
		r->v.load = (struct dump_load){ b->load.load[0], b->load.load[1], b->load.load[2],
						sample_has(b, SAMPLE_STAT) ? (double)b->stat.procs_running : NAN,
						sample_has(b, SAMPLE_STAT) ? (double)b->stat.procs_blocked : NAN };
	}
	if (mask & (1u << DUMP_PSI)) {
		struct psi_rate pr[PSI__COUNT];

		for (int i = 0; i < PSI__COUNT; i++) {
			if (!a->psi.err[i] && !b->psi.err[i])
				psi_model(&a->psi.res[i], &b->psi.res[i], dt, &pr[i]);
			else
				pr[i].some_pct = pr[i].full_pct = NAN;
		}
		if (!(r = add(out, DUMP_PSI, "")))
			return -ENOMEM;
		r->v.psi = (struct dump_psi){ pr[PSI_CPU].some_pct, pr[PSI_MEMORY].some_pct,
					      pr[PSI_MEMORY].full_pct, pr[PSI_IO].some_pct, pr[PSI_IO].full_pct };
	}
	return 0;
}

/* The per-task model's parameters for the interval ending at b. */
static struct pid_params params_of(const struct sample *b, double dt)
{
	long hz = sysconf(_SC_CLK_TCK), pg = sysconf(_SC_PAGESIZE);
	struct pid_params pp = { .dt_s = dt, .hz = hz > 0 ? hz : 100, .page_kb = pg >= 1024 ? pg / 1024 : 4,
				 .ncpus = b->ncpu.online };

	pp.mem_total_kb = sample_has(b, SAMPLE_MEMINFO) ? b->mem.v[MI_MEM_TOTAL] : 0;
	return pp;
}

static int proc_rows(const struct sample *a, const struct sample *b, double dt, struct dump_rows *out)
{
	struct pid_params pp = params_of(b, dt);
	struct pid_row *rows = NULL;
	size_t n = 0;
	int err;

	if (!a->have_procs || !b->have_procs)
		return 0;
	err = pid_model(&a->procs, &b->procs, &pp, &rows, &n);
	for (size_t i = 0; !err && i < n; i++) {
		const struct pid_row *p = &rows[i];
		struct dump_row *r;

		if (p->cur->tid != 0)
			continue;
		if (!(r = add(out, DUMP_PROC, p->cur->stat.comm))) {
			err = -ENOMEM;
			break;
		}
		r->v.proc = (struct dump_proc){ (double)p->cur->pid, p->cpu.cpu, p->cpu.usr, p->cpu.system,
						p->mem.minflt_s, p->mem.majflt_s, (double)p->mem.rss_kb,
						p->io.rd_kbs, p->io.wr_kbs };
	}
	free(rows);
	return err;
}

/* The boot time of b in epoch seconds: its clock less its uptime (to the
 * 10 ms of /proc/uptime), else stat's btime (whole seconds); NAN unknown. */
static double boot_s(const struct sample *b)
{
	if (sample_has(b, SAMPLE_UPTIME) && b->t_ns > 0)
		return (double)b->t_ns / 1e9 - b->up.up_s;
	return sample_has(b, SAMPLE_STAT) && b->stat.btime ? (double)b->stat.btime : NAN;
}

static void exit_of(const struct exited_rows *ex, size_t i, const struct pid_params *pp, double boot,
		    bool interval_known, struct dump_exit *o)
{
	const struct exited_task *t = exited_row_task(ex, i);
	const struct pid_cpu *c = &ex->rows[i].cpu;
	int st = t->exit_code;

	*o = (struct dump_exit){
		.pid = t->pid, .ppid = t->ppid, .uid = t->uid,
		.start_time = boot + (double)t->starttime / (double)pp->hz,
		.exit_time = (double)t->exit_ns / 1e9,
		.utime_ticks = (double)t->utime, .stime_ticks = (double)t->stime,
		.cpu_pct = interval_known ? c->cpu : NAN, .usr_pct = interval_known ? c->usr : NAN,
		.sys_pct = interval_known ? c->system : NAN,
		.minflt = (double)t->minflt, .majflt = (double)t->majflt, .maxrss_kb = (double)t->maxrss_kb,
		.read_bytes = (double)t->io.read_bytes, .write_bytes = (double)t->io.write_bytes,
		.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : NAN,
		.signal = WIFSIGNALED(st) ? WTERMSIG(st) : NAN,
	};
}

/* Every process of b's exit list: exited_model without the newer scan, so
 * that a zombie it still shows is a row too (this group lists the ends,
 * not the interval's CPU once). */
static int exit_rows(const struct sample *a, const struct sample *b, double dt, struct dump_rows *out)
{
	struct pid_params pp = params_of(b, dt);
	struct exited_rows ex;
	double boot = boot_s(b);
	int err;

	if (!b->have_exited)
		return 0;
	err = exited_model(a->have_procs ? &a->procs : NULL, NULL, &b->exited, &pp, &ex);
	for (size_t i = 0; !err && i < ex.n; i++) {
		struct dump_row *r = add(out, DUMP_EXITS, exited_row_task(&ex, i)->comm);

		if (!r)
			err = -ENOMEM;
		else
			exit_of(&ex, i, &pp, boot, a->have_procs, &r->v.exit);
	}
	exited_rows_free(&ex);
	return err;
}

int dump_model(const struct sample *a, const struct sample *b, double dt, unsigned mask,
	       struct dump_rows *out)
{
	int err = 0;

	if (mask & (1u << DUMP_CPU))
		err = cpu_rows(a, b, dt, out);
	if (!err && (mask & (1u << DUMP_MEM)))
		err = mem_row(b, out);
	if (!err && (mask & (1u << DUMP_DISK)))
		err = disk_rows(a, b, dt, out);
	if (!err && (mask & (1u << DUMP_NET)))
		err = net_rows(a, b, dt, out);
	if (!err)
		err = load_psi_rows(a, b, dt, mask, out);
	if (!err && (mask & (1u << DUMP_PROC)))
		err = proc_rows(a, b, dt, out);
	if (!err && (mask & (1u << DUMP_EXITS)))
		err = exit_rows(a, b, dt, out);
	return err;
}

void dump_rows_free(struct dump_rows *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}
