#include "model/sar.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/delta.h"

/* part / whole x 100, 0 when whole is 0 (sysstat prints 0.00) */
static double pct0(double part, double whole)
{
	return whole > 0 ? part / whole * 100.0 : 0.0;
}

void sar_model_cpu(const struct cpu_pct *p, int cpu, struct sar_cpu *o)
{
	o->cpu = cpu;
	o->user = p->usr + p->guest;
	o->nice = p->nice + p->gnice;
	o->system = p->sys + p->irq + p->soft;
	o->iowait = p->iowait;
	o->steal = p->steal;
	o->idle = p->idle;
	o->usr = p->usr;
	o->nice_x = p->nice;
	o->sys = p->sys;
	o->irq = p->irq;
	o->soft = p->soft;
	o->guest = p->guest;
	o->gnice = p->gnice;
}

void sar_model_queue(const struct proc_loadavg *la, const struct proc_stat *st,
		     struct sar_queue *o)
{
	o->runq_sz = la->running ? la->running - 1 : 0;
	o->plist_sz = la->tasks;
	o->ldavg_1 = la->load[0];
	o->ldavg_5 = la->load[1];
	o->ldavg_15 = la->load[2];
	o->blocked = st && (st->have & PROC_STAT_HAVE_BLOCKED) ? (double)st->procs_blocked : NAN;
}

static double kb(const struct proc_meminfo *mi, enum proc_meminfo_field f)
{
	return proc_meminfo_has(mi, f) ? (double)mi->v[f] : NAN;
}

void sar_model_mem(const struct proc_meminfo *mi, struct sar_mem *m, struct sar_swap *s,
		   struct sar_huge *h)
{
	const uint64_t *v = mi->v;
	uint64_t nouse = v[MI_MEM_FREE] + v[MI_BUFFERS] + v[MI_CACHED] + v[MI_SLAB];
	double total = (double)v[MI_MEM_TOTAL], swpused, hsz = (double)v[MI_HUGEPAGESIZE];

	if (nouse > v[MI_MEM_TOTAL])
		nouse = v[MI_MEM_TOTAL];
	m->kbmemfree = kb(mi, MI_MEM_FREE);
	m->kbavail = kb(mi, MI_MEM_AVAILABLE);
	m->kbmemused = (double)(v[MI_MEM_TOTAL] - nouse);
	m->memused_pct = pct0(m->kbmemused, total);
	m->kbbuffers = kb(mi, MI_BUFFERS);
	m->kbcached = kb(mi, MI_CACHED);
	m->kbcommit = kb(mi, MI_COMMITTED_AS);
	m->commit_pct = pct0(m->kbcommit, total + (double)v[MI_SWAP_TOTAL]);
	m->kbactive = kb(mi, MI_ACTIVE);
	m->kbinact = kb(mi, MI_INACTIVE);
	m->kbdirty = kb(mi, MI_DIRTY);
	m->kbanonpg = kb(mi, MI_ANON_PAGES);
	m->kbslab = kb(mi, MI_SLAB);
	m->kbkstack = kb(mi, MI_KERNEL_STACK);
	m->kbpgtbl = kb(mi, MI_PAGE_TABLES);
	m->kbvmused = kb(mi, MI_VMALLOC_USED);

	swpused = v[MI_SWAP_FREE] < v[MI_SWAP_TOTAL] ? (double)(v[MI_SWAP_TOTAL] - v[MI_SWAP_FREE]) : 0;
	s->kbswpfree = kb(mi, MI_SWAP_FREE);
	s->kbswpused = swpused;
	s->swpused_pct = pct0(swpused, (double)v[MI_SWAP_TOTAL]);
	s->kbswpcad = kb(mi, MI_SWAP_CACHED);
	s->swpcad_pct = pct0((double)v[MI_SWAP_CACHED], swpused);

	h->kbhugfree = (double)v[MI_HUGEPAGES_FREE] * hsz;
	h->kbhugused = v[MI_HUGEPAGES_FREE] < v[MI_HUGEPAGES_TOTAL] ?
		       (double)(v[MI_HUGEPAGES_TOTAL] - v[MI_HUGEPAGES_FREE]) * hsz : 0;
	h->hugused_pct = pct0(h->kbhugused, (double)v[MI_HUGEPAGES_TOTAL] * hsz);
	h->kbhugrsvd = (double)v[MI_HUGEPAGES_RSVD] * hsz;
	h->kbhugsurp = (double)v[MI_HUGEPAGES_SURP] * hsz;
}

/* -b's sums over the physical whole disks of one sample */
struct io_sum {
	uint64_t rd_ios, wr_ios, dc_ios, rd_sec, wr_sec, dc_sec;
};

static void io_sum(const struct proc_diskstats *ds, const struct sys_block *sb, struct io_sum *s)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; ds && i < ds->n; i++) {
		const struct diskstats_dev *d = &ds->dev[i];
		const struct sys_block_disk *disk = sb ? sys_block_find_disk(sb, d->name) : NULL;

		if (sb && (!disk || disk->is_virtual))
			continue;
		s->rd_ios += d->rd_ios;
		s->wr_ios += d->wr_ios;
		s->dc_ios += d->dc_ios;
		s->rd_sec += d->rd_sectors;
		s->wr_sec += d->wr_sectors;
		s->dc_sec += d->dc_sectors;
	}
}

void sar_model_io(const struct proc_diskstats *prev, const struct proc_diskstats *cur,
		  const struct sys_block *sb, double dt_s, struct sar_io *o)
{
	struct io_sum p, c;

	io_sum(prev, sb, &p);
	io_sum(cur, sb, &c);
	o->rtps = rate(delta_u64(p.rd_ios, c.rd_ios), dt_s);
	o->wtps = rate(delta_u64(p.wr_ios, c.wr_ios), dt_s);
	o->dtps = rate(delta_u64(p.dc_ios, c.dc_ios), dt_s);
	o->tps = o->rtps + o->wtps + o->dtps;
	o->bread_s = rate(delta_u64(p.rd_sec, c.rd_sec), dt_s);
	o->bwrtn_s = rate(delta_u64(p.wr_sec, c.wr_sec), dt_s);
	o->bdscd_s = rate(delta_u64(p.dc_sec, c.dc_sec), dt_s);
}

void sar_model_ktables(const struct proc_sys_ktables *k, struct sar_ktables *o)
{
	o->dentunusd = k->have_dentry ? (double)k->dentry_unused : NAN;
	o->file_nr = !k->have_files ? NAN :
		     k->files.unused < k->files.allocated ?
		     (double)(k->files.allocated - k->files.unused) : 0;
	o->inode_nr = !k->have_inode ? NAN :
		      k->inodes_free < k->inodes ? (double)(k->inodes - k->inodes_free) : 0;
	o->pty_nr = k->have_pty ? (double)k->pty_nr : NAN;
}

static void psi_avgs(const struct psi_line *l, double *a10, double *a60, double *a300)
{
	*a10 = l->present ? l->avg10 : NAN;
	*a60 = l->present ? l->avg60 : NAN;
	*a300 = l->present ? l->avg300 : NAN;
}

void sar_model_psi(const struct psi *prev, const struct psi *cur, double dt_s, struct sar_psi *o)
{
	static const struct psi zero = { { true, 0, 0, 0, 0 }, { true, 0, 0, 0, 0 } };
	struct psi_rate r;

	psi_avgs(&cur->some, &o->some10, &o->some60, &o->some300);
	psi_avgs(&cur->full, &o->full10, &o->full60, &o->full300);
	psi_model(prev ? prev : &zero, cur, dt_s, &r);
	o->some = r.some_pct;
	o->full = r.full_pct;
}

/* The structs of sar_gauges are doubles only: add and divide them as arrays. */
#define NDOUBLES (sizeof(struct sar_gauges) / sizeof(double))
_Static_assert(sizeof(struct sar_gauges) % sizeof(double) == 0, "doubles only");

void sar_mean_add(struct sar_mean *m, const struct sar_gauges *g)
{
	double s[NDOUBLES], v[NDOUBLES];

	memcpy(s, &m->sum, sizeof(s));
	memcpy(v, g, sizeof(v));
	for (size_t i = 0; i < NDOUBLES; i++)
		s[i] += v[i];
	memcpy(&m->sum, s, sizeof(s));
	m->n++;
}

void sar_mean_get(const struct sar_mean *m, struct sar_gauges *g)
{
	double s[NDOUBLES];

	memcpy(s, &m->sum, sizeof(s));
	for (size_t i = 0; i < NDOUBLES; i++)
		s[i] = m->n ? s[i] / (double)m->n : NAN;
	memcpy(g, s, sizeof(s));
}

static int grow(void **p, size_t *cap, size_t n, size_t size)
{
	void *v;

	if (n <= *cap)
		return 0;
	v = realloc(*p, n * size);
	if (!v)
		return -ENOMEM;
	*p = v;
	*cap = n;
	return 0;
}

/* One row: "all" over every column of vals (unknown ones left out), then
 * the wanted columns. */
static void irq_row(const struct irq_rates *r, const double *vals, bool (*want)(int, const void *),
		    const void *arg, double *out)
{
	double all = 0;
	size_t k = 1;
	bool any = false;

	for (size_t c = 0; c < r->t->ncpu; c++) {
		if (!isnan(vals[c])) {
			all += vals[c];
			any = true;
		}
		if (want(r->t->cpus[c], arg))
			out[k++] = vals[c];
	}
	out[0] = any ? all : NAN;
}

int sar_model_irq(const struct irq_rates *r, bool all_lines,
		  bool (*want)(int cpu, const void *arg), const void *arg, struct sar_irq *o)
{
	const struct irq_table *t = r->t;
	size_t rows = 1 + (all_lines ? t->n : 0), nc = 0, w;

	for (size_t c = 0; c < t->ncpu; c++)
		nc += want(t->cpus[c], arg);
	w = nc + 1;
	if (grow((void **)&o->names, &o->rcap, rows, sizeof(*o->names)) ||
	    grow((void **)&o->heads, &o->hcap, w, sizeof(*o->heads)) ||
	    grow((void **)&o->v, &o->vcap, rows * w, sizeof(double)))
		return -ENOMEM;
	o->nrows = rows;
	o->ncols = nc;
	snprintf(o->heads[0], sizeof(o->heads[0]), "all");
	for (size_t c = 0, k = 1; c < t->ncpu; c++)
		if (want(t->cpus[c], arg))
			snprintf(o->heads[k++], sizeof(o->heads[0]), "CPU%d", t->cpus[c]);
	snprintf(o->names[0], sizeof(o->names[0]), "sum");
	irq_row(r, r->sum, want, arg, o->v);
	for (size_t i = 1; i < rows; i++) {
		snprintf(o->names[i], sizeof(o->names[i]), "%s", t->rows[i - 1].name);
		irq_row(r, r->v + (i - 1) * t->ncpu, want, arg, o->v + i * w);
	}
	return 0;
}

void sar_irq_free(struct sar_irq *s)
{
	free(s->names);
	free(s->heads);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

int sar_model_mhz(const struct cpuinfo_mhz *m, bool (*want)(int cpu, const void *arg),
		  const void *arg, struct sar_mhz *o)
{
	uint64_t sum = 0;
	size_t n = 1;

	if (grow((void **)&o->rows, &o->cap, m->n + 1, sizeof(*o->rows)))
		return -ENOMEM;
	for (size_t i = 0; i < m->n; i++) {
		sum += m->mhz100[i];
		if (!want(m->cpu[i], arg))
			continue;
		o->rows[n].cpu = m->cpu[i];
		o->rows[n++].mhz = (double)m->mhz100[i] / 100.0;
	}
	o->rows[0].cpu = -1;
	/* sysstat averages the hundredths of MHz in integers, then prints the mean */
	uint64_t mean100 = m->n ? sum / m->n : 0;
	o->rows[0].mhz = m->n ? (double)mean100 / 100.0 : NAN;
	o->n = n;
	return 0;
}

int sar_mhz_mean_add(struct sar_mhz *s)
{
	size_t had = s->scap;

	if (grow((void **)&s->sum, &s->scap, s->n, sizeof(double)))
		return -ENOMEM;
	for (size_t i = had; i < s->scap; i++)
		s->sum[i] = 0;
	for (size_t i = 0; i < s->n; i++)
		s->sum[i] += s->rows[i].mhz;
	s->nsum++;
	return 0;
}

void sar_mhz_mean_get(struct sar_mhz *s)
{
	for (size_t i = 0; i < s->n && i < s->scap; i++)
		s->rows[i].mhz = s->nsum ? s->sum[i] / (double)s->nsum : NAN;
}

void sar_mhz_free(struct sar_mhz *s)
{
	free(s->rows);
	free(s->sum);
	memset(s, 0, sizeof(*s));
}

static bool fs_seen(const struct sar_fs *o, const char *src)
{
	for (size_t i = 0; i < o->n; i++)
		if (!strcmp(o->rows[i].fs, src))
			return true;
	return false;
}

int sar_model_fs(const struct mountinfo *mi, struct sar_fs *o)
{
	const double mb = 1048576.0;

	o->n = 0;
	for (size_t i = 0; i < mi->n; i++) {
		const struct mount_entry *e = &mi->m[i];
		const struct mount_fs *f = &e->fs;
		const char *src = mountinfo_str(mi, e->source);
		struct sar_fs_row *r;

		if (strncmp(src, "/dev/", 5) != 0 || !f->ok || !f->blocks || fs_seen(o, src))
			continue;
		if (grow((void **)&o->rows, &o->cap, o->n + 1, sizeof(*o->rows)))
			return -ENOMEM;
		r = &o->rows[o->n++];
		r->fs = src;
		r->mnt = mountinfo_str(mi, e->mnt);
		r->mbfsfree = (double)f->bfree * (double)f->frsize / mb;
		r->mbfsused = (double)(f->blocks - (f->bfree < f->blocks ? f->bfree : f->blocks)) *
			      (double)f->frsize / mb;
		r->fsused_pct = pct0((double)f->blocks - (double)f->bfree, (double)f->blocks);
		r->ufsused_pct = pct0((double)f->blocks - (double)f->bavail, (double)f->blocks);
		r->ifree = (double)f->ffree;
		r->iused = f->ffree < f->files ? (double)(f->files - f->ffree) : 0;
		r->iused_pct = pct0(r->iused, (double)f->files);
	}
	return 0;
}

void sar_fs_free(struct sar_fs *s)
{
	free(s->rows);
	memset(s, 0, sizeof(*s));
}

static const struct tty_serial_line *tty_find(const struct tty_serial *t, unsigned line)
{
	for (size_t i = 0; t && i < t->n; i++)
		if (t->l[i].line == line)
			return &t->l[i];
	return NULL;
}

int sar_model_tty(const struct tty_serial *prev, const struct tty_serial *cur, double dt_s,
		  struct sar_tty *o)
{
	static const struct tty_serial_line zero;

	if (grow((void **)&o->rows, &o->cap, cur->n ? cur->n : 1, sizeof(*o->rows)))
		return -ENOMEM;
	for (size_t i = 0; i < cur->n; i++) {
		const struct tty_serial_line *c = &cur->l[i], *p = tty_find(prev, c->line);
		struct sar_tty_row *r = &o->rows[i];

		if (!p)
			p = &zero;
		snprintf(r->name, sizeof(r->name), "%u", c->line);
		r->rcvin_s = rate(delta_u64(p->rx, c->rx), dt_s);
		r->xmtin_s = rate(delta_u64(p->tx, c->tx), dt_s);
		r->framerr_s = rate(delta_u64(p->fe, c->fe), dt_s);
		r->prtyerr_s = rate(delta_u64(p->pe, c->pe), dt_s);
		r->brk_s = rate(delta_u64(p->brk, c->brk), dt_s);
		r->ovrun_s = rate(delta_u64(p->oe, c->oe), dt_s);
	}
	o->n = cur->n;
	return 0;
}

void sar_tty_free(struct sar_tty *s)
{
	free(s->rows);
	memset(s, 0, sizeof(*s));
}
