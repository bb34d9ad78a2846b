/* triage biosnoop: one line per block I/O with its latency, like
 * libbpf-tools' biosnoop, from block_rq_insert/issue/complete. */
#include <stdio.h>

#include "bpf/biolatency_api.h"
#include "bpf/biosnoop_api.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "views/snoop.h"

static void help(void)
{
	puts("Usage: triage biosnoop [-Qv] [-d DISK] [-p PID] [--duration S] [--json]\n"
	     "Each block I/O as it completes: time, task, disk, R/W, sector, bytes, latency.\n"
	     "  -Q, --queued         show the time queued in the OS too\n"
	     "  -d, --device DISK    only this whole disk (sda, nvme0n1)\n"
	     "  -p, --pid PID        only I/O queued by this process\n"
	     "  -D, --duration S     stop after S seconds (default: at Ctrl-C)\n"
	     "  -v, --verbose        libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

static void on_event(void *ctx, const struct biosnoop_event *e)
{
	char flags[64];

	snoop_bio_event(ctx, e, block_flags_str(e->flags, flags, sizeof(flags)));
}

static int poll(void *tool, int ms)
{
	return biosnoop_poll(tool, ms);
}

int cmd_biosnoop(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "queued", no_argument, 0, 'Q' },
		{ "device", required_argument, 0, 'd' },
		{ "pid", required_argument, 0, 'p' },
		{ "duration", required_argument, 0, 'D' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	struct biosnoop_opts o = { 0 };
	struct bpf_env_err e = { 0 };
	struct snoop_view v = { .f = stdout };
	struct biosnoop *b = NULL;
	const char *disk = NULL;
	struct bpf_cmd bc;
	double duration = 0;
	int c, rc;

	bpf_cmd_init(&bc, "biosnoop");
	optind = 1;
	while ((c = getopt_long(argc, argv, "hQd:p:D:v", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &bc.co))
			continue;
		switch (c) {
		case 'Q': o.queued = true; break;
		case 'd': disk = optarg; break;
		case 'p':
			if ((rc = bpf_cmd_pid(&bc, optarg, &o.pid)))
				return rc;
			break;
		case 'D':
			if (opt_parse_double(optarg, 0.001, 1e9, &duration)) {
				err_msg("biosnoop", "invalid duration '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'v': bc.verbose = true; break;
		default: opt_usage_hint("biosnoop"); return EXIT_USAGE;
		}
	}
	if (bc.co.help) {
		help();
		return EXIT_OK;
	}
	if (optind < argc) {
		err_msg("biosnoop", "unexpected argument '%s'", argv[optind]);
		opt_usage_hint("biosnoop");
		return EXIT_USAGE;
	}
	rc = bpf_cmd_start(&bc);
	if (!rc && disk)
		rc = bpf_cmd_disk(&bc, disk, &o.dev);
	if (rc)
		goto out;
	v.json = bc.co.json;
	v.extra = o.queued;
	if (biosnoop_open(&o, on_event, &v, &b, &e)) {
		rc = bpf_cmd_fail(&bc, &e);
		goto out;
	}
	snoop_bio_header(&v);
	bpf_cmd_ready(&bc, "block I/O");
	rc = bpf_cmd_event_loop(&bc, poll, b, duration);
	snoop_lost(&v, biosnoop_dropped(b));
out:
	biosnoop_close(b);
	bpf_cmd_end(&bc);
	return rc;
}
