/* triage offcputime: time threads spend blocked, by stack (user + kernel),
 * like libbpf-tools' offcputime; folded output feeds flame graphs. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "bpf/offcputime_api.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "model/offcpu.h"
#include "views/flame_svg.h"
#include "views/folded.h"
#include "views/offcpu.h"

static void help(void)
{
	puts("Usage: triage offcputime [-fPUKv] [-p PID] [-c CGROUP] [-m MIN_US] [-M MAX_US]\n"
	     "                         [--state N] [--json] [duration]\n"
	     "Time threads spend off CPU (blocked), by user and kernel stack, in us.\n"
	     "Prints at the end of duration seconds, or at Ctrl-C.\n"
	     "  -f, --folded         folded stacks, one line each (comm;user...;kernel_[k] us),\n"
	     "                       the input of flame graphs (triage flamegraph)\n"
	     "      --svg FILE       also write an off-CPU flame graph (SVG) to FILE\n"
	     "      --title TEXT     its title\n"
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

enum { OPT_STATE = OPT_COMMON__END, OPT_SVG, OPT_TITLE };

/* Folded text to stdout and/or the off-CPU flame graph to svg. */
static int write_folded(const struct offcpu_stacks *st, struct symbolizer *sym, bool folded,
			const char *svg, const char *title)
{
	struct flame_opts fo = { .title = title ? title : "Off-CPU Time Flame Graph",
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

int cmd_offcputime(int argc, char **argv)
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
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	struct offcputime_opts o = { .min_block_us = 1, .state = -1 };
	struct offcpu_stacks st = { 0 };
	struct bpf_env_err e = { 0 };
	struct offcputime *x = NULL;
	struct bpf_cmd bc;
	bool folded = false, per_process = false;
	const char *svg = NULL, *title = NULL;
	struct symbolizer *sym = NULL;
	double duration = 0;
	long v;
	int c, rc;

	bpf_cmd_init(&bc, "offcputime");
	optind = 1;
	while ((c = getopt_long(argc, argv, "hfPUKp:c:m:M:v", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &bc.co))
			continue;
		switch (c) {
		case 'f': folded = true; break;
		case 'P': per_process = true; break;
		case 'U': o.user_only = true; break;
		case 'K': o.kernel_only = true; break;
		case 'p':
			if ((rc = bpf_cmd_pid(&bc, optarg, &o.pid)))
				return rc;
			break;
		case 'c': o.cgroup = optarg; break;
		case 'm':
		case 'M':
			if ((rc = num(optarg, "block time", 1000000000000L, &v)))
				return rc;
			*(c == 'm' ? &o.min_block_us : &o.max_block_us) = (uint64_t)v;
			break;
		case OPT_STATE:
			if ((rc = num(optarg, "state", 0x7fffffff, &o.state)))
				return rc;
			break;
		case OPT_SVG: svg = optarg; break;
		case OPT_TITLE: title = optarg; break;
		case 'v': bc.verbose = true; break;
		default: opt_usage_hint("offcputime"); return EXIT_USAGE;
		}
	}
	if (bc.co.help) {
		help();
		return EXIT_OK;
	}
	if (o.user_only && o.kernel_only) {
		err_msg("offcputime", "-U and -K cannot be combined");
		return EXIT_USAGE;
	}
	if (optind < argc && opt_parse_double(argv[optind++], 0.001, 1e9, &duration)) {
		err_msg("offcputime", "invalid duration '%s'", argv[optind - 1]);
		opt_usage_hint("offcputime");
		return EXIT_USAGE;
	}
	if (optind < argc) {
		err_msg("offcputime", "unexpected argument '%s'", argv[optind]);
		opt_usage_hint("offcputime");
		return EXIT_USAGE;
	}
	rc = bpf_cmd_start(&bc);
	if (rc)
		goto out;
	if (offcputime_open(&o, &x, &e)) {
		rc = bpf_cmd_fail(&bc, &e);
		goto out;
	}
	bpf_cmd_ready(&bc, "off-CPU time (us) by stack");
	bpf_env_sleep(duration > 0 ? duration : 1e9);
	if (offcputime_read(x, &st)) {
		err_msg("offcputime", "cannot read the stacks");
		rc = EXIT_FAIL;
		goto out;
	}
	/* stacks are read: detach before the (slower) symbolization */
	offcputime_close(x);
	x = NULL;
	offcpu_stacks_merge(&st, per_process);
	offcpu_stacks_sort(&st);
	sym = symbolizer_new(sampler_root(&bc.smp));
	if (!sym) {
		err_msg("offcputime", "out of memory");
		rc = EXIT_FAIL;
		goto out;
	}
	if (bc.co.json)
		offcpu_print_json(stdout, &st, sym_name, sym);
	else if (!folded)	/* stacks one frame a line, also with --svg alone */
		offcpu_print(stdout, &st, sym_name, sym);
	if ((folded || svg) && write_folded(&st, sym, folded && !bc.co.json, svg, title))
		rc = EXIT_FAIL;
out:
	symbolizer_free(sym);
	offcpu_stacks_free(&st);
	offcputime_close(x);
	bpf_cmd_end(&bc);
	return rc;
}
