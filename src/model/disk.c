#include "model/disk.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/delta.h"

static const struct diskstats_dev zero_dev;

/* x / n when n > 0, 0 when n == 0 (sysstat prints 0.00 for an await or a
 * request size without requests), NAN when either is unknown. */
static double per(double x, double n)
{
	if (isnan(x) || isnan(n))
		return NAN;
	return n > 0 ? x / n : 0.0;
}

/* %rrqm: merged / (merged + issued) x 100, 0 without requests. */
static double merge_pct(double merges, double ios)
{
	return per(merges * 100.0, merges + ios);
}

/* The request, merge and sector counters, the ones whose going backwards
 * says something about the device (the 32-bit ms fields may wrap). */
#define DISK_COUNTERS(X) X(rd_ios) X(wr_ios) X(dc_ios) X(fl_ios) X(rd_sectors) \
	X(wr_sectors) X(dc_sectors) X(rd_merges) X(wr_merges) X(dc_merges)

/* True when one of those counters went backwards. */
static bool went_back(const struct diskstats_dev *p, const struct diskstats_dev *c)
{
#define BACK(f) || c->f < p->f
	return false DISK_COUNTERS(BACK);
#undef BACK
}

/* True when the device was unregistered and registered again (hot-unplugged
 * and back, a loop device re-attached): the kernel's counters began again at
 * zero, so every one that was not zero went backwards. sysstat then counts
 * from zero (iostat prints the I/O since the re-registration); so do we. A
 * counter going backwards on its own is something else (a driver bug, a
 * 32-bit wrap) and stays unknown. */
static bool reregistered(const struct diskstats_dev *p, const struct diskstats_dev *c)
{
#define FRESH(f) && (p->f == 0 || c->f < p->f)
	return went_back(p, c) DISK_COUNTERS(FRESH);
#undef FRESH
}

static void set_unknown(struct disk_rates *o)
{
	double *f = (double *)o;

	for (size_t i = 0; i < sizeof(*o) / sizeof(double); i++)
		f[i] = NAN;
}

/* One direction (read, write or discard): the six -x columns. */
static void direction(double ios, double merges, double sectors, double ticks, double dt_s,
		      double fctr, double *s, double *kb_s, double *rqm_s, double *rqm_pct,
		      double *await, double *areq_sz)
{
	*s = rate(ios, dt_s);
	*kb_s = rate(sectors, dt_s) / fctr;
	*rqm_s = rate(merges, dt_s);
	*rqm_pct = merge_pct(merges, ios);
	*await = per(ticks, ios);		/* ms per request, queue + service */
	*areq_sz = per(sectors, ios) / 2.0;	/* kB per request, whatever the unit */
}

/* iostat -s: reads, writes and discards as one (sysstat 12.6 iostat.c
 * write_plain_ext_stat/write_plain_basic_stat with DISPLAY_SHORT_OUTPUT);
 * its await and areq-sz are sar -d's, set in disk_model_rates. */
static void short_rates(const struct diskstats_dev *p, const struct diskstats_dev *c,
			double dt_s, double fctr, struct disk_rates *o)
{
	double sec = delta_u64(p->rd_sectors, c->rd_sectors) + delta_u64(p->wr_sectors, c->wr_sectors) +
		     delta_u64(p->dc_sectors, c->dc_sectors);
	double wd = delta_u64(p->wr_sectors, c->wr_sectors) + delta_u64(p->dc_sectors, c->dc_sectors);

	o->kb_s = rate(sec, dt_s) / fctr;
	o->rqm_s = rate(delta_u64(p->rd_merges, c->rd_merges) + delta_u64(p->wr_merges, c->wr_merges) +
			delta_u64(p->dc_merges, c->dc_merges), dt_s);
	o->kb_wd_s = rate(wd, dt_s) / fctr;
	o->kb_wd = floor(wd / fctr);
}

void disk_model_rates(const struct diskstats_dev *prev, const struct diskstats_dev *cur,
		      double dt_s, enum disk_unit unit, struct disk_rates *o)
{
	const struct diskstats_dev *p = prev ? prev : &zero_dev;
	double fctr = (double)unit, rd_sec, wr_sec, dc_sec, nios;

	if (reregistered(p, cur))
		p = &zero_dev;
	if (went_back(p, cur) || !(dt_s > 0)) {
		set_unknown(o);
		return;
	}
	rd_sec = delta_u64(p->rd_sectors, cur->rd_sectors);
	wr_sec = delta_u64(p->wr_sectors, cur->wr_sectors);
	dc_sec = delta_u64(p->dc_sectors, cur->dc_sectors);
	direction(delta_u64(p->rd_ios, cur->rd_ios), delta_u64(p->rd_merges, cur->rd_merges),
		  rd_sec, delta_u32wrap(p->rd_ticks, cur->rd_ticks), dt_s, fctr,
		  &o->r_s, &o->rkb_s, &o->rrqm_s, &o->rrqm_pct, &o->r_await, &o->rareq_sz);
	direction(delta_u64(p->wr_ios, cur->wr_ios), delta_u64(p->wr_merges, cur->wr_merges),
		  wr_sec, delta_u32wrap(p->wr_ticks, cur->wr_ticks), dt_s, fctr,
		  &o->w_s, &o->wkb_s, &o->wrqm_s, &o->wrqm_pct, &o->w_await, &o->wareq_sz);
	direction(delta_u64(p->dc_ios, cur->dc_ios), delta_u64(p->dc_merges, cur->dc_merges),
		  dc_sec, delta_u32wrap(p->dc_ticks, cur->dc_ticks), dt_s, fctr,
		  &o->d_s, &o->dkb_s, &o->drqm_s, &o->drqm_pct, &o->d_await, &o->dareq_sz);
	o->f_s = rate(delta_u64(p->fl_ios, cur->fl_ios), dt_s);
	o->f_await = per(delta_u32wrap(p->fl_ticks, cur->fl_ticks), delta_u64(p->fl_ios, cur->fl_ios));
	/* aqu-sz: time_in_queue grows by (requests in flight) per ms, so its
	 * rate in ms/s over 1000 is the mean number in flight. */
	o->aqu_sz = rate(delta_u32wrap(p->rq_ticks, cur->rq_ticks), dt_s) / 1000.0;
	/* %util: io_ticks is the ms with at least one request in flight. The
	 * kernel's accounting can run a tick ahead of the uptime clock: never
	 * above 100. */
	o->util_pct = fmin(rate(delta_u32wrap(p->io_ticks, cur->io_ticks), dt_s) / 10.0, 100.0);
	/* tps: "Origin (unmerged) flush operations are counted as writes"
	 * (sysstat), so flushes are not added again. */
	nios = delta_u64(p->rd_ios, cur->rd_ios) + delta_u64(p->wr_ios, cur->wr_ios) +
	       delta_u64(p->dc_ios, cur->dc_ios);
	o->tps = rate(nios, dt_s);
	/* sar -d (sysstat compute_ext_disk_stats): over every request */
	o->areq_sz = per(rd_sec + wr_sec + dc_sec, nios) / 2.0;
	o->await = per(delta_u32wrap(p->rd_ticks, cur->rd_ticks) + delta_u32wrap(p->wr_ticks, cur->wr_ticks) +
		       delta_u32wrap(p->dc_ticks, cur->dc_ticks), nios);
	o->kb_read_s = o->rkb_s;
	o->kb_wrtn_s = o->wkb_s;
	o->kb_dscd_s = o->dkb_s;
	/* amounts: whole units, truncated as sysstat's integer division */
	o->kb_read = floor(rd_sec / fctr);
	o->kb_wrtn = floor(wr_sec / fctr);
	o->kb_dscd = floor(dc_sec / fctr);
	short_rates(p, cur, dt_s, fctr, o);
}

static bool listed(const char *const *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], name))
			return true;
	return false;
}

static bool is_whole(const struct sys_block *sb, const char *name)
{
	return !sb || sys_block_find_disk(sb, name) != NULL;
}

/* Is the diskstats entry d one the selection asks for (ignoring the
 * activity filters)? */
static bool wanted(const struct diskstats_dev *d, const struct sys_block *sb,
		   const struct disk_select *sel)
{
	const struct sys_block_part *p;

	if (sel->everything)
		return true;
	if (listed(sel->names, sel->nnames, d->name) || listed(sel->pdevs, sel->npdevs, d->name))
		return true;
	if (sb && (p = sys_block_find_part(sb, d->name)) != NULL &&
	    listed(sel->pdevs, sel->npdevs, sb->disk[p->disk].name))
		return true;
	/* no device named (or ALL): every whole device */
	if ((sel->all_devices || (!sel->nnames && !sel->npdevs)) && is_whole(sb, d->name))
		return true;
	return false;
}

static bool unused(const struct diskstats_dev *c)
{
	return !c->rd_ios && !c->wr_ios && !c->dc_ios && !c->fl_ios;
}

static bool idle(const struct diskstats_dev *p, const struct diskstats_dev *c)
{
	if (!p)
		p = &zero_dev;
	return c->rd_ios == p->rd_ios && c->wr_ios == p->wr_ios && c->dc_ios == p->dc_ios &&
	       c->fl_ios == p->fl_ios;
}

static int cmp_row(const void *a, const void *b)
{
	return strcmp(((const struct disk_row *)a)->kname, ((const struct disk_row *)b)->kname);
}

static int add_row(struct disk_report *out, const struct diskstats_dev *d,
		   const struct sys_block *sb, const struct disk_select *sel)
{
	const struct sys_block_disk *sd = sb ? sys_block_find_disk(sb, d->name) : NULL;
	const char *pn;
	struct disk_row *row;

	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 16;
		struct disk_row *v = realloc(out->rows, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		out->rows = v;
		out->cap = cap;
	}
	row = &out->rows[out->n++];
	memset(row, 0, sizeof(*row));
	memcpy(row->kname, d->name, sizeof(row->kname));
	memcpy(row->name, d->name, sizeof(d->name));
	if (sel->dm_names && sd && sd->dm_name[0])
		memcpy(row->name, sd->dm_name, sizeof(sd->dm_name));
	if (sel->persist && (pn = dev_disk_name_of(sel->persist, d->name)) != NULL)
		snprintf(row->name, sizeof(row->name), "%s", pn);
	row->is_partition = sb && !sd;
	return 0;
}

/* sum += d, field by field (a group's counters). */
static void dev_add(struct diskstats_dev *sum, const struct diskstats_dev *d)
{
	uint64_t *a = &sum->rd_ios;
	const uint64_t *b = &d->rd_ios;

	/* rd_ios .. fl_ticks: the 17 counters, consecutive uint64_t */
	for (size_t i = 0; i <= (size_t)(&sum->fl_ticks - &sum->rd_ios); i++)
		a[i] += b[i];
	if (d->nfields > sum->nfields)
		sum->nfields = d->nfields;
}

static bool in_group(const struct disk_group *g, const struct disk_row *r)
{
	if (g->all)
		return !r->is_partition && !r->is_group;
	return listed(g->members, g->nmembers, r->kname);
}

/* The group's own row: its devices' counters summed in each sample, the
 * rates of the sums; %util the mean of the devices' (sysstat divides the
 * busy time by the number of devices). */
static void group_row(const struct disk_group *g, const struct proc_diskstats *prev,
		      const struct proc_diskstats *cur, const struct sys_block *sb,
		      double dt_s, enum disk_unit unit, struct disk_row *row)
{
	struct diskstats_dev sp = zero_dev, sc = zero_dev;
	size_t n = 0;

	memset(row, 0, sizeof(*row));
	snprintf(row->name, sizeof(row->name), "%s", g->name);
	snprintf(row->kname, sizeof(row->kname), "%s", g->name);
	row->is_group = true;
	for (size_t i = 0; i < cur->n; i++) {
		const struct diskstats_dev *c = &cur->dev[i], *p;

		if (g->all ? !is_whole(sb, c->name) || unused(c) : !listed(g->members, g->nmembers, c->name))
			continue;
		p = prev ? proc_diskstats_find(prev, c->name) : NULL;
		dev_add(&sc, c);
		if (p)
			dev_add(&sp, p);
		n++;
	}
	disk_model_rates(prev ? &sp : NULL, &sc, dt_s, unit, &row->r);
	if (n > 1)
		row->r.util_pct /= (double)n;
}

/* Reorder out for -g: the rows in no group, then each group's rows and its
 * own; -H keeps the group rows only. Returns 0 or -ENOMEM. */
static int make_groups(const struct proc_diskstats *prev, const struct proc_diskstats *cur,
		       const struct sys_block *sb, const struct disk_select *sel,
		       double dt_s, enum disk_unit unit, struct disk_report *out)
{
	size_t cap = out->n * (sel->ngroups + 1) + sel->ngroups, n = 0;
	struct disk_row *v = calloc(cap, sizeof(*v));

	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < out->n && !sel->groups_only; i++) {
		bool any = false;

		for (size_t k = 0; k < sel->ngroups && !any; k++)
			any = in_group(&sel->groups[k], &out->rows[i]);
		if (!any)
			v[n++] = out->rows[i];
	}
	for (size_t k = 0; k < sel->ngroups; k++) {
		const struct disk_group *g = &sel->groups[k];

		for (size_t m = 0; !sel->groups_only && m < (g->all ? 1 : g->nmembers); m++)
			for (size_t i = 0; i < out->n; i++)
				if (g->all ? in_group(g, &out->rows[i])
					   : !strcmp(out->rows[i].kname, g->members[m]))
					v[n++] = out->rows[i];
		group_row(g, prev, cur, sb, dt_s, unit, &v[n++]);
	}
	free(out->rows);
	out->rows = v;
	out->n = n;
	out->cap = cap;
	return 0;
}

/* -p ALL with devices named: sysstat registers the named ones first, in the
 * order given (iostat.c presave_device_list), then the others as
 * /proc/diskstats lists them. Rotates each named row to the front, in place. */
static void names_first(const struct disk_select *sel, struct disk_report *out)
{
	size_t at = 0;

	for (size_t k = 0; k < sel->nnames; k++)
		for (size_t i = at; i < out->n; i++) {
			if (strcmp(out->rows[i].kname, sel->names[k]) != 0)
				continue;
			struct disk_row r = out->rows[i];

			memmove(&out->rows[at + 1], &out->rows[at], (i - at) * sizeof(r));
			out->rows[at++] = r;
			break;
		}
}

int disk_model_report(const struct proc_diskstats *prev, const struct proc_diskstats *cur,
		      const struct sys_block *sb, const struct disk_select *sel,
		      double dt_s, enum disk_unit unit, struct disk_report *out)
{
	out->n = 0;
	for (size_t i = 0; i < cur->n; i++) {
		const struct diskstats_dev *c = &cur->dev[i];
		const struct diskstats_dev *p = prev ? proc_diskstats_find(prev, c->name) : NULL;
		int err;

		if (!wanted(c, sb, sel))
			continue;
		/* sysstat read_diskstats_stat_work(): "Partition without
		 * extended statistics" is not in the -x report */
		if (sel->extended && c->nfields == 4)
			continue;
		if (!sel->unfiltered && unused(c))
			continue;
		if (sel->zero_omit && idle(p, c))
			continue;
		err = add_row(out, c, sb, sel);
		if (err)
			return err;
		disk_model_rates(p, c, dt_s, unit, &out->rows[out->n - 1].r);
	}
	/* sysstat keeps its device list sorted by name, except with -p ALL
	 * where it follows /proc/diskstats ("sda10 comes after sda9"). */
	if (!sel->everything && out->n > 1)
		qsort(out->rows, out->n, sizeof(out->rows[0]), cmp_row);
	if (sel->everything && sel->nnames)
		names_first(sel, out);
	return sel->ngroups ? make_groups(prev, cur, sb, sel, dt_s, unit, out) : 0;
}

const char *disk_model_missing(const struct proc_diskstats *cur, const struct sys_block *sb,
			       const struct disk_select *sel)
{
	for (size_t i = 0; i < sel->nnames + sel->npdevs; i++) {
		const char *n = i < sel->nnames ? sel->names[i] : sel->pdevs[i - sel->nnames];

		if (!proc_diskstats_find(cur, n) && !(sb && sys_block_find_disk(sb, n)))
			return n;
	}
	return NULL;
}

void disk_report_free(struct disk_report *rep)
{
	free(rep->rows);
	memset(rep, 0, sizeof(*rep));
}
