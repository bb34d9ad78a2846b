/* triage biolatency: block I/O latency as log2 histograms, like
 * libbpf-tools' biolatency, from block_rq_insert/issue/complete. */
#include <stdio.h>

#include "bpf/biolatency_api.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"

static void help(void)
{
	puts("Usage: triage biolatency [-mDFQTv] [-d DISK] [--json] [interval [count]]\n"
	     "Block I/O latency (issue to completion) as a log2 histogram. Without an\n"
	     "interval, prints once at Ctrl-C; with one, every interval (count times).\n"
	     "  -m, --milliseconds  histogram in ms (default us)\n"
	     "  -D, --disk          one histogram per disk\n"
	     "  -F, --flag          one histogram per operation and flags (Read, Write|Sync ...)\n"
	     "  -Q, --queued        include the time queued in the OS (from insert)\n"
	     "  -d, --device DISK   only this whole disk (sda, nvme0n1)\n"
	     "  -T, --timestamp     print the time before each histogram\n"
	     "  -v, --verbose       libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

static int read_hists(void *tool, struct log2_hists *hs)
{
	return biolatency_read(tool, hs, true);
}

int cmd_biolatency(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "milliseconds", no_argument, 0, 'm' },
		{ "disk", no_argument, 0, 'D' },
		{ "flag", no_argument, 0, 'F' },
		{ "queued", no_argument, 0, 'Q' },
		{ "device", required_argument, 0, 'd' },
		{ "timestamp", no_argument, 0, 'T' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	struct biolatency_opts o = { 0 };
	struct bpf_env_err e = { 0 };
	struct biolatency *b = NULL;
	const char *disk = NULL;
	struct bpf_cmd bc;
	double interval;
	long count;
	int c, rc, ts = 0;

	bpf_cmd_init(&bc, "biolatency");
	optind = 1;
	while ((c = getopt_long(argc, argv, "hmDFQd:Tv", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &bc.co))
			continue;
		switch (c) {
		case 'm': o.ms = true; break;
		case 'D':
		case 'F':
			if (o.key != BIOLAT_KEY_NONE) {
				err_msg("biolatency", "-D and -F cannot be combined");
				return EXIT_USAGE;
			}
			o.key = c == 'D' ? BIOLAT_KEY_DISK : BIOLAT_KEY_FLAGS;
			break;
		case 'Q': o.queued = true; break;
		case 'd': disk = optarg; break;
		case 'T': ts = 1; break;
		case 'v': bc.verbose = true; break;
		default: opt_usage_hint("biolatency"); return EXIT_USAGE;
		}
	}
	if (bc.co.help) {
		help();
		return EXIT_OK;
	}
	if (opt_interval_count("biolatency", argc, argv, &optind, &interval, &count, -1))
		return EXIT_USAGE;
	rc = bpf_cmd_start(&bc);
	if (!rc && disk)
		rc = bpf_cmd_disk(&bc, disk, &o.dev);
	if (rc)
		goto out;
	if (biolatency_open(&o, &b, &e)) {
		rc = bpf_cmd_fail(&bc, &e);
		goto out;
	}
	bpf_cmd_ready(&bc, "block device I/O");
	rc = bpf_cmd_hist_loop(&bc, "biolatency", read_hists, b, interval, count, ts);
out:
	biolatency_close(b);
	bpf_cmd_end(&bc);
	return rc;
}
