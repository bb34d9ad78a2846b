#include "sources/proc_diskstats.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "sources/scan.h"

/* Fill d from the stat fields v[0..n-1] (see the header for the layouts). */
static void assign(struct diskstats_dev *d, const uint64_t *v, int n)
{
	d->nfields = n;
	if (n == 4) {
		/* 2.6.x partitions: reads, sectors read, writes, sectors written */
		d->rd_ios = v[0];
		d->rd_sectors = v[1];
		d->wr_ios = v[2];
		d->wr_sectors = v[3];
		return;
	}
	d->rd_ios = v[0];
	d->rd_merges = v[1];
	d->rd_sectors = v[2];
	d->rd_ticks = v[3];
	d->wr_ios = v[4];
	d->wr_merges = v[5];
	d->wr_sectors = v[6];
	d->wr_ticks = v[7];
	d->in_flight = v[8];
	d->io_ticks = v[9];
	d->rq_ticks = v[10];
	if (n >= 15) {
		d->dc_ios = v[11];
		d->dc_merges = v[12];
		d->dc_sectors = v[13];
		d->dc_ticks = v[14];
	}
	if (n >= 17) {
		d->fl_ios = v[15];
		d->fl_ticks = v[16];
	}
}

/* One line: "major minor name f1 ... fN". Returns 0, 1 for a blank line, or
 * -EINVAL. */
static int parse_line(const char *p, const char *end, struct diskstats_dev *d)
{
	uint64_t maj, min, v[24];
	const char *w;
	size_t wl;
	int n = 0;

	if (scan_eol(p, end))
		return 1;
	if (scan_u64(&p, end, &maj) || scan_u64(&p, end, &min) || maj > UINT32_MAX || min > UINT32_MAX)
		return -EINVAL;
	wl = scan_word(&p, end, &w);
	if (!wl || scan_copy(d->name, sizeof(d->name), w, wl))
		return -EINVAL;
	while (!scan_eol(p, end)) {
		uint64_t x;

		if (scan_u64(&p, end, &x))
			return -EINVAL;
		if (n < (int)(sizeof(v) / sizeof(v[0])))
			v[n++] = x;	/* fields of future kernels are ignored */
	}
	/* 4 (old partitions) or at least the 11 of every 2.6+ device */
	if (n != 4 && n < 11)
		return -EINVAL;
	d->major = (unsigned)maj;
	d->minor = (unsigned)min;
	assign(d, v, n);
	return 0;
}

/* scan_lines' callback: one more device, unless the line is blank. */
static int add_line(void *ctx, const char *p, const char *end)
{
	struct proc_diskstats *ds = ctx;
	struct diskstats_dev *d;
	struct diskstats_dev *v = scan_grow(ds->dev, ds->n, &ds->cap, sizeof(*v), 32);
	int err;

	if (!v)
		return -ENOMEM;
	ds->dev = v;
	d = &ds->dev[ds->n];
	memset(d, 0, sizeof(*d));
	err = parse_line(p, end, d);
	if (err == 0)
		ds->n++;
	return err;
}

int proc_diskstats_parse(const char *buf, size_t len, struct proc_diskstats *out)
{
	out->n = 0;
	return scan_lines(buf, len, add_line, out, &out->bad_line);
}

int proc_diskstats_read(const struct root *r, struct proc_diskstats *out)
{
	struct buf b = { 0 };
	int err = root_read_buf(r, ROOT_PROC, "diskstats", &b);

	if (!err)
		err = proc_diskstats_parse(b.p ? b.p : "", b.len, out);
	buf_free(&b);
	return err;
}

const struct diskstats_dev *proc_diskstats_find(const struct proc_diskstats *ds, const char *name)
{
	for (size_t i = 0; i < ds->n; i++)
		if (!strcmp(ds->dev[i].name, name))
			return &ds->dev[i];
	return NULL;
}

void proc_diskstats_free(struct proc_diskstats *ds)
{
	free(ds->dev);
	memset(ds, 0, sizeof(*ds));
}
