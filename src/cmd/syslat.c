/* triage syslat: time inside each syscall as a log2 histogram per syscall
 * (and per process with -P), from raw sys_enter/sys_exit. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bpf/syscall_names.h"
#include "bpf/syslat_api.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "views/syslat.h"

static void help(void)
{
	puts("Usage: triage syslat [-mPTv] [-p PID] [-e SYSCALL[,...]] [-d SECONDS] [--json]\n"
	     "                     [interval [count]]\n"
	     "Time spent inside each syscall, as a log2 histogram per syscall. Without an\n"
	     "interval, prints once at Ctrl-C or after -d seconds; with one, every interval\n"
	     "(count times).\n"
	     "  -e, --syscalls LIST  only these syscalls (names, comma-separated)\n"
	     "  -p, --pid PID        only this process\n"
	     "  -P, --pids           one histogram per syscall and process\n"
	     "  -m, --milliseconds   histogram in ms (default us)\n"
	     "  -T, --timestamp      print the time above each interval's histograms\n"
	     "  -d, --duration S     stop after S seconds\n"
	     "  -v, --verbose        libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

struct syslat_cmd {
	struct bpf_cmd bc;
	struct syslat_opts o;
	bool only[SYSLAT_MAX_NR];
	bool ts;
	double duration;
};

static int parse_syscalls(struct syslat_cmd *c, const char *arg)
{
	char buf[4096], *save = NULL, *tok;
	bool any = false;

	snprintf(buf, sizeof(buf), "%s", arg);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		long nr = syscall_nr(tok);

		if (nr < 0 || nr >= SYSLAT_MAX_NR) {
			err_msg("syslat", "unknown syscall '%s'", tok);
			return EXIT_USAGE;
		}
		c->only[nr] = any = true;
	}
	if (!any) {
		err_msg("syslat", "empty syscall list '%s'", arg);
		return EXIT_USAGE;
	}
	c->o.only = c->only;
	return 0;
}

static int parse_opt(struct syslat_cmd *c, int opt, const char *arg)
{
	switch (opt) {
	case 'e': return parse_syscalls(c, arg);
	case 'p': return bpf_cmd_pid(&c->bc, arg, &c->o.pid);
	case 'P': c->o.per_proc = true; return 0;
	case 'm': c->o.ms = true; return 0;
	case 'T': c->ts = true; return 0;
	case 'v': c->bc.verbose = true; return 0;
	case 'd':
		if (opt_parse_double(arg, 0.001, 1e9, &c->duration)) {
			err_msg("syslat", "invalid duration '%s'", arg);
			return EXIT_USAGE;
		}
		return 0;
	}
	opt_usage_hint("syslat");
	return EXIT_USAGE;
}

static int report(struct syslat_cmd *c, struct syslat *s)
{
	struct log2_hists hs = { 0 };
	char clk[9];
	int err = syslat_read(s, &hs, true);

	if (err) {
		err_errno("syslat", err, "cannot read the histograms");
	} else {
		log2_hists_sort(&hs);
		if (c->bc.co.json)
			syslat_print_json(stdout, &hs, c->o.per_proc, (long long)time(NULL));
		else
			syslat_print(stdout, &hs, c->o.per_proc, c->ts ? bpf_cmd_clock(clk) : NULL);
		fflush(stdout);
	}
	log2_hists_free(&hs);
	return err ? EXIT_FAIL : EXIT_OK;
}

/* Every interval, count times (count < 0: until Ctrl-C); interval 0: once,
 * at Ctrl-C or after the duration. */
static int loop(struct syslat_cmd *c, struct syslat *s, double interval, long count)
{
	double wait = interval > 0 ? interval : c->duration > 0 ? c->duration : 1e9;

	if (interval <= 0)
		count = 1;
	for (long i = 0; count < 0 || i < count; i++) {
		int stop = bpf_env_sleep(wait);

		if (report(c, s))
			return EXIT_FAIL;
		if (stop)
			break;
	}
	return EXIT_OK;
}

int cmd_syslat(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "syscalls", required_argument, 0, 'e' },
		{ "pid", required_argument, 0, 'p' },
		{ "pids", no_argument, 0, 'P' },
		{ "milliseconds", no_argument, 0, 'm' },
		{ "timestamp", no_argument, 0, 'T' },
		{ "duration", required_argument, 0, 'd' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	struct bpf_env_err e = { 0 };
	struct syslat *s = NULL;
	struct syslat_cmd c;
	double interval;
	long count;
	int opt, rc;

	memset(&c, 0, sizeof(c));
	bpf_cmd_init(&c.bc, "syslat");
	optind = 1;
	while ((opt = getopt_long(argc, argv, "he:p:PmTd:v", longopts, NULL)) != -1) {
		if (common_opt(opt, optarg, &c.bc.co))
			continue;
		if ((rc = parse_opt(&c, opt, optarg)))
			return rc;
	}
	if (c.bc.co.help) {
		help();
		return EXIT_OK;
	}
	if (opt_interval_count("syslat", argc, argv, &optind, &interval, &count, -1))
		return EXIT_USAGE;
	rc = bpf_cmd_start(&c.bc);
	if (rc)
		goto out;
	if (syslat_open(&c.o, &s, &e)) {
		rc = bpf_cmd_fail(&c.bc, &e);
		goto out;
	}
	bpf_cmd_ready(&c.bc, "syscall latency");
	rc = loop(&c, s, interval, count);
out:
	syslat_close(s);
	bpf_cmd_end(&c.bc);
	return rc;
}
