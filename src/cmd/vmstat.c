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
#include "model/vmstat.h"
#include "sample/loop.h"
#include "views/vmstat.h"

#define CMD "vmstat"

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

#define VMSTAT_PARTS (SAMPLE_BIT(STAT) | SAMPLE_BIT(MEMINFO) | SAMPLE_BIT(VMSTAT))

/* A sample has what vmstat needs: stat and meminfo (said and an error when
 * not); proc/vmstat is optional (said once). */
static int check_sample(const struct sample_loop *lp, const struct sample *s, bool *warned)
{
	int err = sample_loop_require(lp, s, SAMPLE_BIT(STAT) | SAMPLE_BIT(MEMINFO));

	if (!err && !sample_has(s, SAMPLE_VMSTAT) && !*warned) {
		sample_loop_say(lp, s, SAMPLE_VMSTAT, "paging and swapping unknown");
		*warned = true;
	}
	return err;
}

static void sample_of(const struct sample *s, struct vmstat_sample *out)
{
	out->stat = &s->stat;
	out->mi = &s->mem;
	out->vm = sample_has(s, SAMPLE_VMSTAT) ? &s->vm : NULL;
	out->up_s = s->up.up_s;
}

struct run {
	struct vmstat_opts mo;
	struct vmstat_view view;
	bool json, one_header, no_first, stamp;
	bool stream;		/* --json live without a count: JSON Lines */
	char mode;		/* 0 the table, 's' -s, 'f' -f, 'd' -d, 'D' -D, 'p' -p */
	const char *part;	/* -p DEV */
	double interval;
	long count;
	char tz[20];		/* -t: the zone's name, as procps prints it */
};

static void emit(struct run *rn, struct json *j, const struct sample *prev, const struct sample *cur,
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
	time_t when = sample_wall(cur);

	localtime_r(&when, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
	if (rn->json) {
		if (rn->stream)
			json_line_begin(j, stdout);
		vmstat_json_line(j, &l, when, prev == NULL, rn->stamp ? stamp : NULL);
		if (rn->stream)
			json_line_end(j);
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

static int loop(struct run *rn, struct sample_loop *lp)
{
	struct sample_step st;
	struct json j;
	bool warned = false;
	long i = 0;
	int err, height = header_height();

	json_init(&j, stdout, true);
	if (rn->json && !rn->stream)
		vmstat_json_begin(&j, &rn->view);
	else if (!rn->json)
		vmstat_print_header(stdout, &rn->view);
	/* count lines, the since-boot one included unless -y */
	if (rn->count >= 0)
		lp->max = rn->count + (rn->no_first ? 1 : 0);
	lp->interval = rn->interval;
	while ((err = sample_loop_next(lp, &st)) == 0) {
		err = check_sample(lp, st.newer, &warned);
		if (err)
			break;
		if (st.older || !rn->no_first)
			emit(rn, &j, st.older, st.newer, i++, height);
	}
	if (rn->json && !rn->stream)
		vmstat_json_end(&j);
	return err < 0 ? err : 0;
}

/* -s / -f: one sample (the last one when replaying). */
static int sums(struct run *rn, struct sample_loop *lp)
{
	struct sample_step st;
	const struct sample *last = NULL;
	struct vmstat_sample vs;
	struct vmstat_sums su;
	struct json j;
	bool warned = rn->mode == 'f';	/* -f needs no proc/vmstat: no message */
	int err;

	lp->interval = 0;
	if (!sample_loop_replay(lp))
		lp->max = 1;
	while ((err = sample_loop_next(lp, &st)) == 0)
		last = st.newer;
	if (err < 0)
		return err;
	if (!last)
		return -ENODATA;
	err = check_sample(lp, last, &warned);
	if (!err) {
		sample_of(last, &vs);
		vmstat_model_sums(&vs, &rn->mo, &su);
		json_init(&j, stdout, true);
		if (rn->json)
			vmstat_json_sums(&j, &rn->view, &su);
		else if (rn->mode == 'f')
			vmstat_print_forks(stdout, &su);
		else
			vmstat_print_sums(stdout, &rn->view, &su);
	}
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

static int disk_modes(struct run *rn, struct sample_loop *lp)
{
	struct vmstat_disk_opts d = {
		.mode = rn->mode, .part = rn->part, .view = &rn->view, .json = rn->json,
		.one_header = rn->one_header, .stamp = rn->stamp && rn->mode == 'd',
		.interval = rn->interval, .count = rn->count,
	};

	/* -y has no since-boot line to skip here: every sample is totals */
	if (d.count == 0)
		d.count = 1;
	return vmstat_disk_run(&d, lp);
}

int cmd_vmstat(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		REPLAY_LONGOPTS,
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
	struct sample_want want = { .parts = VMSTAT_PARTS };
	struct sample_loop lp;
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
	if (rn.mode == 'd' || rn.mode == 'D' || rn.mode == 'p')
		want = (struct sample_want)VMSTAT_DISK_WANT;
	err = sample_loop_open(&lp, CMD, &co, &want);
	if (err)
		return sample_loop_exit(err);
	/* Replay without an interval: one line per sample. */
	if (sample_loop_replay(&lp) && rn.interval == 0)
		rn.count = -1;
	else if (rn.interval == 0)
		rn.count = rn.no_first ? 0 : 1;
	rn.stream = rn.json && rn.count < 0 && !sample_loop_replay(&lp);
	if (rn.mode == 'd' || rn.mode == 'D' || rn.mode == 'p')
		err = disk_modes(&rn, &lp);
	else
		err = rn.mode ? sums(&rn, &lp) : loop(&rn, &lp);
	sample_loop_close(&lp);
	return err ? EXIT_FAIL : EXIT_OK;
}
