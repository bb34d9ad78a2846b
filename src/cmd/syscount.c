/* triage syscount: syscalls by count, errors and (-L) time, like
 * libbpf-tools' syscount / strace -c without ptrace. */
#include <stdio.h>

#include "bpf/snoop_api.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "views/syscount.h"

static void help(void)
{
	puts("Usage: triage syscount [-LxTv] [-p PID] [-c CGROUP] [-t TOP] [-d SECONDS]\n"
	     "                       [--json] [interval [count]]\n"
	     "Syscalls by number of calls, with errors; -L adds the time spent in them.\n"
	     "Without an interval, prints once at Ctrl-C or after -d seconds.\n"
	     "  -L, --latency        time inside each syscall (total, mean, max)\n"
	     "  -x, -e, --failures   count only failed calls\n"
	     "  -p, --pid PID        only this process\n"
	     "  -c, --cgroup DIR     only tasks in this cgroup v2 directory\n"
	     "  -t, --top N          the N busiest syscalls (default 10; 0 = all)\n"
	     "  -T, --timestamp      print the time above each table\n"
	     "  -d, --duration S     stop after S seconds\n"
	     "  -v, --verbose        libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

static int report(struct syscount *s, bool json, bool ts, long top)
{
	struct syscount_table t = { 0 };
	char clk[9];
	int err = syscount_read(s, &t, true);

	if (!err) {
		syscount_table_sort(&t, (size_t)top);
		if (json)
			syscount_print_json(stdout, &t);
		else
			syscount_print(stdout, &t, ts ? bpf_cmd_clock(clk) : NULL);
		fflush(stdout);
	}
	syscount_table_free(&t);
	return err;
}

/* Every interval (count times; count < 0: until Ctrl-C), a table; interval
 * 0: one table at Ctrl-C. Returns an exit status. */
static int loop(struct syscount *s, const struct bpf_cmd *bc, double interval, long count,
		bool ts, long top)
{
	for (long i = 0; count < 0 || i < count; i++) {
		int stop = bpf_env_sleep(interval > 0 ? interval : 1e9);

		if (report(s, bc->co.json, ts, top))
			return EXIT_FAIL;
		if (stop)
			break;
	}
	return EXIT_OK;
}

int cmd_syscount(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "latency", no_argument, 0, 'L' },
		{ "failures", no_argument, 0, 'x' },
		{ "pid", required_argument, 0, 'p' },
		{ "cgroup", required_argument, 0, 'c' },
		{ "top", required_argument, 0, 't' },
		{ "timestamp", no_argument, 0, 'T' },
		{ "duration", required_argument, 0, 'd' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	struct snoop_opts o = { .uid = -1 };
	struct bpf_env_err e = { 0 };
	struct syscount *s = NULL;
	struct bpf_cmd bc;
	double interval, duration = 0;
	long count, top = 10;
	bool latency = false, ts = false;
	int c, rc;

	bpf_cmd_init(&bc, "syscount");
	optind = 1;
	while ((c = getopt_long(argc, argv, "hLxep:c:t:Td:v", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &bc.co))
			continue;
		switch (c) {
		case 'L': latency = true; break;
		case 'x':
		case 'e': o.failed = true; break;
		case 'p':
			if ((rc = bpf_cmd_pid(&bc, optarg, &o.pid)))
				return rc;
			break;
		case 'c': o.cgroup = optarg; break;
		case 't':
			if (opt_parse_long(optarg, 0, 100000, &top)) {
				err_msg("syscount", "invalid top count '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'T': ts = true; break;
		case 'd':
			if (opt_parse_double(optarg, 0.001, 1e9, &duration)) {
				err_msg("syscount", "invalid duration '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'v': bc.verbose = true; break;
		default: opt_usage_hint("syscount"); return EXIT_USAGE;
		}
	}
	if (bc.co.help) {
		help();
		return EXIT_OK;
	}
	if (opt_interval_count("syscount", argc, argv, &optind, &interval, &count, -1))
		return EXIT_USAGE;
	rc = bpf_cmd_start(&bc);
	if (rc)
		goto out;
	if (syscount_open(&o, latency, &s, &e)) {
		rc = bpf_cmd_fail(&bc, &e);
		goto out;
	}
	bpf_cmd_ready(&bc, "syscalls");
	rc = loop(s, &bc, interval > 0 ? interval : duration, interval > 0 ? count : 1, ts, top);
out:
	syscount_close(s);
	bpf_cmd_end(&bc);
	return rc;
}
