/* triage runqlat: run-queue (scheduler) latency as a log2 histogram, like
 * libbpf-tools' runqlat, from sched_wakeup/_new and sched_switch. */
#include <stdio.h>

#include "bpf/runqlat_api.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"

static void help(void)
{
	puts("Usage: triage runqlat [-mPLCTv] [-p PID] [-c CGROUP] [--json] [interval [count]]\n"
	     "Time tasks wait on a CPU run queue, as a log2 histogram. Without an\n"
	     "interval, prints once at Ctrl-C; with one, every interval (count times).\n"
	     "  -m, --milliseconds  histogram in ms (default us)\n"
	     "  -P, --pids          one histogram per process\n"
	     "  -L, --tids          one histogram per thread\n"
	     "  -C, --cpus          one histogram per CPU\n"
	     "  -p, --pid PID       only this process\n"
	     "  -c, --cgroup DIR    only tasks in this cgroup v2 directory\n"
	     "  -T, --timestamp     print the time before each histogram\n"
	     "  -v, --verbose       libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

static int read_hists(void *tool, struct log2_hists *hs)
{
	return runqlat_read(tool, hs, true);
}

int cmd_runqlat(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "milliseconds", no_argument, 0, 'm' },
		{ "pids", no_argument, 0, 'P' },
		{ "tids", no_argument, 0, 'L' },
		{ "cpus", no_argument, 0, 'C' },
		{ "pid", required_argument, 0, 'p' },
		{ "cgroup", required_argument, 0, 'c' },
		{ "timestamp", no_argument, 0, 'T' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	struct runqlat_opts o = { 0 };
	struct bpf_env_err e = { 0 };
	struct runqlat *r = NULL;
	struct bpf_cmd bc;
	double interval;
	long count;
	int c, rc, ts = 0;

	bpf_cmd_init(&bc, "runqlat");
	optind = 1;
	while ((c = getopt_long(argc, argv, "hmPLCp:c:Tv", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &bc.co))
			continue;
		switch (c) {
		case 'm': o.ms = true; break;
		case 'P': o.key = RUNQLAT_KEY_TGID; break;
		case 'L': o.key = RUNQLAT_KEY_TID; break;
		case 'C': o.key = RUNQLAT_KEY_CPU; break;
		case 'p':
			if ((rc = bpf_cmd_pid(&bc, optarg, &o.pid)))
				return rc;
			break;
		case 'c': o.cgroup = optarg; break;
		case 'T': ts = 1; break;
		case 'v': bc.verbose = true; break;
		default: opt_usage_hint("runqlat"); return EXIT_USAGE;
		}
	}
	if (bc.co.help) {
		help();
		return EXIT_OK;
	}
	if (opt_interval_count("runqlat", argc, argv, &optind, &interval, &count, -1))
		return EXIT_USAGE;
	rc = bpf_cmd_start(&bc);
	if (rc)
		goto out;
	if (runqlat_open(&o, &r, &e)) {
		rc = bpf_cmd_fail(&bc, &e);
		goto out;
	}
	bpf_cmd_ready(&bc, "run queue latency");
	rc = bpf_cmd_hist_loop(&bc, "runqlat", read_hists, r, interval, count, ts);
out:
	runqlat_close(r);
	bpf_cmd_end(&bc);
	return rc;
}
