/* triage offcputime: time threads spend blocked, by stack (user + kernel),
 * like libbpf-tools' offcputime; folded output feeds flame graphs. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bpf/offcputime_api.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "model/offcpu.h"
#include "views/flame_svg.h"
#include "views/folded.h"
#include "views/offcpu.h"
#include "views/pprof.h"
#include "views/speedscope.h"

static void help(void)
{
	puts("Usage: triage offcputime [-fPUKv] [-p PID] [-c CGROUP] [-m MIN_US] [-M MAX_US]\n"
	     "                         [--state N] [--json] [--format pprof|speedscope [-o FILE]]\n"
	     "                         [duration]\n"
	     "Time threads spend off CPU (blocked), by user and kernel stack, in us.\n"
	     "Prints at the end of duration seconds, or at Ctrl-C.\n"
	     "  -f, --folded         folded stacks, one line each (comm;user...;kernel_[k] us),\n"
	     "                       the input of flame graphs (triage flamegraph)\n"
	     "      --svg FILE       also write an off-CPU flame graph (SVG) to FILE\n"
	     "      --title TEXT     its title\n"
	     "      --format FMT     pprof (gzipped protobuf, offcpu/microseconds, for go tool\n"
	     "                       pprof / Grafana) or speedscope (JSON for speedscope.app),\n"
	     "                       to -o FILE, or to stdout instead of the text\n"
	     "  -o, --output FILE    where --format writes\n"
	     "  -P, --per-process    merge threads of a process\n"
	     "  -U, --user-only      user stacks only\n"
	     "  -K, --kernel-only    kernel stacks only\n"
	     "  -p, --pid PID        only this process\n"
	     "  -c, --cgroup DIR     only tasks in this cgroup v2 directory\n"
	     "  -m, --min-block US   ignore blocks shorter than US (default 1)\n"
	     "  -M, --max-block US   ignore blocks longer than US\n"
	     "      --state N        only threads blocking in state N (1 sleeping, 2 disk)\n"
	     "  -v, --verbose        libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

static const char *sym_name(void *ctx, uint32_t tgid, uint64_t addr, bool kernel, bool leaf,
			    char *buf, size_t size)
{
	return offcpu_frame(ctx, tgid, addr, kernel, leaf, buf, size);
}

enum { OPT_STATE = OPT_COMMON__END, OPT_SVG, OPT_TITLE, OPT_FORMAT };
enum { FMT_NONE, FMT_PPROF, FMT_SPEEDSCOPE };

/* What the command line asked for, besides the probe's own options. */
struct cli {
	struct offcputime_opts o;
	bool folded, per_process;
	const char *svg, *title, *out;
	int format;
	double duration;
};

/* --format's profile of the folded stacks to cl->out or stdout. */
static int write_format(const struct stacks *fs, const struct cli *cl)
{
	FILE *f = cl->out ? fopen(cl->out, "w") : stdout;
	int err;

	if (!f) {
		err = -errno;
		err_errno("offcputime", err, "cannot write %s", cl->out);
		return err;
	}
	if (cl->format == FMT_PPROF)
		err = pprof_write(f, fs, &(struct pprof_opts){ .type = "offcpu", .unit = "microseconds" });
	else
		err = speedscope_write(f, fs, cl->title ? cl->title : "off-CPU time", "microseconds");
	if (fflush(f) && !err)
		err = -errno;
	if (f != stdout && fclose(f) && !err)
		err = -errno;
	if (err)
		err_errno("offcputime", err, "cannot write %s", cl->out ? cl->out : "stdout");
	return err;
}

/* Folded text to stdout, the off-CPU flame graph to cl->svg and/or the
 * --format profile. */
static int write_folded(const struct offcpu_stacks *st, struct symbolizer *sym, bool folded,
			const struct cli *cl)
{
	const char *svg = cl->svg;
	struct flame_opts fo = { .title = cl->title ? cl->title : "Off-CPU Time Flame Graph",
				 .count_name = "us", .palette = FLAME_PALETTE_OFFCPU };
	struct stacks fs;
	FILE *f;
	int err;

	if ((err = stacks_init(&fs, 0, 0)))
		return err;
	err = offcpu_fold(st, sym, &fs);
	if (!err && folded)
		err = folded_write(stdout, &fs);
	if (!err && svg) {
		f = fopen(svg, "w");
		if (!f) {
			err = -errno;
			err_errno("offcputime", err, "cannot write %s", svg);
		} else {
			err = flame_svg_write(f, &fs, &fo);
			if (fclose(f) && !err)
				err = -errno;
		}
	}
	if (!err && cl->format != FMT_NONE)
		err = write_format(&fs, cl);
	if (fs.dropped_samples)
		err_msg("offcputime", "%" PRIu64 " us of stacks did not fit the folding limits",
			fs.dropped_samples);
	stacks_free(&fs);
	return err;
}

static int num(const char *arg, const char *what, long max, long *out)
{
	if (opt_parse_long(arg, 0, max, out)) {
		err_msg("offcputime", "invalid %s '%s'", what, arg);
		opt_usage_hint("offcputime");
		return EXIT_USAGE;
	}
	return 0;
}

static int parse_format(const char *arg, struct cli *cl)
{
	if (strcmp(arg, "pprof") == 0)
		cl->format = FMT_PPROF;
	else if (strcmp(arg, "speedscope") == 0)
		cl->format = FMT_SPEEDSCOPE;
	else {
		err_msg("offcputime", "unknown format '%s' (pprof, speedscope)", arg);
		opt_usage_hint("offcputime");
		return EXIT_USAGE;
	}
	return 0;
}

/* -o without --format; binary pprof to a terminal. Returns 0 or EXIT_USAGE. */
static int check_format(const struct cli *cl)
{
	if (cl->out && cl->format == FMT_NONE) {
		err_msg("offcputime", "-o goes with --format pprof|speedscope");
		return EXIT_USAGE;
	}
	if (cl->format == FMT_PPROF && !cl->out && isatty(STDOUT_FILENO)) {
		err_msg("offcputime", "pprof is binary: give -o FILE or redirect stdout");
		return EXIT_USAGE;
	}
	return 0;
}

/* Parse argv into bc and cli. Returns -1 to go on, else an exit status. */
static int parse(int argc, char **argv, struct bpf_cmd *bc, struct cli *cl)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "folded", no_argument, 0, 'f' },
		{ "per-process", no_argument, 0, 'P' },
		{ "user-only", no_argument, 0, 'U' },
		{ "kernel-only", no_argument, 0, 'K' },
		{ "pid", required_argument, 0, 'p' },
		{ "cgroup", required_argument, 0, 'c' },
		{ "min-block", required_argument, 0, 'm' },
		{ "max-block", required_argument, 0, 'M' },
		{ "state", required_argument, 0, OPT_STATE },
		{ "svg", required_argument, 0, OPT_SVG },
		{ "title", required_argument, 0, OPT_TITLE },
		{ "format", required_argument, 0, OPT_FORMAT },
		{ "output", required_argument, 0, 'o' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	long v;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hfPUKp:c:m:M:vo:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &bc->co))
			continue;
		switch (c) {
		case 'f': cl->folded = true; break;
		case 'P': cl->per_process = true; break;
		case 'U': cl->o.user_only = true; break;
		case 'K': cl->o.kernel_only = true; break;
		case 'p':
			if ((rc = bpf_cmd_pid(bc, optarg, &cl->o.pid)))
				return rc;
			break;
		case 'c': cl->o.cgroup = optarg; break;
		case 'm':
		case 'M':
			if ((rc = num(optarg, "block time", 1000000000000L, &v)))
				return rc;
			*(c == 'm' ? &cl->o.min_block_us : &cl->o.max_block_us) = (uint64_t)v;
			break;
		case OPT_STATE:
			if ((rc = num(optarg, "state", 0x7fffffff, &cl->o.state)))
				return rc;
			break;
		case OPT_SVG: cl->svg = optarg; break;
		case OPT_TITLE: cl->title = optarg; break;
		case 'o': cl->out = optarg; break;
		case OPT_FORMAT:
			if ((rc = parse_format(optarg, cl)))
				return rc;
			break;
		case 'v': bc->verbose = true; break;
		default: opt_usage_hint("offcputime"); return EXIT_USAGE;
		}
	}
	if (bc->co.help) {
		help();
		return EXIT_OK;
	}
	if ((rc = check_format(cl)))
		return rc;
	if (cl->o.user_only && cl->o.kernel_only) {
		err_msg("offcputime", "-U and -K cannot be combined");
		return EXIT_USAGE;
	}
	if (optind < argc && opt_parse_double(argv[optind++], 0.001, 1e9, &cl->duration)) {
		err_msg("offcputime", "invalid duration '%s'", argv[optind - 1]);
		opt_usage_hint("offcputime");
		return EXIT_USAGE;
	}
	if (optind < argc) {
		err_msg("offcputime", "unexpected argument '%s'", argv[optind]);
		opt_usage_hint("offcputime");
		return EXIT_USAGE;
	}
	return -1;
}

/* Symbolize and print what was collected. Returns an exit status. */
static int output(const struct cli *cl, struct bpf_cmd *bc, struct offcpu_stacks *st)
{
	bool to_stdout = cl->format != FMT_NONE && !cl->out;	/* the profile replaces the text */
	struct symbolizer *sym;
	int rc = EXIT_OK;

	offcpu_stacks_merge(st, cl->per_process);
	offcpu_stacks_sort(st);
	sym = symbolizer_new(sampler_root(&bc->smp));
	if (!sym) {
		err_msg("offcputime", "out of memory");
		return EXIT_FAIL;
	}
	if (bc->co.json && !to_stdout)
		offcpu_print_json(stdout, st, sym_name, sym);
	else if (!cl->folded && !to_stdout)	/* stacks one frame a line, also with --svg alone */
		offcpu_print(stdout, st, sym_name, sym);
	if ((cl->folded || cl->svg || cl->format != FMT_NONE) &&
	    write_folded(st, sym, cl->folded && !bc->co.json && !to_stdout, cl))
		rc = EXIT_FAIL;
	symbolizer_free(sym);
	return rc;
}

int cmd_offcputime(int argc, char **argv)
{
	struct cli cl = { .o = { .min_block_us = 1, .state = -1 } };
	struct offcpu_stacks st = { 0 };
	struct bpf_env_err e = { 0 };
	struct offcputime *x = NULL;
	struct bpf_cmd bc;
	int rc;

	bpf_cmd_init(&bc, "offcputime");
	rc = parse(argc, argv, &bc, &cl);
	if (rc >= 0)
		return rc;
	rc = bpf_cmd_start(&bc);
	if (rc)
		goto out;
	if (offcputime_open(&cl.o, &x, &e)) {
		rc = bpf_cmd_fail(&bc, &e);
		goto out;
	}
	bpf_cmd_ready(&bc, "off-CPU time (us) by stack");
	bpf_env_sleep(cl.duration > 0 ? cl.duration : 1e9);
	if (offcputime_read(x, &st)) {
		err_msg("offcputime", "cannot read the stacks");
		rc = EXIT_FAIL;
		goto out;
	}
	/* stacks are read: detach before the (slower) symbolization */
	offcputime_close(x);
	x = NULL;
	rc = output(&cl, &bc, &st);
out:
	offcpu_stacks_free(&st);
	offcputime_close(x);
	bpf_cmd_end(&bc);
	return rc;
}
