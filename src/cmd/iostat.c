/* triage iostat [-c] [-d] [-x] [-z] [-k|-m] [-N] [-y] [-p [DEV[,DEV]|ALL]]
 *               [DEVICE...|ALL] [interval [count]]
 * sysstat 12.6's iostat: the first report is since boot, the next ones per
 * interval; devices from /proc/diskstats, told from partitions by sys/block. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/sysstat_host.h"
#include "core/err.h"
#include "core/err_read.h"
#include "core/json.h"
#include "core/opts.h"
#include "core/sampler.h"
#include "model/avgcpu.h"
#include "model/clock.h"
#include "model/disk.h"
#include "model/interval.h"
#include "sources/proc_diskstats.h"
#include "sources/proc_stat.h"
#include "sources/proc_uptime.h"
#include "sources/sys_block.h"
#include "views/iostat.h"
#include "views/sysstat_banner.h"

#define CMD "iostat"
#define MAX_DEVS 256

enum { OPT_PARTITIONS = OPT_COMMON__END };

struct iostat_opts {
	struct common_opts co;
	bool extended, cpu, disk, omit_first, timestamp;
	enum disk_unit unit;
	struct disk_select sel;
	const char *names[MAX_DEVS];
	const char *pdevs[MAX_DEVS];
	char *plist;		/* -p's argument, split in place */
	double interval;
	long count;
};

/* One sample: what each report needs, raw. */
struct iostat_sample {
	struct proc_uptime up;
	struct proc_diskstats ds;
	struct sys_block sb;
	bool have_sb;
	struct proc_stat st;
	bool have_st;
	time_t when;
};

static void help(void)
{
	puts("Usage: triage iostat [OPTIONS] [DEVICE...|ALL] [interval [count]]\n"
	     "CPU and block device statistics, as sysstat's iostat prints them. The first\n"
	     "report covers the time since boot; then one report per interval.\n"
	     "  -c            CPU report only          -d   device report only\n"
	     "  -x            extended device statistics (r/s ... %util)\n"
	     "  -z            omit devices with no I/O in the interval\n"
	     "  -k / -m       kilobytes (default) / megabytes per second\n"
	     "  -N            device-mapper devices by their name (vg-lv)\n"
	     "  -y            omit the first report (since boot)\n"
	     "  -t            print the time of each report\n"
	     "  -o JSON       the same as --json\n"
	     "  -p [DEV[,DEV]|ALL]  also the partitions of DEV, or every device and partition\n"
	     "  DEVICE...     only these devices (a partition is allowed); ALL: every device\n"
	     "Exit status: 0 ok, 1 cannot read the data or no such device, 2 bad usage.");
}

/* Free what rewrite_p allocated: the entries that are not argv's. */
static void free_rewritten(char **v, int nargc, char **argv, int argc)
{
	for (int i = 0; v && i < nargc; i++) {
		bool theirs = false;

		for (int k = 0; k < argc && !theirs; k++)
			theirs = v[i] == argv[k];
		if (!theirs)
			free(v[i]);
	}
	free(v);
}

/* sysstat takes "-p X" with a separate argument when X is not a number and
 * not an option. getopt cannot express that: rewrite it as --partitions=X.
 * Returns the new vector (NULL on ENOMEM) and its length in *nargc. */
static char **rewrite_p(int argc, char **argv, int *nargc)
{
	char **v = calloc((size_t)argc + 1, sizeof(*v));
	int k = 0;

	if (!v)
		return NULL;
	for (int i = 0; i < argc; i++, k++) {
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;

		v[k] = argv[i];
		if (argv[i] && !strcmp(argv[i], "-p") && next && next[0] != '-' &&
		    strspn(next, "0123456789.") != strlen(next)) {
			size_t n = strlen(next) + sizeof("--partitions=");

			v[k] = malloc(n);
			if (!v[k]) {
				free_rewritten(v, k, argv, argc);
				return NULL;
			}
			snprintf(v[k], n, "--partitions=%s", next);
			i++;
		}
	}
	*nargc = k;
	return v;
}

static int set_partitions(struct iostat_opts *o, const char *arg)
{
	char *t, *save = NULL;

	o->sel.everything = false;
	o->sel.unfiltered = true;
	free(o->plist);
	o->plist = strdup(arg);
	if (!o->plist)
		return -ENOMEM;
	for (t = strtok_r(o->plist, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (!strcmp(t, "ALL")) {
			o->sel.everything = true;
		} else if (o->sel.npdevs < MAX_DEVS) {
			if (!strncmp(t, "/dev/", 5))
				t += 5;
			o->pdevs[o->sel.npdevs++] = t;
		}
	}
	return 0;
}

static int parse_opts(int argc, char **argv, struct iostat_opts *o)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "partitions", required_argument, 0, OPT_PARTITIONS },
		{ 0 },
	};
	bool report_set = false;
	int c;

	common_opts_init(&o->co);
	o->unit = DISK_UNIT_KB;
	optind = 1;
	while ((c = getopt_long(argc, argv, "hcdxzkmNypto:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &o->co))
			continue;
		switch (c) {
		case 'c': o->cpu = true; report_set = true; break;
		case 'd': o->disk = true; report_set = true; break;
		case 'x': o->extended = true; break;
		case 'z': o->sel.zero_omit = true; break;
		case 'k': o->unit = DISK_UNIT_KB; break;
		case 'm': o->unit = DISK_UNIT_MB; break;
		case 'N': o->sel.dm_names = true; break;
		case 'y': o->omit_first = true; break;
		case 't': o->timestamp = true; break;
		case 'o':	/* sysstat's -o JSON */
			if (strcmp(optarg, "JSON") != 0) {
				err_msg(CMD, "-o %s: only -o JSON is known", optarg);
				return -EINVAL;
			}
			o->co.json = true;
			break;
		case 'p': o->sel.everything = true; break;	/* bare -p */
		case OPT_PARTITIONS:
			if (set_partitions(o, optarg))
				return -ENOMEM;
			break;
		default:
			return -EINVAL;
		}
	}
	/* device names: arguments that do not start like a number */
	while (optind < argc && !strchr("0123456789.-+", argv[optind][0])) {
		const char *n = argv[optind++];

		o->sel.unfiltered = true;
		if (!strcmp(n, "ALL")) {
			o->sel.all_devices = true;
			continue;
		}
		if (!strncmp(n, "/dev/", 5))
			n += 5;
		if (o->sel.nnames < MAX_DEVS)
			o->names[o->sel.nnames++] = n;
	}
	o->sel.names = o->names;
	o->sel.pdevs = o->pdevs;
	if (opt_interval_count(CMD, argc, argv, &optind, &o->interval, &o->count, 1))
		return -EINVAL;
	if (!report_set)
		o->cpu = o->disk = true;
	o->sel.extended = o->extended;
	/* -p, -x or a device name: the device report too (sysstat) */
	if (o->extended || o->sel.everything || o->sel.npdevs || o->sel.nnames || o->sel.all_devices)
		o->disk = true;
	return 0;
}

static void sample_free(struct iostat_sample *s)
{
	proc_diskstats_free(&s->ds);
	sys_block_free(&s->sb);
	proc_stat_free(&s->st);
}

/* Same devices, in the same order, in both samples? */
static bool same_devices(const struct proc_diskstats *a, const struct proc_diskstats *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->dev[i].name, b->dev[i].name) != 0)
			return false;
	return true;
}

/* sys/block of the sample: live, when /proc/diskstats lists the same devices
 * as the previous sample, sys/block has not changed either (disks and
 * partitions come and go with their diskstats lines): take prev's. */
static int sample_sys_block(const struct root *r, const struct iostat_opts *o, bool replay,
			    struct iostat_sample *prev, struct iostat_sample *s)
{
	if (!replay && prev && prev->have_sb && same_devices(&prev->ds, &s->ds)) {
		struct sys_block t = s->sb;

		s->sb = prev->sb;
		prev->sb = t;
		prev->have_sb = false;
		return 0;
	}
	sys_block_free(&s->sb);
	/* Disk names tell disks from partitions; partitions and dm names only
	 * when -p DEV or -N asks for them. */
	return sys_block_read_some(r, (o->sel.npdevs ? SYS_BLOCK_PARTS : 0) |
				      (o->sel.dm_names ? SYS_BLOCK_DM : 0), &s->sb);
}

/* Read one sample (prev: the previous one, NULL for the first). Returns 0 or
 * -errno after saying what failed. The optional parts (sys/block, proc/stat)
 * say so once (*warned). */
static int sample_read(const struct root *r, const struct iostat_opts *o, bool replay,
		       struct iostat_sample *prev, struct iostat_sample *s, unsigned *warned)
{
	int err;

	err = proc_uptime_read(r, &s->up);
	if (err) {
		err_read(CMD, r, ROOT_PROC, "uptime", err, 0, NULL);
		return err;
	}
	/* /proc/stat: the CPU report; the banner's CPU count (first sample);
	 * the capture time of a replayed snapshot (btime) */
	err = o->cpu || replay || !prev ? proc_stat_read(r, &s->st) : -ENOENT;
	s->have_st = !err;
	if (err && o->cpu && !(*warned & 1)) {
		err_read(CMD, r, ROOT_PROC, "stat", err, s->st.bad_line, "no CPU report");
		*warned |= 1;
	}
	s->when = clock_sample_time(replay, s->have_st ? s->st.btime : 0, s->up.up_s);
	if (!o->disk)
		return 0;
	err = proc_diskstats_read(r, &s->ds);
	if (err) {
		err_read(CMD, r, ROOT_PROC, "diskstats", err, s->ds.bad_line, NULL);
		return err;
	}
	err = sample_sys_block(r, o, replay, prev, s);
	s->have_sb = !err;
	if (err && !(*warned & 2)) {
		err_read(CMD, r, ROOT_SYS, "block", err, 0, "partitions not told from disks");
		*warned |= 2;
	}
	return 0;
}

struct iostat_run {
	const struct iostat_opts *o;
	struct json j;
	struct disk_report rep;
};

/* One report from prev (NULL: since boot) to cur. */
static int report(struct iostat_run *run, const struct iostat_sample *prev,
		  const struct iostat_sample *cur)
{
	const struct iostat_opts *o = run->o;
	double dt = interval_dt(prev ? &prev->up : NULL, &cur->up);
	struct avgcpu cpu;
	bool have_cpu = false;
	int err = 0;

	if (o->cpu && cur->have_st && (!prev || prev->have_st)) {
		err = avgcpu_compute(prev ? &prev->st : NULL, &cur->st, dt, &cpu);
		if (err) {
			err_errno(CMD, err, "cannot compute the CPU report");
			return err;
		}
		have_cpu = true;
	}

	if (o->disk) {
		err = disk_model_report(prev ? &prev->ds : NULL, &cur->ds,
					cur->have_sb ? &cur->sb : NULL, &o->sel, dt,
					o->co.json ? DISK_UNIT_KB : o->unit, &run->rep);
		if (err) {
			err_errno(CMD, err, "cannot compute the report");
			return err;
		}
	}
	if (o->co.json) {
		iostat_json_sample(&run->j, cur->when, prev == NULL, dt, have_cpu ? &cpu : NULL,
				   o->disk ? &run->rep : NULL);
		fflush(stdout);
		return 0;
	}
	if (o->timestamp) {
		char ts[40];

		sysstat_time_date_hms(cur->when, ts, sizeof(ts));
		printf("%s\n", ts);
	}
	if (have_cpu)
		iostat_print_cpu(stdout, &cpu);
	if (o->disk)
		iostat_print_disks(stdout, o->extended, o->unit, &run->rep);
	fputs("\n\n", stdout);
	fflush(stdout);
	return 0;
}

static void banner(struct iostat_run *run, const struct root *r, const struct iostat_sample *s)
{
	struct sysstat_host h;

	sysstat_host_read(r, sysstat_host_ncpu(r, s->have_st ? &s->st : NULL), s->when, &h);
	if (run->o->co.json)
		json_init(&run->j, stdout, true);
	sysstat_banner_begin(stdout, run->o->co.json ? &run->j : NULL, "iostat", &h.b);
	if (!run->o->co.json)
		fputc('\n', stdout);
}

/* The sample loop: the report since boot (unless -y), then one per interval. */
static int run_loop(struct iostat_run *run, struct sampler *smp)
{
	const struct iostat_opts *o = run->o;
	struct iostat_sample s[2];
	long left = o->count;
	unsigned warned = 0;
	int cur = 0, err;
	const char *missing;

	memset(s, 0, sizeof(s));
	proc_stat_init(&s[0].st);
	proc_stat_init(&s[1].st);
	err = sample_read(sampler_root(smp), o, smp->replay, NULL, &s[0], &warned);
	if (err)
		goto out;
	if (o->disk && (missing = disk_model_missing(&s[0].ds, s[0].have_sb ? &s[0].sb : NULL, &o->sel))) {
		err_msg(CMD, "no such device '%s'", missing);
		err = -ENODEV;
		goto out;
	}
	banner(run, sampler_root(smp), &s[0]);
	if (!(o->omit_first && (o->interval > 0 || smp->replay))) {
		err = report(run, NULL, &s[0]);
		if (err)
			goto out;
		if (left > 0)
			left--;
	}
	while (left != 0) {
		err = sampler_wait(smp, o->interval);
		if (err) {
			err = err == -ENODATA || err == -EINTR ? 0 : err;
			break;
		}
		err = sample_read(sampler_root(smp), o, smp->replay, &s[cur], &s[!cur], &warned);
		if (err)
			break;
		err = report(run, &s[cur], &s[!cur]);
		if (err)
			break;
		cur = !cur;
		if (left > 0)
			left--;
	}
	if (o->co.json && run->j.f) {
		json_arr_end(&run->j);
		json_obj_end(&run->j);
		json_end(&run->j);
	}
out:
	sample_free(&s[0]);
	sample_free(&s[1]);
	return err;
}

int cmd_iostat(int argc, char **argv)
{
	struct iostat_opts o;
	struct iostat_run run;
	struct sampler smp;
	char **av;
	int err, ac = 0;

	memset(&o, 0, sizeof(o));
	memset(&run, 0, sizeof(run));
	av = rewrite_p(argc, argv, &ac);
	if (!av) {
		err_msg(CMD, "out of memory");
		return EXIT_FAIL;
	}
	err = parse_opts(ac, av, &o);
	if (err || o.co.help) {
		free_rewritten(av, ac, argv, argc);
		free(o.plist);
		if (o.co.help) {
			help();
			return EXIT_OK;
		}
		if (err != -EINVAL)
			err_errno(CMD, err, "cannot parse the options");
		opt_usage_hint(CMD);
		return EXIT_USAGE;
	}
	run.o = &o;
	err = sampler_open_cmd(&smp, CMD, o.co.root);
	if (err) {
		free_rewritten(av, ac, argv, argc);
		free(o.plist);
		return EXIT_FAIL;
	}
	/* replayed snapshots without an interval: one report per snapshot */
	if (smp.replay && o.interval == 0)
		o.count = smp.n;
	err = run_loop(&run, &smp);
	sampler_close(&smp);
	disk_report_free(&run.rep);
	free_rewritten(av, ac, argv, argc);
	free(o.plist);
	return err ? EXIT_FAIL : EXIT_OK;
}
