#include "cmd/vmstat_disk.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "core/json.h"
#include "model/vmstat.h"

#define CMD "vmstat"

static const struct sys_block *sb_of(const struct sample *s)
{
	return s->have_blocks ? &s->blocks : NULL;
}

/* -t: "yyyy-mm-dd HH:MM:SS" of the sample */
static void stamp_of(const struct sample *s, char *out, size_t size)
{
	time_t when = sample_wall(s);
	struct tm tm;

	localtime_r(&when, &tm);
	strftime(out, size, "%Y-%m-%d %H:%M:%S", &tm);
}

/* -d: every whole disk; the header again each sample unless -n. */
static void disks(const struct vmstat_disk_opts *o, struct json *j, const struct sample *s,
		  long n)
{
	char buf[32];
	const char *stamp = o->stamp ? buf : NULL;
	struct vmstat_disk d;

	stamp_of(s, buf, sizeof(buf));
	if (o->json)
		vmstat_json_disks_begin(j, stamp);
	else if (!o->one_header || n == 0)
		vmstat_print_disk_header(stdout, o->view);
	for (size_t i = 0; i < s->disks.n; i++) {
		if (!vmstat_model_is_disk(&s->disks.dev[i], sb_of(s)))
			continue;
		vmstat_model_disk(&s->disks.dev[i], &d);
		if (o->json)
			vmstat_json_disk(j, s->disks.dev[i].name, &d);
		else
			vmstat_print_disk(stdout, o->view, s->disks.dev[i].name, &d, stamp);
	}
	if (o->json)
		vmstat_json_disks_end(j);
}

/* -p: the device's line; 1 when it is not there. */
static int part(const struct vmstat_disk_opts *o, struct json *j, const struct sample *s, long n)
{
	const struct diskstats_dev *dev = proc_diskstats_find(&s->disks, o->part);
	struct vmstat_disk d;

	if (!dev) {
		err_msg(CMD, "Disk/Partition %s not found", o->part);
		return -ENOENT;
	}
	vmstat_model_disk(dev, &d);
	if (o->json) {
		char buf[32];

		stamp_of(s, buf, sizeof(buf));
		vmstat_json_part(j, o->part, &d, o->stamp ? buf : NULL);
		return 0;
	}
	if (n == 0)
		vmstat_print_part_header(stdout, o->part);
	vmstat_print_part(stdout, &d);
	return 0;
}

static int sums(const struct vmstat_disk_opts *o, struct json *j, const struct sample *s)
{
	struct vmstat_disk_sums su;

	vmstat_model_disk_sums(&s->disks, sb_of(s), &su);
	if (o->json)
		vmstat_json_disk_sums(j, &su);
	else
		vmstat_print_disk_sums(stdout, &su);
	return 0;
}

static int loop(const struct vmstat_disk_opts *o, struct sample_loop *lp, struct json *j)
{
	struct sample_step st;
	int err;

	lp->interval = o->interval;
	lp->max = o->count;
	while ((err = sample_loop_next(lp, &st)) == 0) {
		err = sample_loop_require(lp, st.newer, SAMPLE_BIT(DISKSTATS));
		if (err)
			return err;
		if (o->mode == 'd')
			disks(o, j, st.newer, st.index);
		else
			err = part(o, j, st.newer, st.index);
		if (err)
			return err;
		fflush(stdout);
	}
	return err < 0 ? err : 0;
}

int vmstat_disk_run(const struct vmstat_disk_opts *o, struct sample_loop *lp)
{
	struct sample_step st;
	const struct sample *last = NULL;
	struct json j;
	int err;

	json_init(&j, stdout, true);
	if (o->mode == 'D') {
		/* one report: the last sample when replaying */
		lp->interval = 0;
		if (!sample_loop_replay(lp))
			lp->max = 1;
		while ((err = sample_loop_next(lp, &st)) == 0)
			last = st.newer;
		if (err < 0)
			return err;
		if (!last)
			return -ENODATA;
		err = sample_loop_require(lp, last, SAMPLE_BIT(DISKSTATS));
		return err ? err : sums(o, &j, last);
	}
	if (o->json)
		vmstat_json_begin(&j, o->view);
	err = loop(o, lp, &j);
	if (o->json)
		vmstat_json_end(&j);
	return err;
}
