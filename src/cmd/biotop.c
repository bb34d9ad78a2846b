/* triage biotop [-C] [-r MAXROWS] [-p PID] [-d S] [--json] [interval [count]]:
 * block I/O per process, disk and direction every interval, as bcc's biotop
 * (iotop's view), from the block tracepoints. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bpf/biotop.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "sources/proc_diskstats.h"
#include "sources/proc_loadavg.h"
#include "views/biotop.h"

struct biotop_cmd {
	struct bpf_cmd bc;
	struct biotop *b;
	bool noclear;		/* -C */
	long maxrows;		/* -r */
	uint64_t dropped;	/* the counter at the last report */
};

static void help(void)
{
	puts("Usage: triage biotop [-Cv] [-r MAXROWS] [-p PID] [-d SECONDS] [--json]\n"
	     "                     [interval [count]]\n"
	     "Block I/O by process every interval (default 1 s), as bcc's biotop: PID, name,\n"
	     "direction, disk, I/O count, Kbytes and the average latency (issue to\n"
	     "completion), most bytes first. The process is the one that submitted the\n"
	     "request (block_io_start, Linux 6.5+; else the one that inserted or issued it).\n"
	     "  -C, --noclear        do not clear the screen between intervals\n"
	     "  -r, --maxrows N      print at most N rows (default 20; 0 = all)\n"
	     "  -p, --pid PID        only I/O submitted by this process\n"
	     "  -d, --duration S     stop after S seconds (default: at Ctrl-C or count)\n"
	     "  -v, --verbose        libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

/* Disk names from the root's /proc/diskstats (the whole disk: partitions'
 * I/O is the disk's request queue). */
static void disk_names(struct biotop_cmd *c, struct biotop_table *t)
{
	struct proc_diskstats ds = { 0 };
	bool ok = !proc_diskstats_read(sampler_root(&c->bc.smp), &ds);

	for (size_t i = 0; i < t->shown; i++) {
		uint32_t dev = t->rows[i].k.dev;

		snprintf(t->disk[i], sizeof(t->disk[i]), "?");
		for (size_t d = 0; ok && d < ds.n; d++)
			if (ds.dev[d].major == dev >> 20 && ds.dev[d].minor == (dev & 0xfffff)) {
				snprintf(t->disk[i], sizeof(t->disk[i]), "%s", ds.dev[d].name);
				break;
			}
	}
	proc_diskstats_free(&ds);
}

static void loadavg(struct biotop_cmd *c, struct biotop_table *t)
{
	struct proc_loadavg la;

	t->load[0] = t->load[1] = t->load[2] = NAN;
	if (proc_loadavg_read(sampler_root(&c->bc.smp), &la))
		return;
	memcpy(t->load, la.load, sizeof(t->load));
	t->running = la.running;
	t->tasks = la.tasks;
}

static int report(struct biotop_cmd *c)
{
	struct biotop_table t = { 0 };
	uint64_t dropped = biotop_dropped(c->b);
	char clk[16];
	int err = biotop_take(c->b, &t.rows, &t.n);

	if (err) {
		err_errno(c->bc.name, err, "cannot read the counts");
		return EXIT_FAIL;
	}
	biotop_sort(t.rows, t.n);
	t.shown = c->maxrows && (size_t)c->maxrows < t.n ? (size_t)c->maxrows : t.n;
	t.disk = calloc(t.shown ? t.shown : 1, sizeof(*t.disk));
	if (!t.disk) {
		free(t.rows);
		err_errno(c->bc.name, -ENOMEM, "cannot report");
		return EXIT_FAIL;
	}
	t.dropped = dropped - c->dropped;
	c->dropped = dropped;
	disk_names(c, &t);
	loadavg(c, &t);
	if (c->bc.co.json) {
		biotop_print_json(stdout, &t, (long long)time(NULL));
	} else {
		if (!c->noclear && isatty(STDOUT_FILENO))
			fputs("\033[H\033[2J", stdout);
		biotop_print(stdout, &t, bpf_cmd_clock(clk));
	}
	fflush(stdout);
	free(t.disk);
	free(t.rows);
	return EXIT_OK;
}

/* Every interval until count reports, the duration or Ctrl-C (then one last
 * report of the partial interval). */
static int loop(struct biotop_cmd *c, double interval, long count, double duration)
{
	struct timespec t0, now;
	double left = duration;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; count < 0 || i < count; i++) {
		int stop = bpf_env_sleep(duration > 0 && left < interval ? left : interval);

		if (report(c))
			return EXIT_FAIL;
		if (duration > 0) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			left = duration - ((double)(now.tv_sec - t0.tv_sec) +
					   (double)(now.tv_nsec - t0.tv_nsec) / 1e9);
			if (left <= 0.0005)
				break;
		}
		if (stop)
			break;
	}
	return EXIT_OK;
}

static int parse(struct biotop_cmd *c, int argc, char **argv, pid_t *pid, double *duration)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "noclear", no_argument, 0, 'C' },
		{ "maxrows", required_argument, 0, 'r' },
		{ "pid", required_argument, 0, 'p' },
		{ "duration", required_argument, 0, 'd' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	int o, rc;

	optind = 1;
	while ((o = getopt_long(argc, argv, "hCr:p:d:v", longopts, NULL)) != -1) {
		if (common_opt(o, optarg, &c->bc.co))
			continue;
		switch (o) {
		case 'C': c->noclear = true; break;
		case 'r':
			if (opt_parse_long(optarg, 0, 1000000, &c->maxrows)) {
				err_msg("biotop", "invalid row count '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'p':
			if ((rc = bpf_cmd_pid(&c->bc, optarg, pid)))
				return rc;
			break;
		case 'd':
			if (opt_parse_double(optarg, 0.001, 1e9, duration)) {
				err_msg("biotop", "invalid duration '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'v': c->bc.verbose = true; break;
		default: opt_usage_hint("biotop"); return EXIT_USAGE;
		}
	}
	return 0;
}

int cmd_biotop(int argc, char **argv)
{
	struct biotop_cmd c = { .maxrows = 20 };
	struct bpf_env_err e = { 0 };
	double interval, duration = 0;
	pid_t pid = 0;
	long count;
	int rc;

	bpf_cmd_init(&c.bc, "biotop");
	if ((rc = parse(&c, argc, argv, &pid, &duration)))
		return rc;
	if (c.bc.co.help) {
		help();
		return EXIT_OK;
	}
	if (opt_interval_count("biotop", argc, argv, &optind, &interval, &count, -1))
		return EXIT_USAGE;
	rc = bpf_cmd_start(&c.bc);
	if (rc)
		goto out;
	if (biotop_open(pid, &c.b, &e)) {
		rc = bpf_cmd_fail(&c.bc, &e);
		goto out;
	}
	bpf_cmd_ready(&c.bc, biotop_io_start(c.b) ? "block I/O by process (block_io_start)"
						   : "block I/O by process (block_rq_insert/issue)");
	rc = loop(&c, interval > 0 ? interval : 1, count, duration);
out:
	biotop_close(c.b);
	bpf_cmd_end(&c.bc);
	return rc;
}
