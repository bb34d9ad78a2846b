/* triage memleak: outstanding allocations of a process by user stack, from
 * uprobes on its libc (bcc memleak -p's report), with their ages. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bpf/memleak_api.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "model/symbolize.h"
#include "sources/proc_pid.h"
#include "views/memleak.h"

static void help(void)
{
	puts("Usage: triage memleak -p PID [-v] [-t N] [-o MS] [-d SECONDS] [--no-mmap] [--json]\n"
	     "                      [interval [count]]\n"
	     "Outstanding allocations of a running process by user stack: uprobes on its\n"
	     "libc's malloc, calloc, realloc, free, posix_memalign, aligned_alloc, memalign,\n"
	     "valloc, pvalloc, mmap and munmap. Every interval (default 5 s, count times)\n"
	     "prints the stacks holding the most bytes, with the age of each one's oldest\n"
	     "allocation; ends at Ctrl-C, after -d seconds or when the process exits, with\n"
	     "a last report.\n"
	     "  -p, --pid PID        the process (required)\n"
	     "  -t, --top N          stacks per report (default 10)\n"
	     "  -o, --older MS       only allocations at least MS milliseconds old\n"
	     "  -d, --duration S     stop after S seconds\n"
	     "      --no-mmap        leave mmap/munmap out (malloc's own mmaps never count)\n"
	     "  -v, --verbose        libbpf's messages\n"
	     "Needs root and a kernel with BTF and uprobes. Exit status: 0 ok, 1 failure,\n"
	     "2 usage.");
}

enum { OPT_NO_MMAP = OPT_COMMON__END };

struct memleak_cmd {
	struct bpf_cmd bc;
	struct memleak_opts o;
	long top;
	double older_ms;
	double duration, interval;
	long count;
	struct symbolizer *sym;
	struct json j;
	bool doc;	/* one JSON document (a bounded run), else JSON Lines */
};

static const char *sym_name(void *ctx, uint64_t addr, char *buf, size_t size)
{
	struct memleak_cmd *c = ctx;

	symbolizer_frame(c->sym, c->o.pid, addr, PCTX_USER, true, buf, size);
	return buf;
}

static int parse_opt(struct memleak_cmd *c, int opt, const char *arg)
{
	switch (opt) {
	case 'p': return bpf_cmd_pid(&c->bc, arg, &c->o.pid);
	case 't':
		if (opt_parse_long(arg, 1, 100000, &c->top)) {
			err_msg("memleak", "invalid number of stacks '%s'", arg);
			return EXIT_USAGE;
		}
		return 0;
	case 'o':
		if (opt_parse_double(arg, 0, 1e12, &c->older_ms)) {
			err_msg("memleak", "invalid age '%s'", arg);
			return EXIT_USAGE;
		}
		return 0;
	case 'd':
		if (opt_parse_double(arg, 0.001, 1e9, &c->duration)) {
			err_msg("memleak", "invalid duration '%s'", arg);
			return EXIT_USAGE;
		}
		return 0;
	case OPT_NO_MMAP: c->o.no_mmap = true; return 0;
	case 'v': c->bc.verbose = true; return 0;
	}
	opt_usage_hint("memleak");
	return EXIT_USAGE;
}

static int parse(struct memleak_cmd *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "pid", required_argument, 0, 'p' },
		{ "top", required_argument, 0, 't' },
		{ "older", required_argument, 0, 'o' },
		{ "duration", required_argument, 0, 'd' },
		{ "no-mmap", no_argument, 0, OPT_NO_MMAP },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	int opt, rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "hp:t:o:d:v", longopts, NULL)) != -1) {
		if (common_opt(opt, optarg, &c->bc.co))
			continue;
		if ((rc = parse_opt(c, opt, optarg)))
			return rc;
	}
	if (c->bc.co.help) {
		help();
		return EXIT_OK;
	}
	if (opt_interval_count("memleak", argc, argv, &optind, &c->interval, &c->count, -1))
		return EXIT_USAGE;
	if (!c->o.pid) {
		err_msg("memleak", "give the process to trace with -p PID");
		opt_usage_hint("memleak");
		return EXIT_USAGE;
	}
	if (c->interval <= 0)
		c->interval = 5;
	return -1;
}

/* The process ended (gone, or a zombie: its memory is released). */
static bool exited(const struct memleak_cmd *c)
{
	struct proc_pid_stat st;

	if (proc_pid_stat_read(sampler_root(&c->bc.smp), c->o.pid, 0, &st))
		return true;
	return st.state == 'Z' || st.state == 'X';
}

/* -p of a thread: its process (the probes filter on the thread group). */
static void to_process(struct memleak_cmd *c)
{
	struct proc_pid_status st;

	memset(&st, 0, sizeof(st));
	if (!proc_pid_status_read(sampler_root(&c->bc.smp), c->o.pid, 0, &st) && st.tgid > 0)
		c->o.pid = st.tgid;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sleep until end (monotonic seconds) in short steps, watching the process.
 * Returns 1 at Ctrl-C, 2 when the process exited, 0 at end. */
static int wait_until(const struct memleak_cmd *c, double end)
{
	for (;;) {
		double left = end - now_s();

		if (left <= 0)
			return 0;
		if (bpf_env_sleep(left < 0.25 ? left : 0.25))
			return 1;
		if (exited(c))
			return 2;
	}
}

static int report(struct memleak_cmd *c, struct memleak *x, bool final)
{
	struct memleak_report r;
	char clk[9];
	int err;

	if (!exited(c)) {	/* new mappings (dlopen) since the last report */
		symbolizer_exec(c->sym, c->o.pid);
		symbolizer_prepare(c->sym, c->o.pid, c->o.pid);
	}
	err = memleak_read(x, (size_t)c->top, (uint64_t)(c->older_ms * 1e6), &r);
	if (err) {
		err_errno("memleak", err, "cannot read the allocations");
		memleak_report_free(&r);
		return EXIT_FAIL;
	}
	if (!c->bc.co.json) {
		memleak_print(stdout, &r, bpf_cmd_clock(clk), sym_name, c);
	} else if (c->doc) {
		memleak_json(&c->j, &r, c->o.pid, (long long)time(NULL), final, sym_name, c);
	} else {
		json_line_begin(&c->j, stdout);
		memleak_json(&c->j, &r, c->o.pid, (long long)time(NULL), final, sym_name, c);
		json_line_end(&c->j);
	}
	fflush(stdout);
	memleak_report_free(&r);
	return EXIT_OK;
}

static int loop(struct memleak_cmd *c, struct memleak *x)
{
	double t0 = now_s(), end = c->duration > 0 ? t0 + c->duration : 1e300;
	int rc = EXIT_OK;

	if (c->doc) {
		json_init(&c->j, stdout, false);
		json_obj_begin(&c->j, NULL);
		json_str(&c->j, "command", "memleak");
		json_int(&c->j, "pid", c->o.pid);
		json_str(&c->j, "libc", memleak_libc(x));
		json_arr_begin(&c->j, "reports");
	}
	for (long i = 0;; i++) {
		double next = t0 + c->interval * (double)(i + 1);
		int why = wait_until(c, next < end ? next : end);
		bool final = why || now_s() >= end || (c->count > 0 && i + 1 >= c->count);

		if (why == 2 && !c->bc.co.json)
			printf("process %d exited\n", (int)c->o.pid);
		if ((rc = report(c, x, final)) || final)
			break;
	}
	if (c->doc) {
		json_arr_end(&c->j);
		json_obj_end(&c->j);
		json_end(&c->j);
		fflush(stdout);
	}
	return rc;
}

int cmd_memleak(int argc, char **argv)
{
	struct bpf_env_err e = { 0 };
	struct memleak *x = NULL;
	struct memleak_cmd c;
	char what[160];
	int rc;

	memset(&c, 0, sizeof(c));
	c.top = 10;
	bpf_cmd_init(&c.bc, "memleak");
	rc = parse(&c, argc, argv);
	if (rc >= 0)
		return rc;
	c.doc = c.bc.co.json && (c.count > 0 || c.duration > 0);
	rc = bpf_cmd_start(&c.bc);
	if (rc)
		goto out;
	to_process(&c);
	c.sym = symbolizer_new(sampler_root(&c.bc.smp));
	if (!c.sym) {
		err_msg("memleak", "out of memory");
		rc = EXIT_FAIL;
		goto out;
	}
	if (memleak_open(&c.o, sampler_root(&c.bc.smp), &x, &e)) {
		rc = bpf_cmd_fail(&c.bc, &e);
		goto out;
	}
	/* the maps and objects now: the process may be gone at the last report */
	symbolizer_prepare(c.sym, c.o.pid, c.o.pid);
	snprintf(what, sizeof(what), "outstanding allocations of PID %d (%u functions of %.100s)",
		 (int)c.o.pid, memleak_nprobes(x), memleak_libc(x));
	bpf_cmd_ready(&c.bc, what);
	rc = loop(&c, x);
out:
	memleak_close(x);
	symbolizer_free(c.sym);
	bpf_cmd_end(&c.bc);
	return rc;
}
