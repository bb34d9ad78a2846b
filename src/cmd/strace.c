/* triage strace: strace -p's lines (and -c's table) without ptrace: the
 * syscalls of the given processes from the raw sys_enter/sys_exit
 * tracepoints, filtered in the kernel by process, the process never stopped. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bpf/strace_api.h"
#include "bpf/syscall_names.h"
#include "cmd/bpf_cmd.h"
#include "cmd/strace_fds.h"
#include "core/err.h"
#include "views/strace.h"

#define MAX_PIDS 64

static void help(void)
{
	puts("Usage: triage strace -p PID[,PID...] [-fTcv] [-e SYSCALL[,...]] [-s SIZE] [-o FILE]\n"
	     "                     [-d SECONDS] [--json]\n"
	     "Each syscall of the processes as strace prints it: decoded arguments (paths,\n"
	     "descriptors with what they point at, flags by name, buffers quoted and cut,\n"
	     "socket addresses), the return value or the errno name. From the raw\n"
	     "sys_enter/sys_exit tracepoints: the process is never stopped (no ptrace).\n"
	     "  -p, --pid PID[,PID]  the processes (every thread of each)\n"
	     "  -f, --follow         their children too, from their fork on\n"
	     "  -e, --trace LIST     only these syscalls (names, comma-separated; trace=LIST too)\n"
	     "  -T, --durations      the time spent in each call: <seconds>\n"
	     "  -c, --summary        strace -c's table instead of the lines (wall-clock time\n"
	     "                       inside each call, as strace -c -w)\n"
	     "  -s, --string-limit N bytes of a buffer shown (default 32, at most 256)\n"
	     "  -o, --output FILE    write to FILE instead of stdout\n"
	     "  -d, --duration S     stop after S seconds (default: at Ctrl-C or when the\n"
	     "                       processes are gone)\n"
	     "  -v, --verbose        libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

struct strace_cmd {
	struct bpf_cmd bc;
	struct strace_opts o;
	struct strace_view v;
	pid_t pids[MAX_PIDS];
	bool only[STRACE_MAX_NR];
	bool filtered;
	const char *out_path;
	double duration;
	struct strace_fds *fds;
};

static int parse_pids(struct strace_cmd *c, const char *arg)
{
	char buf[1024], *save = NULL, *tok;
	int rc;

	snprintf(buf, sizeof(buf), "%s", arg);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (c->o.npids >= MAX_PIDS) {
			err_msg("strace", "at most %d processes", MAX_PIDS);
			return EXIT_USAGE;
		}
		rc = bpf_cmd_pid(&c->bc, tok, &c->pids[c->o.npids]);
		if (rc)
			return rc;
		c->o.npids++;
	}
	if (!c->o.npids) {
		err_msg("strace", "invalid PID list '%s'", arg);
		return EXIT_USAGE;
	}
	return 0;
}

static int parse_syscalls(struct strace_cmd *c, const char *arg)
{
	char buf[4096], *save = NULL, *tok;

	if (strncmp(arg, "trace=", 6) == 0)
		arg += 6;
	snprintf(buf, sizeof(buf), "%s", arg);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		long nr = syscall_nr(tok);

		if (nr < 0 || nr >= STRACE_MAX_NR) {
			err_msg("strace", "unknown syscall '%s'", tok);
			return EXIT_USAGE;
		}
		c->only[nr] = true;
		c->filtered = true;
	}
	if (!c->filtered) {
		err_msg("strace", "empty syscall list '%s'", arg);
		return EXIT_USAGE;
	}
	return 0;
}

static int parse_opt(struct strace_cmd *c, int opt, const char *arg)
{
	long n;

	switch (opt) {
	case 'p': return parse_pids(c, arg);
	case 'f': c->o.follow = true; return 0;
	case 'e': return parse_syscalls(c, arg);
	case 'T': c->v.durations = true; return 0;
	case 'c': c->o.count_only = true; return 0;
	case 'o': c->out_path = arg; return 0;
	case 'v': c->bc.verbose = true; return 0;
	case 's':
		if (opt_parse_long(arg, 0, STRACE_DATA, &n)) {
			err_msg("strace", "invalid string limit '%s' (0..%d)", arg, STRACE_DATA);
			return EXIT_USAGE;
		}
		c->v.strsize = (int)n;
		return 0;
	case 'd':
		if (opt_parse_double(arg, 0.001, 1e9, &c->duration)) {
			err_msg("strace", "invalid duration '%s'", arg);
			return EXIT_USAGE;
		}
		return 0;
	}
	opt_usage_hint("strace");
	return EXIT_USAGE;
}

static void on_event(void *ctx, const struct strace_event *e)
{
	struct strace_cmd *c = ctx;

	strace_fds_before(c->fds, e);
	strace_view_event(&c->v, e);
	strace_fds_after(c->fds, e);
}

static double since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Until Ctrl-C, the duration, or every traced process gone. */
static int run(struct strace_cmd *c, struct strace *s)
{
	struct timespec t0;
	int n, ticks = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!sampler_interrupted()) {
		n = strace_poll(s, 50);
		if (n == -EINTR)
			break;
		if (n < 0) {
			err_errno("strace", n, "cannot read events");
			return EXIT_FAIL;
		}
		fflush(c->v.f);
		if (c->duration > 0 && since(&t0) >= c->duration)
			break;
		if (n == 0 || ++ticks % 20 == 0) {
			if (!strace_alive(s))
				break;
		}
	}
	strace_poll(s, 0);
	return EXIT_OK;
}

static int report_counts(struct strace_cmd *c, struct strace *s)
{
	struct strace_counts k = { 0 };
	int err = strace_read_counts(s, &k);

	if (err) {
		err_errno("strace", err, "cannot read the counters");
		strace_counts_free(&k);
		return EXIT_FAIL;
	}
	if (c->v.json)
		strace_view_counts_json(c->v.f, &k);
	else
		strace_view_counts(c->v.f, &k);
	strace_counts_free(&k);
	return EXIT_OK;
}

static int trace(struct strace_cmd *c)
{
	struct bpf_env_err e = { 0 };
	struct strace *s = NULL;
	int rc;

	c->fds = strace_fds_new(sampler_root(&c->bc.smp), !c->filtered);
	if (!c->fds) {
		err_errno("strace", -ENOMEM, "cannot allocate");
		return EXIT_FAIL;
	}
	c->v.fdname = strace_fds_name;
	c->v.fdctx = c->fds;
	if (strace_open(&c->o, on_event, c, &s, &e)) {
		rc = bpf_cmd_fail(&c->bc, &e);
		goto out;
	}
	for (size_t i = 0; i < c->o.npids; i++)
		strace_fds_seed(c->fds, c->pids[i]);
	bpf_cmd_ready(&c->bc, "syscalls");
	rc = run(c, s);
	if (rc == EXIT_OK && c->o.count_only)
		rc = report_counts(c, s);
	else
		strace_view_lost(&c->v, strace_dropped(s));
	fflush(c->v.f);
out:
	strace_close(s);
	strace_fds_free(c->fds);
	return rc;
}

int cmd_strace(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "pid", required_argument, 0, 'p' },
		{ "follow", no_argument, 0, 'f' },
		{ "trace", required_argument, 0, 'e' },
		{ "durations", no_argument, 0, 'T' },
		{ "summary", no_argument, 0, 'c' },
		{ "string-limit", required_argument, 0, 's' },
		{ "output", required_argument, 0, 'o' },
		{ "duration", required_argument, 0, 'd' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	struct strace_cmd c;
	FILE *out = NULL;
	int opt, rc;

	memset(&c, 0, sizeof(c));
	bpf_cmd_init(&c.bc, "strace");
	c.v.strsize = 32;
	c.o.pids = c.pids;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "hp:fe:Tcs:o:d:v", longopts, NULL)) != -1) {
		if (common_opt(opt, optarg, &c.bc.co))
			continue;
		if ((rc = parse_opt(&c, opt, optarg)))
			return rc;
	}
	if (c.bc.co.help) {
		help();
		return EXIT_OK;
	}
	if ((rc = bpf_cmd_no_args(&c.bc, argc, argv, optind)))
		return rc;
	if (!c.o.npids) {
		err_msg("strace", "give the processes to trace with -p PID[,PID...]");
		opt_usage_hint("strace");
		return EXIT_USAGE;
	}
	c.o.only = c.filtered ? c.only : NULL;
	c.v.json = c.bc.co.json;
	c.v.prefix = c.o.follow || c.o.npids > 1;
	c.v.f = stdout;
	if (c.out_path) {
		out = fopen(c.out_path, "w");
		if (!out) {
			err_errno("strace", -errno, "cannot write %s", c.out_path);
			return EXIT_FAIL;
		}
		c.v.f = out;
	}
	rc = bpf_cmd_start(&c.bc);
	if (!rc)
		rc = trace(&c);
	bpf_cmd_end(&c.bc);
	if (out && fclose(out) && rc == EXIT_OK) {
		err_errno("strace", -errno, "cannot write %s", c.out_path);
		rc = EXIT_FAIL;
	}
	return rc;
}
