#include "cmd/tcp_cmd.h"

#include <stdio.h>
#include <sys/socket.h>

#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "views/snoop.h"

static const char *const what[] = {
	[TCPTOOL_LIFE] = "each TCP session as it closes: owner, addresses, bytes, duration",
	[TCPTOOL_CONNECT] = "each active TCP open (connect) as it resolves: owner, addresses,\n"
			    "time to SYN-ACK, result",
	[TCPTOOL_ACCEPT] = "each passive TCP open (accepted connection); the owner is the task\n"
			   "that put the port in LISTEN while tracing (\"-\" when earlier)",
	[TCPTOOL_RETRANS] = "each TCP retransmission: addresses, ports, state (softirq context:\n"
			    "no PID)",
};

static void help(const char *name, enum tcptool_kind kind)
{
	printf("Usage: triage %s [-46Tv]%s [-d SECONDS] [--json]\n", name,
	       kind == TCPTOOL_RETRANS ? "" : " [-p PID]");
	printf("Traces %s.\n", what[kind]);
	puts("  -4, --ipv4           IPv4 only\n"
	     "  -6, --ipv6           IPv6 only");
	if (kind != TCPTOOL_RETRANS)
		puts("  -p, --pid PID        only this process");
	if (kind == TCPTOOL_CONNECT)
		puts("  -c, --cgroup DIR     only tasks in this cgroup v2 directory");
	puts("  -T, --timestamp      a time column (seconds since the first event)\n"
	     "  -d, --duration S     stop after S seconds (default: at Ctrl-C)\n"
	     "  -v, --verbose        libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

struct ctx {
	struct snoop_view v;
	enum tcptool_kind kind;
};

static void on_event(void *p, const struct tcp_event *e)
{
	struct ctx *c = p;

	snoop_tcp_event(&c->v, c->kind, e);
}

static int poll(void *tool, int ms)
{
	return tcptool_poll(tool, ms);
}

int tcp_cmd_run(const char *name, enum tcptool_kind kind, int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "ipv4", no_argument, 0, '4' },
		{ "ipv6", no_argument, 0, '6' },
		{ "pid", required_argument, 0, 'p' },
		{ "cgroup", required_argument, 0, 'c' },
		{ "timestamp", no_argument, 0, 'T' },
		{ "duration", required_argument, 0, 'd' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	struct tcptool_opts o = { .kind = kind };
	struct ctx ctx = { .v = { .f = stdout }, .kind = kind };
	struct bpf_env_err e = { 0 };
	struct tcptool *t = NULL;
	struct bpf_cmd bc;
	double duration = 0;
	int c, rc;

	bpf_cmd_init(&bc, name);
	optind = 1;
	while ((c = getopt_long(argc, argv, kind == TCPTOOL_RETRANS ? "h46Td:v" :
				kind == TCPTOOL_CONNECT ? "h46p:c:Td:v" : "h46p:Td:v",
				longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &bc.co))
			continue;
		switch (c) {
		case '4': o.family = AF_INET; break;
		case '6': o.family = AF_INET6; break;
		case 'p':
			if ((rc = bpf_cmd_pid(&bc, optarg, &o.pid)))
				return rc;
			break;
		case 'c': o.cgroup = optarg; break;
		case 'T': ctx.v.timestamp = true; break;
		case 'd':
			if (opt_parse_double(optarg, 0.001, 1e9, &duration)) {
				err_msg(name, "invalid duration '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'v': bc.verbose = true; break;
		default: opt_usage_hint(name); return EXIT_USAGE;
		}
	}
	if (bc.co.help) {
		help(name, kind);
		return EXIT_OK;
	}
	if (optind < argc) {
		err_msg(name, "unexpected argument '%s'", argv[optind]);
		opt_usage_hint(name);
		return EXIT_USAGE;
	}
	rc = bpf_cmd_start(&bc);
	if (rc)
		goto out;
	ctx.v.json = bc.co.json;
	if (tcptool_open(&o, on_event, &ctx, &t, &e)) {
		rc = bpf_cmd_fail(&bc, &e);
		goto out;
	}
	snoop_tcp_header(&ctx.v, kind);
	bpf_cmd_ready(&bc, name);
	rc = bpf_cmd_event_loop(&bc, poll, t, duration);
	snoop_lost(&ctx.v, tcptool_dropped(t));
out:
	tcptool_close(t);
	bpf_cmd_end(&bc);
	return rc;
}
