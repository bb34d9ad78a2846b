/* triage fsslower [MIN_MS]: reads, writes, opens and fsyncs of regular files
 * slower than MIN_MS (ext4slower, xfsslower, fileslower) from the syscall
 * tracepoints, with ext4's sync tracepoints for the syncs fsync(2) does not
 * make. */
#include <stdio.h>
#include <string.h>

#include "bpf/fsslower_api.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "sources/proc_pid_fd.h"
#include "views/fsslower.h"

static void help(void)
{
	puts("Usage: triage fsslower [-v] [-p PID] [-d SECONDS] [--json] [MIN_MS]\n"
	     "Reads, writes, opens and fsyncs of regular files that took at least MIN_MS\n"
	     "milliseconds (default 10; 0 shows every call): process, operation, bytes,\n"
	     "offset, latency and file (its path when the descriptor is still open, else\n"
	     "its name). From the syscall tracepoints, on any filesystem; on ext4, also the\n"
	     "syncs that come from elsewhere than fsync(2) (msync, io_uring): T = S.\n"
	     "  -p, --pid PID        only this process\n"
	     "  -d, --duration S     stop after S seconds (default: at Ctrl-C)\n"
	     "  -v, --verbose        libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

struct fss_ctx {
	struct fsslower_view v;
	const struct root *r;
};

/* The descriptor's full path, when it still names the file of the event. */
static const char *full_path(const struct fss_ctx *c, const struct fsslower_event *e, char *buf,
			     size_t size)
{
	size_t n = strnlen(e->name, sizeof(e->name));
	ssize_t len;

	if (e->op == FSS_OPEN || e->fd < 0 || !n)
		return NULL;
	len = proc_pid_fd_link(c->r, (pid_t)e->pid, e->fd, buf, size);
	if (len <= (ssize_t)n || buf[len - (ssize_t)n - 1] != '/' ||
	    memcmp(buf + len - (ssize_t)n, e->name, n) != 0)
		return NULL;
	return buf;
}

static void on_event(void *ctx, const struct fsslower_event *e)
{
	struct fss_ctx *c = ctx;
	char path[4096];

	fsslower_event(&c->v, e, full_path(c, e, path, sizeof(path)));
}

static int poll(void *tool, int ms)
{
	return fsslower_poll(tool, ms);
}

static int parse_min(const char *arg, struct fsslower_opts *o)
{
	double ms;

	if (opt_parse_double(arg, 0, 1e9, &ms)) {
		err_msg("fsslower", "invalid MIN_MS '%s'", arg);
		opt_usage_hint("fsslower");
		return EXIT_USAGE;
	}
	o->min_ns = (uint64_t)(ms * 1e6);
	return 0;
}

int cmd_fsslower(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "pid", required_argument, 0, 'p' },
		{ "duration", required_argument, 0, 'd' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	struct fsslower_opts o = { .min_ns = 10000000 };
	struct fss_ctx c = { .v = { .f = stdout } };
	struct bpf_env_err e = { 0 };
	struct fsslower *x = NULL;
	struct bpf_cmd bc;
	double duration = 0;
	int opt, rc;

	bpf_cmd_init(&bc, "fsslower");
	optind = 1;
	while ((opt = getopt_long(argc, argv, "hp:d:v", longopts, NULL)) != -1) {
		if (common_opt(opt, optarg, &bc.co))
			continue;
		switch (opt) {
		case 'p':
			if ((rc = bpf_cmd_pid(&bc, optarg, &o.pid)))
				return rc;
			break;
		case 'd':
			if (opt_parse_double(optarg, 0.001, 1e9, &duration)) {
				err_msg("fsslower", "invalid duration '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'v': bc.verbose = true; break;
		default: opt_usage_hint("fsslower"); return EXIT_USAGE;
		}
	}
	if (bc.co.help) {
		help();
		return EXIT_OK;
	}
	if (optind < argc && (rc = parse_min(argv[optind++], &o)))
		return rc;
	if ((rc = bpf_cmd_no_args(&bc, argc, argv, optind)))
		return rc;
	rc = bpf_cmd_start(&bc);
	if (rc)
		goto out;
	c.v.json = bc.co.json;
	c.r = sampler_root(&bc.smp);
	if (fsslower_open(&o, on_event, &c, &x, &e)) {
		rc = bpf_cmd_fail(&bc, &e);
		goto out;
	}
	if (!fsslower_ext4(x))
		err_msg("fsslower", "no ext4_sync_file tracepoints here: syncs that do not come "
			"from fsync(2)/fdatasync(2) are not seen");
	fsslower_header(&c.v);
	bpf_cmd_ready(&bc, "file-system calls");
	rc = bpf_cmd_event_loop(&bc, poll, x, duration);
	fsslower_lost(&c.v, fsslower_dropped(x));
out:
	fsslower_close(x);
	bpf_cmd_end(&bc);
	return rc;
}
