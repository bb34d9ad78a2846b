/* triage opensnoop: opens with path, flags and result, like libbpf-tools'
 * opensnoop (open, openat, openat2). */
#include <stdio.h>

#include "bpf/snoop_api.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "views/snoop.h"

static void help(void)
{
	puts("Usage: triage opensnoop [-xeTv] [-p PID] [-u UID] [-c CGROUP] [-d SECONDS] [--json]\n"
	     "Each open(), openat(), openat2(): PID, command, fd, errno, path (cut at\n"
	     "255 bytes).\n"
	     "  -x, --failed         only failed opens\n"
	     "  -e, --extended       a FLAGS column (JSON always has flags)\n"
	     "  -p, --pid PID        only this process\n"
	     "  -u, --uid UID        only this user\n"
	     "  -c, --cgroup DIR     only tasks in this cgroup v2 directory\n"
	     "  -T, --timestamp      a time column (seconds since the first event)\n"
	     "  -d, --duration S     stop after S seconds (default: at Ctrl-C)\n"
	     "  -v, --verbose        libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

static void on_event(void *ctx, const struct open_event *e)
{
	char flags[256];

	snoop_open_event(ctx, e, open_flags_str(e->flags, flags, sizeof(flags)));
}

static int poll(void *tool, int ms)
{
	return opensnoop_poll(tool, ms);
}

int cmd_opensnoop(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "failed", no_argument, 0, 'x' },
		{ "extended", no_argument, 0, 'e' },
		{ "pid", required_argument, 0, 'p' },
		{ "uid", required_argument, 0, 'u' },
		{ "cgroup", required_argument, 0, 'c' },
		{ "timestamp", no_argument, 0, 'T' },
		{ "duration", required_argument, 0, 'd' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	struct snoop_opts o = { .uid = -1 };
	struct bpf_env_err e = { 0 };
	struct snoop_view v = { .f = stdout };
	struct opensnoop *x = NULL;
	struct bpf_cmd bc;
	double duration = 0;
	int c, rc;

	bpf_cmd_init(&bc, "opensnoop");
	optind = 1;
	while ((c = getopt_long(argc, argv, "hxep:u:c:Td:v", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &bc.co))
			continue;
		rc = bpf_cmd_snoop_opt(&bc, c, optarg, &o, &v.timestamp, &duration);
		if (rc < 0)
			return EXIT_USAGE;
		if (rc > 0)
			continue;
		switch (c) {
		case 'e': v.extra = true; break;
		case 'p':
			if ((rc = bpf_cmd_pid(&bc, optarg, &o.pid)))
				return rc;
			break;
		default: opt_usage_hint("opensnoop"); return EXIT_USAGE;
		}
	}
	if (bc.co.help) {
		help();
		return EXIT_OK;
	}
	if ((rc = bpf_cmd_no_args(&bc, argc, argv, optind)))
		return rc;
	rc = bpf_cmd_start(&bc);
	if (rc)
		goto out;
	v.json = bc.co.json;
	if (opensnoop_open(&o, on_event, &v, &x, &e)) {
		rc = bpf_cmd_fail(&bc, &e);
		goto out;
	}
	snoop_open_header(&v);
	bpf_cmd_ready(&bc, "open()s");
	rc = bpf_cmd_event_loop(&bc, poll, x, duration);
	snoop_lost(&v, opensnoop_dropped(x));
out:
	opensnoop_close(x);
	bpf_cmd_end(&bc);
	return rc;
}
