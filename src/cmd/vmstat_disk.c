#include "cmd/vmstat_disk.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "core/err_read.h"
#include "core/json.h"
#include "model/clock.h"
#include "model/vmstat.h"
#include "sources/proc_diskstats.h"
#include "sources/proc_uptime.h"
#include "sources/sys_block.h"

#define CMD "vmstat"

struct dsnap {
	struct proc_diskstats ds;
	struct sys_block sb;
	bool have_sb;
	char stamp[32];		/* -t: "yyyy-mm-dd HH:MM:SS" of the sample */
};

static void dsnap_free(struct dsnap *s)
{
	proc_diskstats_free(&s->ds);
	if (s->have_sb)
		sys_block_free(&s->sb);
	s->have_sb = false;
}

static int dsnap_read(const struct root *r, struct dsnap *s)
{
	struct proc_uptime up;
	struct tm tm;
	time_t when;
	int err = proc_diskstats_read(r, &s->ds);

	if (err) {
		err_read(CMD, r, ROOT_PROC, "diskstats", err, s->ds.bad_line, NULL);
		return err;
	}
	if (s->have_sb)
		sys_block_free(&s->sb);
	memset(&s->sb, 0, sizeof(s->sb));
	s->have_sb = sys_block_read(r, &s->sb) == 0;
	/* replay: the snapshot's own time is unknown without btime; live: now */
	when = clock_sample_time(!r->live, 0, proc_uptime_read(r, &up) ? 0 : up.up_s);
	localtime_r(&when, &tm);
	strftime(s->stamp, sizeof(s->stamp), "%Y-%m-%d %H:%M:%S", &tm);
	return 0;
}

static const struct sys_block *sb_of(const struct dsnap *s)
{
	return s->have_sb ? &s->sb : NULL;
}

/* -d: every whole disk; the header again each sample unless -n. */
static void disks(const struct vmstat_disk_opts *o, struct json *j, const struct dsnap *s,
		  long n)
{
	const char *stamp = o->stamp ? s->stamp : NULL;
	struct vmstat_disk d;

	if (o->json)
		vmstat_json_disks_begin(j, stamp);
	else if (!o->one_header || n == 0)
		vmstat_print_disk_header(stdout, o->view);
	for (size_t i = 0; i < s->ds.n; i++) {
		if (!vmstat_model_is_disk(&s->ds.dev[i], sb_of(s)))
			continue;
		vmstat_model_disk(&s->ds.dev[i], &d);
		if (o->json)
			vmstat_json_disk(j, s->ds.dev[i].name, &d);
		else
			vmstat_print_disk(stdout, o->view, s->ds.dev[i].name, &d, stamp);
	}
	if (o->json)
		vmstat_json_disks_end(j);
}

/* -p: the device's line; 1 when it is not there. */
static int part(const struct vmstat_disk_opts *o, struct json *j, const struct dsnap *s, long n)
{
	const struct diskstats_dev *dev = proc_diskstats_find(&s->ds, o->part);
	struct vmstat_disk d;

	if (!dev) {
		err_msg(CMD, "Disk/Partition %s not found", o->part);
		return -ENOENT;
	}
	vmstat_model_disk(dev, &d);
	if (o->json) {
		vmstat_json_part(j, o->part, &d, o->stamp ? s->stamp : NULL);
		return 0;
	}
	if (n == 0)
		vmstat_print_part_header(stdout, o->part);
	vmstat_print_part(stdout, &d);
	return 0;
}

static int sums(const struct vmstat_disk_opts *o, struct json *j, const struct dsnap *s)
{
	struct vmstat_disk_sums su;

	vmstat_model_disk_sums(&s->ds, sb_of(s), &su);
	if (o->json)
		vmstat_json_disk_sums(j, &su);
	else
		vmstat_print_disk_sums(stdout, &su);
	return 0;
}

static int loop(const struct vmstat_disk_opts *o, struct sampler *smp, struct json *j,
		struct dsnap *s)
{
	int err = 0;

	for (long n = 0; o->count < 0 || n < o->count; n++) {
		if (n > 0) {
			err = sampler_wait(smp, o->interval);
			if (err)
				return err == -EINTR || err == -ENODATA ? 0 : err;
		}
		err = dsnap_read(sampler_root(smp), s);
		if (err)
			return err;
		if (o->mode == 'd')
			disks(o, j, s, n);
		else
			err = part(o, j, s, n);
		if (err)
			return err;
		fflush(stdout);
	}
	return 0;
}

int vmstat_disk_run(const struct vmstat_disk_opts *o, struct sampler *smp)
{
	struct dsnap s;
	struct json j;
	int err;

	memset(&s, 0, sizeof(s));
	json_init(&j, stdout, true);
	if (o->mode == 'D') {
		/* one report: the last snapshot when replaying */
		while (sampler_left(smp) > 0)
			sampler_wait(smp, 0);
		err = dsnap_read(sampler_root(smp), &s);
		if (!err)
			err = sums(o, &j, &s);
		dsnap_free(&s);
		return err;
	}
	if (o->json)
		vmstat_json_begin(&j, o->view);
	err = loop(o, smp, &j, &s);
	if (o->json)
		vmstat_json_end(&j);
	dsnap_free(&s);
	return err;
}
