/* triage filetop: the files read and written most, per thread, every
 * interval (bcc's filetop), counted in the kernel from the syscall
 * tracepoints (bpf/filetop.bpf.c). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bpf/filetop_api.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "views/filetop.h"

static void help(void)
{
	puts("Usage: triage filetop [-aCv] [-r MAXROWS] [-s reads|writes|rbytes|wbytes|all]\n"
	     "                      [-p PID] [-d SECONDS] [--json] [interval [count]]\n"
	     "Every interval (default 1 s), the files each thread read and wrote most:\n"
	     "READS and WRITES are the calls (read, write, pread64, pwrite64, readv, writev,\n"
	     "preadv, pwritev, preadv2, pwritev2) that succeeded, R_Kb and W_Kb the bytes\n"
	     "they returned; T is R (regular file), S (socket) or O (other); FILE the\n"
	     "file's name (a file closed during the interval is still named).\n"
	     "  -a, --all-files      every type of file, not only regular ones\n"
	     "  -C, --noclear        do not clear the terminal between tables\n"
	     "  -r, --maxrows N      rows shown (default 20; 0 = all)\n"
	     "  -s, --sort KEY       all (default: calls + bytes), reads, writes, rbytes, wbytes\n"
	     "  -p, --pid PID        only this process\n"
	     "  -d, --duration S     stop after S seconds (default: at Ctrl-C or count)\n"
	     "  -v, --verbose        libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

struct ft_cmd {
	struct bpf_cmd bc;
	struct filetop_opts o;
	struct filetop_view v;
	double interval, duration;
	long count;
	bool noclear;
	uint64_t lost;		/* dropped calls reported so far */
	struct filetop *x;
	struct filetop_table t;	/* one interval's rows, reused */
};

static int parse_opt(struct ft_cmd *c, int opt, const char *arg)
{
	switch (opt) {
	case 'a': c->o.all = true; return 0;
	case 'C': c->noclear = true; return 0;
	case 'r':
		if (!opt_parse_long(arg, 0, 1000000, &c->v.maxrows))
			return 0;
		err_msg("filetop", "invalid row count '%s'", arg);
		return EXIT_USAGE;
	case 's':
		if (!filetop_sort_parse(arg, &c->v.sort))
			return 0;
		err_msg("filetop", "invalid sort key '%s' (all, reads, writes, rbytes, wbytes)", arg);
		return EXIT_USAGE;
	case 'p': return bpf_cmd_pid(&c->bc, arg, &c->o.pid);
	case 'd':
		if (!opt_parse_double(arg, 0.001, 1e9, &c->duration))
			return 0;
		err_msg("filetop", "invalid duration '%s'", arg);
		return EXIT_USAGE;
	case 'v': c->bc.verbose = true; return 0;
	}
	opt_usage_hint("filetop");
	return EXIT_USAGE;
}

static int report(void *ctx)
{
	struct ft_cmd *c = ctx;
	char load[96];
	uint64_t lost = filetop_dropped(c->x);
	int err = filetop_read(c->x, &c->t);

	if (err) {
		err_errno("filetop", err, "cannot read the counts");
		return err;
	}
	filetop_sort(&c->v, &c->t);
	filetop_print(&c->v, &c->t, bpf_cmd_loadavg(&c->bc, load, sizeof(load)), lost - c->lost);
	c->lost = lost;
	return 0;
}

int cmd_filetop(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "all-files", no_argument, 0, 'a' },
		{ "noclear", no_argument, 0, 'C' },
		{ "maxrows", required_argument, 0, 'r' },
		{ "sort", required_argument, 0, 's' },
		{ "pid", required_argument, 0, 'p' },
		{ "duration", required_argument, 0, 'd' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	struct bpf_env_err e = { 0 };
	struct ft_cmd c;
	int opt, rc;

	memset(&c, 0, sizeof(c));
	bpf_cmd_init(&c.bc, "filetop");
	c.v.f = stdout;
	c.v.maxrows = 20;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "haCr:s:p:d:v", longopts, NULL)) != -1) {
		if (common_opt(opt, optarg, &c.bc.co))
			continue;
		if ((rc = parse_opt(&c, opt, optarg)))
			return rc;
	}
	if (c.bc.co.help) {
		help();
		return EXIT_OK;
	}
	if (opt_interval_count("filetop", argc, argv, &optind, &c.interval, &c.count, -1))
		return EXIT_USAGE;
	if (c.interval <= 0)
		c.interval = 1;
	rc = bpf_cmd_start(&c.bc);
	if (rc)
		goto out;
	c.v.json = c.bc.co.json;
	c.v.clear = !c.noclear && !c.v.json && isatty(STDOUT_FILENO);
	if (filetop_open(&c.o, &c.x, &e)) {
		rc = bpf_cmd_fail(&c.bc, &e);
		goto out;
	}
	bpf_cmd_ready(&c.bc, "reads and writes");
	rc = bpf_cmd_interval_loop(&c.bc, report, &c, c.interval, c.count, c.duration);
out:
	filetop_table_free(&c.t);
	filetop_close(c.x);
	bpf_cmd_end(&c.bc);
	return rc;
}
