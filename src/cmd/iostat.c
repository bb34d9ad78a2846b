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
#include "model/avgcpu.h"
#include "model/disk.h"
#include "model/interval.h"
#include "sample/loop.h"
#include "sources/sys_block.h"
#include "sources/dev_disk.h"
#include "views/iostat.h"
#include "views/sysstat_banner.h"

#define CMD "iostat"
#define COLS_N(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_DEVS 256

enum {
	OPT_PARTITIONS = OPT_COMMON__END,
	OPT_HELP,	/* --help: -h is sysstat's human-readable form */
	OPT_PRETTY,
	OPT_COMPACT,
	OPT_HUMAN,
	OPT_DEC,
};

#define MAX_GROUPS 32

struct iostat_opts {
	struct common_opts co;
	bool cpu, disk, omit_first, timestamp;
	struct iostat_fmt fmt;
	struct disk_select sel;
	const char *names[MAX_DEVS];
	const char *pdevs[MAX_DEVS];
	const char *gmem[MAX_DEVS];	/* the groups' devices, each group's in a run */
	struct disk_group groups[MAX_GROUPS];
	char persist_dir[32];	/* -j ID: "by-id", or "" */
	char *plist;		/* -p's argument, split in place */
	double interval;
	long count;
};

static void help(void)
{
	puts("Usage: triage iostat [OPTIONS] [DEVICE...|ALL] [interval [count]]\n"
	     "CPU and block device statistics, as sysstat's iostat prints them. The first\n"
	     "report covers the time since boot; then one report per interval.\n"
	     "  -c            CPU report only          -d   device report only\n"
	     "  -x            extended device statistics (r/s ... %util)\n"
	     "  -s            short: reads, writes and discards as one (tps kB/s ... %util)\n"
	     "  -z            omit devices with no I/O in the interval\n"
	     "  -k / -m       kilobytes (default) / megabytes per second\n"
	     "  -N            device-mapper devices by their name (vg-lv)\n"
	     "  -j ID|LABEL|PATH|UUID|PARTUUID  devices by their name in /dev/disk/by-*\n"
	     "  -g NAME DEV... a group: its devices, then a line for the group\n"
	     "  -H            only the groups' lines\n"
	     "  -y            omit the first report (since boot)\n"
	     "  -t            print the time of each report\n"
	     "  --human       sizes as 2.5M, percentages as 14.4%\n"
	     "  --pretty      the device name last; -x in four tables\n"
	     "  --compact     with --pretty -x, one table\n"
	     "  -h            --human --pretty\n"
	     "  --dec=0|1|2   decimal places (default 2)\n"
	     "  -o JSON       the same as --json\n"
	     "  -p [DEV[,DEV]|ALL]  also the partitions of DEV, or every device and partition\n"
	     "  DEVICE...     only these devices (a partition is allowed); ALL: every device\n"
	     "  --from TIME [--to TIME] [--store DIR]  the flight recorder's samples (one\n"
	     "                report per recorded sample without an interval)\n"
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

/* -j TYPE: the directory dev/disk/by-type (ID -> by-id). */
static int set_persist(struct iostat_opts *o, const char *type)
{
	size_t n = strlen(type);

	if (!n || n > sizeof(o->persist_dir) - 4 || strspn(type, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				"abcdefghijklmnopqrstuvwxyz0123456789") != n) {
		err_msg(CMD, "-j wants ID, LABEL, PATH, UUID or PARTUUID, not '%s'", type);
		return -EINVAL;
	}
	snprintf(o->persist_dir, sizeof(o->persist_dir), "by-%s", type);
	for (char *p = o->persist_dir; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return 0;
}

/* A device name (or ALL) of the command line; group: the -g in force, or
 * -1. Returns 0 or -EINVAL. */
static int add_name(struct iostat_opts *o, const char *n, int group)
{
	struct disk_group *g = group >= 0 ? &o->groups[group] : NULL;

	o->sel.unfiltered = true;
	if (!strcmp(n, "ALL")) {
		o->sel.all_devices = true;
		if (g)
			g->all = true;
		return 0;
	}
	if (!strncmp(n, "/dev/", 5))
		n += 5;
	if (o->sel.nnames >= MAX_DEVS) {
		err_msg(CMD, "more than %d devices", MAX_DEVS);
		return -EINVAL;
	}
	o->names[o->sel.nnames] = n;
	o->gmem[o->sel.nnames++] = n;	/* a group's devices: a run from g->members */
	if (g)
		g->nmembers++;
	return 0;
}

/* One option of iostat's own. Returns 0, 1 when c is not one, or -errno. */
static int own_opt(struct iostat_opts *o, int c, const char *arg, bool *report_set)
{
	long dec;

	switch (c) {
	case 'c': o->cpu = true; *report_set = true; break;
	case 'd': o->disk = true; *report_set = true; break;
	case 'x': o->fmt.extended = true; break;
	case 's': o->fmt.shorts = true; break;
	case 'z': o->sel.zero_omit = true; break;
	case 'k': o->fmt.unit = DISK_UNIT_KB; break;
	case 'm': o->fmt.unit = DISK_UNIT_MB; break;
	case 'N': o->sel.dm_names = true; break;
	case 'y': o->omit_first = true; break;
	case 't': o->timestamp = true; break;
	case 'H': o->sel.groups_only = true; break;
	case 'h': o->fmt.human = o->fmt.pretty = true; break;	/* sysstat's -h */
	case OPT_HUMAN: o->fmt.human = true; break;
	case OPT_PRETTY: o->fmt.pretty = true; break;
	case OPT_COMPACT: o->fmt.compact = true; break;
	case OPT_HELP: o->co.help = true; break;
	case 'j': return set_persist(o, arg);
	case OPT_DEC:
		if (opt_parse_long(arg, 0, 2, &dec)) {
			err_msg(CMD, "--dec wants 0, 1 or 2, not '%s'", arg);
			return -EINVAL;
		}
		o->fmt.dec = (int)dec;
		break;
	case 'o':	/* sysstat's -o JSON */
		if (strcmp(arg, "JSON") != 0) {
			err_msg(CMD, "-o %s: only -o JSON is known", arg);
			return -EINVAL;
		}
		o->co.json = true;
		break;
	case 'p': o->sel.everything = true; break;	/* bare -p */
	case OPT_PARTITIONS:
		return set_partitions(o, arg);
	default:
		return 1;
	}
	return 0;
}

/* -g NAME: a new group; the devices named after it are its. */
static int new_group(struct iostat_opts *o, const char *name, int *group)
{
	struct disk_group *g;

	if (o->sel.ngroups >= MAX_GROUPS) {
		err_msg(CMD, "more than %d groups", MAX_GROUPS);
		return -EINVAL;
	}
	if (!*name) {
		err_msg(CMD, "-g wants a group name");
		return -EINVAL;
	}
	*group = (int)o->sel.ngroups++;
	g = &o->groups[*group];
	g->name = name;
	g->members = o->gmem + o->sel.nnames;	/* its devices come next */
	return 0;
}

/* What the options imply (sysstat): the device report with -p, -x, -g or a
 * device name; -H wants -g. */
static int finish_opts(struct iostat_opts *o, bool report_set)
{
	if (o->sel.groups_only && !o->sel.ngroups) {
		err_msg(CMD, "-H wants -g GROUP");
		return -EINVAL;
	}
	if (!report_set)
		o->cpu = o->disk = true;
	o->sel.extended = o->fmt.extended;
	o->sel.names = o->names;
	o->sel.pdevs = o->pdevs;
	o->sel.groups = o->groups;
	if (o->fmt.extended || o->sel.everything || o->sel.npdevs || o->sel.nnames ||
	    o->sel.all_devices || o->sel.ngroups)
		o->disk = true;
	return 0;
}

static int parse_opts(int argc, char **argv, struct iostat_opts *o)
{
	static const struct option longopts[] = {
		{ "root", required_argument, 0, OPT_ROOT },
		{ "json", no_argument, 0, OPT_JSON },
		{ "no-color", no_argument, 0, OPT_NO_COLOR },
		{ "help", no_argument, 0, OPT_HELP },
		REPLAY_LONGOPTS,
		{ "partitions", required_argument, 0, OPT_PARTITIONS },
		{ "pretty", no_argument, 0, OPT_PRETTY },
		{ "compact", no_argument, 0, OPT_COMPACT },
		{ "human", no_argument, 0, OPT_HUMAN },
		{ "dec", required_argument, 0, OPT_DEC },
		{ 0 },
	};
	char *nums[4];
	bool report_set = false;
	int c, err, group = -1, nnums = 0, k = 0;

	common_opts_init(&o->co);
	o->fmt.unit = DISK_UNIT_KB;
	o->fmt.dec = -1;
	optind = 1;
	/* "-": the other words in order, so that a device follows its -g */
	while ((c = getopt_long(argc, argv, "-hcdxszkmNyptHj:g:o:", longopts, NULL)) != -1) {
		if (c != 'h' && common_opt(c, optarg, &o->co))
			continue;
		if (c == 'g') {
			err = new_group(o, optarg, &group);
		} else if (c == 1 && !strchr("0123456789.-+", optarg[0])) {
			/* a device, before or after the numbers (sysstat) */
			err = add_name(o, optarg, group);
		} else if (c == 1) {
			/* interval and count, wherever they are */
			err = nnums < (int)COLS_N(nums) ? 0 : -EINVAL;
			if (!err)
				nums[nnums++] = optarg;
			else
				err_msg(CMD, "unexpected argument '%s'", optarg);
		} else {
			err = own_opt(o, c, optarg, &report_set);
			if (err > 0)
				return -EINVAL;
		}
		if (err)
			return err;
	}
	if (opt_interval_count(CMD, nnums, nums, &k, &o->interval, &o->count, 1))
		return -EINVAL;
	return finish_opts(o, report_set);
}

/* What a sample must hold: uptime, and diskstats for the device report;
 * proc/stat (the CPU report) and sys/block (disks told from partitions) are
 * said once when missing (*warned). Returns 0 or -errno (said). */
static int check_sample(const struct sample_loop *lp, const struct iostat_opts *o,
			const struct sample *s, unsigned *warned)
{
	if (o->cpu && !sample_has(s, SAMPLE_STAT) && !(*warned & 1)) {
		sample_loop_say(lp, s, SAMPLE_STAT, "no CPU report");
		*warned |= 1;
	}
	if (!o->disk)
		return 0;
	if (sample_loop_require(lp, s, SAMPLE_BIT(DISKSTATS)))
		return s->err[SAMPLE_DISKSTATS] ? s->err[SAMPLE_DISKSTATS] : -ENODATA;
	if (!s->have_blocks && !(*warned & 2)) {
		const struct root *r = sample_loop_root(lp);

		if (r)
			err_read(CMD, r, ROOT_SYS, "block", s->blocks_err, 0, "partitions not told from disks");
		else
			err_msg(CMD, "the recording has no /sys/block (partitions not told from disks)");
		*warned |= 2;
	}
	return 0;
}

struct iostat_run {
	const struct iostat_opts *o;
	struct json j;
	bool stream;		/* --json, an interval and no count: JSON Lines */
	struct disk_report rep;
};

/* One report from prev (NULL: since boot) to cur. */
static int report(struct iostat_run *run, const struct sample *prev, const struct sample *cur)
{
	const struct iostat_opts *o = run->o;
	double dt = interval_dt(prev ? &prev->up : NULL, &cur->up);
	time_t when = sample_wall(cur);
	struct avgcpu cpu;
	bool have_cpu = false;
	int err = 0;

	if (o->cpu && sample_has(cur, SAMPLE_STAT) && (!prev || sample_has(prev, SAMPLE_STAT))) {
		err = avgcpu_compute(prev ? &prev->stat : NULL, &cur->stat, dt, &cpu);
		if (err) {
			err_errno(CMD, err, "cannot compute the CPU report");
			return err;
		}
		have_cpu = true;
	}

	if (o->disk) {
		err = disk_model_report(prev ? &prev->disks : NULL, &cur->disks,
					cur->have_blocks ? &cur->blocks : NULL, &o->sel, dt,
					o->co.json ? DISK_UNIT_KB : o->fmt.unit, &run->rep);
		if (err) {
			err_errno(CMD, err, "cannot compute the report");
			return err;
		}
	}
	if (o->co.json) {
		if (run->stream)	/* one compact line per report */
			json_init(&run->j, stdout, false);
		iostat_json_sample(&run->j, when, prev == NULL, dt, o->fmt.shorts,
				   have_cpu ? &cpu : NULL,
				   o->disk ? &run->rep : NULL);
		if (run->stream)
			json_end(&run->j);
		fflush(stdout);
		return 0;
	}
	if (o->timestamp) {
		char ts[40];

		sysstat_time_date_hms(when, ts, sizeof(ts));
		printf("%s\n", ts);
	}
	if (have_cpu)
		iostat_print_cpu(stdout, &o->fmt, &cpu);
	if (o->disk)
		iostat_print_disks(stdout, &o->fmt, &run->rep);
	fputs("\n\n", stdout);
	fflush(stdout);
	return 0;
}

static void banner(struct iostat_run *run, const struct sample *s)
{
	struct sysstat_host h;

	sysstat_host_of(s, sample_wall(s), &h);
	if (run->o->co.json && run->stream)
		return;	/* JSON Lines: the reports alone */
	if (run->o->co.json)
		json_init(&run->j, stdout, true);
	sysstat_banner_begin(stdout, run->o->co.json ? &run->j : NULL, "iostat", &h.b);
	if (!run->o->co.json)
		fputc('\n', stdout);
}

/* The first sample: the devices asked for exist; the banner. */
static int first_sample(struct iostat_run *run, const struct sample *s)
{
	const struct iostat_opts *o = run->o;
	const char *missing;

	if (o->disk && (missing = disk_model_missing(&s->disks, s->have_blocks ? &s->blocks : NULL, &o->sel))) {
		err_msg(CMD, "no such device '%s'", missing);
		return -ENODEV;
	}
	banner(run, s);
	return 0;
}

/* The sample loop: the report since boot (unless -y), then one per interval
 * (after a recorded restart, the new boot's since-boot report unless -y). */
static int run_loop(struct iostat_run *run, struct sample_loop *lp)
{
	const struct iostat_opts *o = run->o;
	struct sample_step st;
	unsigned warned = 0;
	int err;
	bool skip_first = o->omit_first && (o->interval > 0 || sample_loop_replay(lp));

	lp->interval = o->interval;
	lp->max = o->count < 0 ? -1 : o->count + (skip_first ? 1 : 0);
	while ((err = sample_loop_next(lp, &st)) == 0) {
		err = check_sample(lp, o, st.newer, &warned);
		if (!err && st.index == 0)
			err = first_sample(run, st.newer);
		if (err)
			break;
		if (!st.older && (skip_first || (st.index > 0 && o->omit_first)))
			continue;
		err = report(run, st.older, st.newer);
		if (err)
			break;
	}
	if (err > 0)
		err = 0;
	if (o->co.json && run->j.f && !run->stream) {
		json_arr_end(&run->j);
		json_obj_end(&run->j);
		json_end(&run->j);
	}
	return err;
}

/* -j: read dev/disk/by-TYPE and take the names given on the command line as
 * persistent names where they are one (sysstat accepts either). */
static int persist_open(struct iostat_opts *o, const struct root *r, struct dev_disk *dd)
{
	const char **lists[] = { o->names, o->gmem, o->pdevs };
	size_t lens[] = { o->sel.nnames, o->sel.nnames, o->sel.npdevs };
	char rel[48];
	int err;

	if (!r) {
		err_msg(CMD, "the recording has no /dev/disk/%s: -j ignored, the kernel's device names",
			o->persist_dir);
		return 0;
	}
	err = dev_disk_read(r, o->persist_dir, dd);

	if (err) {
		snprintf(rel, sizeof(rel), "disk/%s", o->persist_dir);
		err_read(CMD, r, ROOT_DEV, rel, err, 0, NULL);
		return err;
	}
	for (size_t l = 0; l < COLS_N(lists); l++)
		for (size_t i = 0; i < lens[l]; i++) {
			const char *t = lists[l][i] ? dev_disk_target_of(dd, lists[l][i]) : NULL;

			if (t)
				lists[l][i] = t;
		}
	o->sel.persist = dd;
	return 0;
}

int cmd_iostat(int argc, char **argv)
{
	struct iostat_opts o;
	struct iostat_run run;
	struct dev_disk persist = { 0 };
	struct sample_loop lp;
	struct sample_want want = { .parts = SAMPLE_BIT(STAT) | SAMPLE_KERNEL_ID };
	char **av;
	int err, ac = 0, ret = EXIT_FAIL;

	memset(&o, 0, sizeof(o));
	memset(&run, 0, sizeof(run));
	av = rewrite_p(argc, argv, &ac);
	if (!av) {
		err_msg(CMD, "out of memory");
		return EXIT_FAIL;
	}
	err = parse_opts(ac, av, &o);
	if (err || o.co.help) {
		ret = o.co.help ? EXIT_OK : EXIT_USAGE;
		if (o.co.help)
			help();
		else if (err != -EINVAL)
			err_errno(CMD, err, "cannot parse the options");
		if (!o.co.help)
			opt_usage_hint(CMD);
		goto out;
	}
	run.o = &o;
	if (o.disk) {
		want.parts |= SAMPLE_BIT(DISKSTATS);
		want.blocks = want.blocks_some = true;
		/* Disk names tell disks from partitions; partitions and dm names
		 * only when -p DEV or -N asks for them. */
		want.blocks_what = (o.sel.npdevs ? SYS_BLOCK_PARTS : 0) | (o.sel.dm_names ? SYS_BLOCK_DM : 0);
	}
	err = sample_loop_open(&lp, CMD, &o.co, &want);
	if (err) {
		ret = sample_loop_exit(err);
		goto out;
	}
	/* replayed snapshots or recorded samples without an interval: one
	 * report per sample */
	if (sample_loop_replay(&lp) && o.interval == 0)
		o.count = -1;
	run.stream = o.co.json && o.count < 0 && !sample_loop_replay(&lp);
	err = o.persist_dir[0] ? persist_open(&o, sample_loop_root(&lp), &persist) : 0;
	if (!err)
		err = run_loop(&run, &lp);
	sample_loop_close(&lp);
	ret = err ? EXIT_FAIL : EXIT_OK;
out:
	disk_report_free(&run.rep);
	dev_disk_free(&persist);
	free_rewritten(av, ac, argv, argc);
	free(o.plist);
	return ret;
}
