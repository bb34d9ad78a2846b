/* triage vmstat [-w] [-a] [-n] [-y] [-S k|K|m|M] [-d|-D|-p DEV] [interval [count]]:
 * procps-ng 4.0.2's vmstat from /proc/stat, /proc/meminfo, /proc/vmstat
 * and /proc/uptime under the root. The first line is since boot. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cmd/vmstat_disk.h"
#include "core/err.h"
#include "core/err_read.h"
#include "core/json.h"
#include "core/opts.h"
#include "core/sampler.h"
#include "model/clock.h"
#include "model/vmstat.h"
#include "sources/proc_meminfo.h"
#include "sources/proc_stat.h"
#include "sources/proc_uptime.h"
#include "sources/proc_vmstat.h"
#include "views/vmstat.h"

#define CMD "vmstat"

struct snap {
	struct proc_stat st;
	struct proc_meminfo mi;
	struct proc_vmstat vm;
	struct proc_uptime up;
	bool have_vm;
	time_t when;		/* wall clock: live now, replay btime + uptime */
};

static void help(void)
{
	puts("Usage: triage vmstat [-w] [-a] [-n] [-y] [-t] [-S b|k|K|m|M] [--json] [--root DIR[,DIR...]]\n"
	     "                     [interval [count]]\n"
	     "Processes, memory, swap, block I/O, interrupts, context switches, CPU,\n"
	     "as procps-ng vmstat prints them. The first line is since boot.\n"
	     "  -w, --wide         wide columns (with gu, guest CPU time)\n"
	     "  -a, --active       inactive/active memory instead of buffers/cache\n"
	     "  -n, --one-header   print the header once\n"
	     "  -y, --no-first     skip the since-boot line\n"
	     "  -t, --timestamp    time of each line (of each snapshot when replaying)\n"
	     "  -s, --stats        memory, CPU ticks and event counters since boot\n"
	     "  -f, --forks        forks since boot\n"
	     "  -d, --disk         per disk: reads, writes (total, merged, sectors, ms),\n"
	     "                     I/O in progress and seconds of I/O, since boot\n"
	     "  -D, --disk-sum     the disks' totals (once)\n"
	     "  -p, --partition DEV  one disk or partition: reads, read sectors, writes,\n"
	     "                     requested (written) sectors, since boot\n"
	     "  -S, --unit U       b (bytes), k (1000), K (1024, default), m (1000000),\n"
	     "                     M (1048576) bytes\n"
	     "With --root A,B,... and no interval, every snapshot is one line.\n"
	     "Exit status: 0 ok, 1 cannot read /proc, 2 bad usage.");
}

/* Read one sample; messages name the file. proc/vmstat is optional. */
static int read_snap(const struct root *r, struct snap *s, bool *warned)
{
	int err;

	err = proc_uptime_read(r, &s->up);
	if (err) {
		err_read(CMD, r, ROOT_PROC, "uptime", err, 0, NULL);
		return err;
	}
	err = proc_stat_read(r, &s->st);
	if (err) {
		err_read(CMD, r, ROOT_PROC, "stat", err, s->st.bad_line, NULL);
		return err;
	}
	err = proc_meminfo_read(r, &s->mi);
	if (err) {
		err_read(CMD, r, ROOT_PROC, "meminfo", err, s->mi.bad_line, NULL);
		return err;
	}
	s->when = clock_sample_time(!r->live, (s->st.have & PROC_STAT_HAVE_BTIME) ? s->st.btime : 0,
				    s->up.up_s);
	err = proc_vmstat_read(r, &s->vm);
	s->have_vm = err == 0;
	if (err && !*warned) {
		err_read(CMD, r, ROOT_PROC, "vmstat", err, s->vm.bad_line, "paging and swapping unknown");
		*warned = true;
	}
	return 0;
}

static void sample_of(const struct snap *s, struct vmstat_sample *out)
{
	out->stat = &s->st;
	out->mi = &s->mi;
	out->vm = s->have_vm ? &s->vm : NULL;
	out->up_s = s->up.up_s;
}

struct run {
	struct vmstat_opts mo;
	struct vmstat_view view;
	bool json, one_header, no_first, stamp;
	char mode;		/* 0 the table, 's' -s, 'f' -f, 'd' -d, 'D' -D, 'p' -p */
	const char *part;	/* -p DEV */
	double interval;
	long count;
	char tz[20];		/* -t: the zone's name, as procps prints it */
};

static void emit(struct run *rn, struct json *j, const struct snap *prev, const struct snap *cur,
		 long line_no, int height)
{
	struct vmstat_sample ps, cs;
	struct vmstat_line l;
	char stamp[32];
	struct tm tm;

	sample_of(cur, &cs);
	if (prev)
		sample_of(prev, &ps);
	vmstat_model_line(prev ? &ps : NULL, &cs, &rn->mo, &l);
	localtime_r(&cur->when, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
	if (rn->json) {
		vmstat_json_line(j, &l, prev == NULL, rn->stamp ? stamp : NULL);
		return;
	}
	if (!rn->one_header && line_no > 0 && line_no % height == 0)
		vmstat_print_header(stdout, &rn->view);
	vmstat_print_line(stdout, &rn->view, &l, rn->stamp ? stamp : NULL);
	fflush(stdout);
}

/* procps: header again every (terminal rows - 3) lines, 21 without a tty. */
static int header_height(void)
{
	struct winsize w;
	int rows = 24;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) != -1 && w.ws_row > 0)
		rows = w.ws_row;
	return rows - 3 > 0 ? rows - 3 : 22;
}

static int loop(struct run *rn, struct sampler *smp)
{
	struct snap a, b, *prev = &a, *cur = &b, *t;
	struct json j;
	bool warned = false;
	long lines = rn->count, i = 0;
	int err, height = header_height();

	proc_stat_init(&a.st);
	proc_stat_init(&b.st);
	json_init(&j, stdout, true);
	if (rn->json)
		vmstat_json_begin(&j, &rn->view);
	else
		vmstat_print_header(stdout, &rn->view);
	err = read_snap(sampler_root(smp), prev, &warned);
	if (err)
		goto out;
	if (!rn->no_first)
		emit(rn, &j, NULL, prev, i++, height);
	else if (lines > 0)
		lines++;
	for (long n = 1; lines < 0 || n < lines; n++) {
		err = sampler_wait(smp, rn->interval);
		if (err) {
			err = err == -EINTR || err == -ENODATA ? 0 : err;
			break;
		}
		err = read_snap(sampler_root(smp), cur, &warned);
		if (err)
			break;
		emit(rn, &j, prev, cur, i++, height);
		t = prev, prev = cur, cur = t;
	}
out:
	if (rn->json)
		vmstat_json_end(&j);
	proc_stat_free(&a.st);
	proc_stat_free(&b.st);
	return err;
}

/* -s / -f: one snapshot (the last one when replaying). */
static int sums(struct run *rn, struct sampler *smp)
{
	struct snap sn;
	struct vmstat_sample vs;
	struct vmstat_sums su;
	struct json j;
	bool warned = rn->mode == 'f';	/* -f needs no proc/vmstat: no message */
	int err;

	while (sampler_left(smp) > 0)
		sampler_wait(smp, 0);
	proc_stat_init(&sn.st);
	err = read_snap(sampler_root(smp), &sn, &warned);
	if (!err) {
		sample_of(&sn, &vs);
		vmstat_model_sums(&vs, &rn->mo, &su);
		json_init(&j, stdout, true);
		if (rn->json)
			vmstat_json_sums(&j, &rn->view, &su);
		else if (rn->mode == 'f')
			vmstat_print_forks(stdout, &su);
		else
			vmstat_print_sums(stdout, &rn->view, &su);
	}
	proc_stat_free(&sn.st);
	return err;
}

static int parse_unit(const char *arg, struct run *rn)
{
	static const struct { char c; unsigned long bytes; const char *name; } units[] = {
		{ 'b', 1, "b" }, { 'B', 1, "B" },
		{ 'k', 1000, "k" }, { 'K', 1024, "K" }, { 'm', 1000000, "m" }, { 'M', 1048576, "M" },
	};

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (arg[0] == units[i].c && arg[1] == '\0') {
			rn->mo.unit = units[i].bytes;
			rn->view.unit = units[i].name;
			return 0;
		}
	}
	err_msg(CMD, "-S requires b, k, K, m or M (default is KiB), not '%s'", arg);
	return -EINVAL;
}

/* One report mode: -s, -f, -d, -D and -p exclude each other (procps). */
static int set_mode(struct run *rn, char c, const char *arg)
{
	if (rn->mode && rn->mode != c) {
		err_msg(CMD, "-%c and -%c cannot be combined", rn->mode, c);
		opt_usage_hint(CMD);
		return -EINVAL;
	}
	rn->mode = c;
	if (c == 'p')
		rn->part = strncmp(arg, "/dev/", 5) == 0 ? arg + 5 : arg;
	return 0;
}

static int disk_modes(struct run *rn, struct sampler *smp)
{
	struct vmstat_disk_opts d = {
		.mode = rn->mode, .part = rn->part, .view = &rn->view, .json = rn->json,
		.one_header = rn->one_header, .stamp = rn->stamp && rn->mode == 'd',
		.interval = rn->interval, .count = rn->count,
	};

	/* -y has no since-boot line to skip here: every sample is totals */
	if (d.count == 0)
		d.count = 1;
	return vmstat_disk_run(&d, smp);
}

int cmd_vmstat(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "wide", no_argument, 0, 'w' },
		{ "active", no_argument, 0, 'a' },
		{ "one-header", no_argument, 0, 'n' },
		{ "no-first", no_argument, 0, 'y' },
		{ "unit", required_argument, 0, 'S' },
		{ "timestamp", no_argument, 0, 't' },
		{ "stats", no_argument, 0, 's' },
		{ "forks", no_argument, 0, 'f' },
		{ "disk", no_argument, 0, 'd' },
		{ "disk-sum", no_argument, 0, 'D' },
		{ "partition", required_argument, 0, 'p' },
		{ 0 },
	};
	struct common_opts co;
	struct sampler smp;
	struct run rn = { .mo = { .unit = 1024 }, .view = { .unit = "K" } };
	long page = sysconf(_SC_PAGESIZE);
	int c, err;

	common_opts_init(&co);
	optind = 1;
	while ((c = getopt_long(argc, argv, "hwanytsfdDp:S:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &co))
			continue;
		switch (c) {
		case 'w': rn.view.wide = true; break;
		case 'a': rn.view.active = rn.mo.active = true; break;
		case 'n': rn.one_header = true; break;
		case 'y': rn.no_first = true; break;
		case 't': rn.stamp = true; break;
		case 's': case 'f': case 'd': case 'D': case 'p':
			if (set_mode(&rn, (char)c, optarg))
				return EXIT_USAGE;
			break;
		case 'S':
			if (parse_unit(optarg, &rn)) {
				opt_usage_hint(CMD);
				return EXIT_USAGE;
			}
			break;
		default: opt_usage_hint(CMD); return EXIT_USAGE;
		}
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	if (opt_interval_count(CMD, argc, argv, &optind, &rn.interval, &rn.count, 1)) {
		opt_usage_hint(CMD);
		return EXIT_USAGE;
	}
	rn.json = co.json;
	if (rn.stamp) {
		time_t now = time(NULL);
		struct tm tm;

		localtime_r(&now, &tm);
		strftime(rn.tz, sizeof(rn.tz), "%Z", &tm);
		rn.view.tz = rn.tz;
	}
	rn.mo.page_kb = page > 0 ? (unsigned)(page / 1024) : 4;
	if (sampler_open_cmd(&smp, CMD, co.root))
		return EXIT_FAIL;
	/* Replay without an interval: one line per snapshot. */
	if (smp.replay && rn.interval == 0)
		rn.count = smp.n;
	else if (rn.interval == 0)
		rn.count = rn.no_first ? 0 : 1;
	if (rn.mode == 'd' || rn.mode == 'D' || rn.mode == 'p')
		err = disk_modes(&rn, &smp);
	else
		err = rn.mode ? sums(&rn, &smp) : loop(&rn, &smp);
	sampler_close(&smp);
	return err ? EXIT_FAIL : EXIT_OK;
}
