#include "model/vmstat.h"

#include <math.h>
#include <string.h>

#include "model/delta.h"
#include "model/mem.h"

/* procps unitConvert(): kB to the display unit, truncated. */
static unsigned long unit_convert(unsigned long long kb, unsigned long unit)
{
	return (unsigned long)((double)kb * 1024.0 / (double)unit);
}

/* Since boot: (x * HZ + Div/2) / Div. */
static unsigned long boot_rate(unsigned long long x, unsigned long long div)
{
	return (unsigned long)((x * CPU_USER_HZ + div / 2) / div);
}

/* Interval: floor(delta / dt + 0.5); a counter that went back is unknown. */
static unsigned long int_rate(uint64_t prev, uint64_t cur, double dt_s, unsigned bit,
			      unsigned *unknown)
{
	if (cur < prev || !(dt_s > 0)) {
		*unknown |= bit;
		return 0;
	}
	return (unsigned long)floor((double)(cur - prev) / dt_s + 0.5);
}

static void memory(const struct vmstat_sample *cur, const struct vmstat_opts *o,
		   struct vmstat_line *l)
{
	const uint64_t *m = cur->mi->v;
	uint64_t swpd = m[MI_SWAP_FREE] < m[MI_SWAP_TOTAL] ? m[MI_SWAP_TOTAL] - m[MI_SWAP_FREE] : 0;

	l->swpd = unit_convert(swpd, o->unit);
	l->free = unit_convert(m[MI_MEM_FREE], o->unit);
	if (o->active) {
		l->buff = unit_convert(m[MI_INACTIVE], o->unit);
		l->cache = unit_convert(m[MI_ACTIVE], o->unit);
	} else {
		l->buff = unit_convert(m[MI_BUFFERS], o->unit);
		l->cache = unit_convert(m[MI_CACHED] + m[MI_SRECLAIMABLE], o->unit);
	}
}

static void since_boot(const struct vmstat_sample *cur, const struct vmstat_opts *o,
		       struct vmstat_line *l)
{
	unsigned long long div = l->cpu.div;
	const struct proc_vmstat *vm = cur->vm;

	l->in = boot_rate(cur->stat->intr, div);
	l->cs = boot_rate(cur->stat->ctxt, div);
	if ((l->unknown & VMSTAT_U_IO) || !vm)
		return;
	l->si = boot_rate(unit_convert(vm->v[VM_PSWPIN] * o->page_kb, o->unit), div);
	l->so = boot_rate(unit_convert(vm->v[VM_PSWPOUT] * o->page_kb, o->unit), div);
	l->bi = boot_rate(vm->v[VM_PGPGIN], div);
	l->bo = boot_rate(vm->v[VM_PGPGOUT], div);
}

/* si/so: pages -> unit first, then the rate (procps' order). */
static unsigned long swap_rate(uint64_t prev, uint64_t cur, const struct vmstat_opts *o,
			       double dt, unsigned bit, unsigned *unknown)
{
	if (cur < prev) {
		*unknown |= bit;
		return 0;
	}
	return int_rate(0, unit_convert((cur - prev) * o->page_kb, o->unit), dt, bit, unknown);
}

static void interval(const struct vmstat_sample *prev, const struct vmstat_sample *cur,
		     const struct vmstat_opts *o, struct vmstat_line *l)
{
	const struct proc_vmstat *p = prev->vm, *c = cur->vm;
	double dt = l->dt_s;

	l->in = int_rate(prev->stat->intr, cur->stat->intr, dt, VMSTAT_U_IN, &l->unknown);
	l->cs = int_rate(prev->stat->ctxt, cur->stat->ctxt, dt, VMSTAT_U_CS, &l->unknown);
	if ((l->unknown & VMSTAT_U_IO) || !p || !c)
		return;
	l->si = swap_rate(p->v[VM_PSWPIN], c->v[VM_PSWPIN], o, dt, VMSTAT_U_SI, &l->unknown);
	l->so = swap_rate(p->v[VM_PSWPOUT], c->v[VM_PSWPOUT], o, dt, VMSTAT_U_SO, &l->unknown);
	l->bi = int_rate(p->v[VM_PGPGIN], c->v[VM_PGPGIN], dt, VMSTAT_U_BI, &l->unknown);
	l->bo = int_rate(p->v[VM_PGPGOUT], c->v[VM_PGPGOUT], dt, VMSTAT_U_BO, &l->unknown);
}

void vmstat_model_line(const struct vmstat_sample *prev, const struct vmstat_sample *cur,
		       const struct vmstat_opts *o, struct vmstat_line *l)
{
	const struct proc_stat *cs = cur->stat;
	bool io = cur->vm && (!prev || prev->vm) &&
		  proc_vmstat_has(cur->vm, VM_PSWPIN) && proc_vmstat_has(cur->vm, VM_PGPGIN);

	l->r = cs->procs_running;
	l->b = cs->procs_blocked;
	l->unknown = io ? 0 : VMSTAT_U_IO;
	if (!(cs->have & PROC_STAT_HAVE_INTR) || (prev && !(prev->stat->have & PROC_STAT_HAVE_INTR)))
		l->unknown |= VMSTAT_U_IN;
	if (!(cs->have & PROC_STAT_HAVE_CTXT) || (prev && !(prev->stat->have & PROC_STAT_HAVE_CTXT)))
		l->unknown |= VMSTAT_U_CS;
	l->si = l->so = l->bi = l->bo = 0;
	memory(cur, o, l);
	cpu_model_vmstat(prev ? &prev->stat->all : NULL, &cs->all, &l->cpu);
	if (!prev) {
		l->dt_s = cur->up_s;
		since_boot(cur, o, l);
	} else {
		/* whole centiseconds, as /proc/uptime has them (model/interval.h) */
		l->dt_s = (round(cur->up_s * 100.0) - round(prev->up_s * 100.0)) / 100.0;
		interval(prev, cur, o, l);
	}
}

void vmstat_model_sums(const struct vmstat_sample *s, const struct vmstat_opts *o,
		       struct vmstat_sums *out)
{
	struct mem_free m;
	const struct proc_vmstat *vm = s->vm;

	mem_model_free(s->mi, &m);
	out->total = unit_convert(m.total, o->unit);
	out->used = unit_convert(m.used, o->unit);
	out->active = unit_convert(m.active, o->unit);
	out->inactive = unit_convert(m.inactive, o->unit);
	out->free = unit_convert(m.free, o->unit);
	out->buffers = unit_convert(m.buffers, o->unit);
	out->cache = unit_convert(m.cache, o->unit);
	out->swap_total = unit_convert(m.swap_total, o->unit);
	out->swap_used = unit_convert(m.swap_used, o->unit);
	out->swap_free = unit_convert(m.swap_free, o->unit);
	out->ticks = s->stat->all;
	out->have_vm = vm != NULL;
	out->pgpgin = vm ? vm->v[VM_PGPGIN] : 0;
	out->pgpgout = vm ? vm->v[VM_PGPGOUT] : 0;
	out->pswpin = vm ? vm->v[VM_PSWPIN] : 0;
	out->pswpout = vm ? vm->v[VM_PSWPOUT] : 0;
	out->intr = s->stat->intr;
	out->ctxt = s->stat->ctxt;
	out->btime = s->stat->btime;
	out->forks = s->stat->processes;
}

void vmstat_model_disk(const struct diskstats_dev *d, struct vmstat_disk *o)
{
	o->reads = (double)d->rd_ios;
	o->rd_merged = (double)d->rd_merges;
	o->rd_sectors = (double)d->rd_sectors;
	o->rd_ms = (double)d->rd_ticks;
	o->writes = (double)d->wr_ios;
	o->wr_merged = (double)d->wr_merges;
	o->wr_sectors = (double)d->wr_sectors;
	o->wr_ms = (double)d->wr_ticks;
	/* procps divides both by 1000 in integers (in_flight too, as it always has) */
	uint64_t cur = d->in_flight / 1000, sec = d->io_ticks / 1000;
	o->cur = (double)cur;
	o->sec = (double)sec;
}

bool vmstat_model_is_disk(const struct diskstats_dev *d, const struct sys_block *sb)
{
	return !sb || sys_block_find_disk(sb, d->name) != NULL;
}

void vmstat_model_disk_sums(const struct proc_diskstats *ds, const struct sys_block *sb,
			    struct vmstat_disk_sums *o)
{
	struct vmstat_disk d;

	memset(o, 0, sizeof(*o));
	for (size_t i = 0; i < ds->n; i++) {
		if (!vmstat_model_is_disk(&ds->dev[i], sb)) {
			o->partitions++;
			continue;
		}
		o->disks++;
		vmstat_model_disk(&ds->dev[i], &d);
		o->t.reads += d.reads;
		o->t.rd_merged += d.rd_merged;
		o->t.rd_sectors += d.rd_sectors;
		o->t.rd_ms += d.rd_ms;
		o->t.writes += d.writes;
		o->t.wr_merged += d.wr_merged;
		o->t.wr_sectors += d.wr_sectors;
		o->t.wr_ms += d.wr_ms;
		o->t.cur += d.cur;
		o->t.sec += d.sec;
		o->weighted += (double)(ds->dev[i].rq_ticks / 1000);	// NOLINT(bugprone-integer-division): procps truncates to whole seconds
	}
}
