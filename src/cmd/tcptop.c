/* triage tcptop: TCP traffic per process and connection, every interval
 * (bcc's tcptop), counted in the kernel from the sock:sock_send_length and
 * sock:sock_recv_length tracepoints (bpf/tcptop.bpf.c says why those rather
 * than sock_diag's per-socket counters). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include "bpf/tcptop_api.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "views/tcptop.h"

static void help(void)
{
	puts("Usage: triage tcptop [-CS46v] [-r MAXROWS] [-p PID] [-d SECONDS] [--json]\n"
	     "                     [interval [count]]\n"
	     "Every interval (default 1 s), the TCP connections with the most traffic:\n"
	     "PID and COMM of the process, local and remote address:port, RX_KB and TX_KB\n"
	     "the Kbytes it received (read from the socket) and sent (handed to TCP), from\n"
	     "every send and receive call, connections of any lifetime.\n"
	     "  -C, --noclear        do not clear the terminal between tables\n"
	     "  -S, --nosummary      no clock and load-average line\n"
	     "  -4, --ipv4 / -6, --ipv6  one family only\n"
	     "  -r, --maxrows N      rows shown (default 20; 0 = all)\n"
	     "  -p, --pid PID        only this process\n"
	     "  -d, --duration S     stop after S seconds (default: at Ctrl-C or count)\n"
	     "  -v, --verbose        libbpf's messages\n"
	     "Needs root, a kernel with BTF and the sock:sock_send_length/sock_recv_length\n"
	     "tracepoints (Linux 6.3+). Exit status: 0 ok, 1 failure, 2 usage.");
}

struct tt_cmd {
	struct bpf_cmd bc;
	struct tcptop_opts o;
	struct tcptop_view v;
	double interval, duration;
	long count;
	bool noclear, nosummary;
	uint64_t lost;		/* dropped calls reported so far */
	struct tcptop *x;
	struct tcptop_table t;	/* one interval's rows, reused */
};

static int parse_opt(struct tt_cmd *c, int opt, const char *arg)
{
	switch (opt) {
	case 'C': c->noclear = true; return 0;
	case 'S': c->nosummary = true; return 0;
	case '4': c->o.family = AF_INET; return 0;
	case '6': c->o.family = AF_INET6; return 0;
	case 'r':
		if (!opt_parse_long(arg, 0, 1000000, &c->v.maxrows))
			return 0;
		err_msg("tcptop", "invalid row count '%s'", arg);
		return EXIT_USAGE;
	case 'p': return bpf_cmd_pid(&c->bc, arg, &c->o.pid);
	case 'd':
		if (!opt_parse_double(arg, 0.001, 1e9, &c->duration))
			return 0;
		err_msg("tcptop", "invalid duration '%s'", arg);
		return EXIT_USAGE;
	case 'v': c->bc.verbose = true; return 0;
	}
	opt_usage_hint("tcptop");
	return EXIT_USAGE;
}

static int report(void *ctx)
{
	struct tt_cmd *c = ctx;
	char load[96];
	uint64_t lost = tcptop_dropped(c->x);
	int err = tcptop_read(c->x, &c->t);

	if (err) {
		err_errno("tcptop", err, "cannot read the counts");
		return err;
	}
	tcptop_sort(&c->t);
	tcptop_print(&c->v, &c->t, c->nosummary ? NULL : bpf_cmd_loadavg(&c->bc, load, sizeof(load)),
		     lost - c->lost);
	c->lost = lost;
	return 0;
}

int cmd_tcptop(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "noclear", no_argument, 0, 'C' },
		{ "nosummary", no_argument, 0, 'S' },
		{ "ipv4", no_argument, 0, '4' },
		{ "ipv6", no_argument, 0, '6' },
		{ "maxrows", required_argument, 0, 'r' },
		{ "pid", required_argument, 0, 'p' },
		{ "duration", required_argument, 0, 'd' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	struct bpf_env_err e = { 0 };
	struct tt_cmd c;
	int opt, rc;

	memset(&c, 0, sizeof(c));
	bpf_cmd_init(&c.bc, "tcptop");
	c.v.f = stdout;
	c.v.maxrows = 20;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "hCS46r:p:d:v", longopts, NULL)) != -1) {
		if (common_opt(opt, optarg, &c.bc.co))
			continue;
		if ((rc = parse_opt(&c, opt, optarg)))
			return rc;
	}
	if (c.bc.co.help) {
		help();
		return EXIT_OK;
	}
	if (opt_interval_count("tcptop", argc, argv, &optind, &c.interval, &c.count, -1))
		return EXIT_USAGE;
	if (c.interval <= 0)
		c.interval = 1;
	rc = bpf_cmd_start(&c.bc);
	if (rc)
		goto out;
	c.v.json = c.bc.co.json;
	c.v.clear = !c.noclear && !c.v.json && isatty(STDOUT_FILENO);
	if (tcptop_open(&c.o, &c.x, &e)) {
		rc = bpf_cmd_fail(&c.bc, &e);
		goto out;
	}
	bpf_cmd_ready(&c.bc, "TCP sends and receives");
	rc = bpf_cmd_interval_loop(&c.bc, report, &c, c.interval, c.count, c.duration);
out:
	tcptop_table_free(&c.t);
	tcptop_close(c.x);
	bpf_cmd_end(&c.bc);
	return rc;
}
