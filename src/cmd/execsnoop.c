/* triage execsnoop: every exec with PID, PPID, return value and arguments,
 * like libbpf-tools' execsnoop. */
#include <stdio.h>

#include "bpf/snoop_api.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "views/snoop.h"

static void help(void)
{
	puts("Usage: triage execsnoop [-xTv] [-u UID] [-c CGROUP] [-d SECONDS] [--json]\n"
	     "Each exec (execve, execveat): command, PID, PPID, return value, arguments\n"
	     "(the first 20, each cut at 127 bytes; \"...\" marks more).\n"
	     "  -x, --fails          only failed execs\n"
	     "  -u, --uid UID        only this user\n"
	     "  -c, --cgroup DIR     only tasks in this cgroup v2 directory\n"
	     "  -T, --time           a time column (seconds since the first event)\n"
	     "  -d, --duration S     stop after S seconds (default: at Ctrl-C)\n"
	     "  -v, --verbose        libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

static void on_event(void *ctx, const struct exec_event *e)
{
	snoop_exec_event(ctx, e);
}

static int poll(void *tool, int ms)
{
	return execsnoop_poll(tool, ms);
}

int cmd_execsnoop(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "fails", no_argument, 0, 'x' },
		{ "uid", required_argument, 0, 'u' },
		{ "cgroup", required_argument, 0, 'c' },
		{ "time", no_argument, 0, 'T' },
		{ "duration", required_argument, 0, 'd' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	struct snoop_opts o = { .uid = -1 };
	struct bpf_env_err e = { 0 };
	struct snoop_view v = { .f = stdout };
	struct execsnoop *x = NULL;
	struct bpf_cmd bc;
	double duration = 0;
	int c, rc;

	bpf_cmd_init(&bc, "execsnoop");
	optind = 1;
	while ((c = getopt_long(argc, argv, "hxu:c:Td:v", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &bc.co))
			continue;
		rc = bpf_cmd_snoop_opt(&bc, c, optarg, &o, &v.timestamp, &duration);
		if (rc < 0)
			return EXIT_USAGE;
		if (rc > 0)
			continue;
		opt_usage_hint("execsnoop");
		return EXIT_USAGE;
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
	if (execsnoop_open(&o, on_event, &v, &x, &e)) {
		rc = bpf_cmd_fail(&bc, &e);
		goto out;
	}
	snoop_exec_header(&v);
	bpf_cmd_ready(&bc, "exec()s");
	rc = bpf_cmd_event_loop(&bc, poll, x, duration);
	snoop_lost(&v, execsnoop_dropped(x));
out:
	execsnoop_close(x);
	bpf_cmd_end(&bc);
	return rc;
}
