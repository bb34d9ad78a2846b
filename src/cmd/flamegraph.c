/* triage flamegraph [--title T] [--offcpu] [FILE]: folded stacks (from our
 * profile, perf script + stackcollapse, bpftrace ...) to the same
 * interactive SVG as triage profile writes. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/opts.h"
#include "model/stacks.h"
#include "views/flame_svg.h"
#include "views/folded.h"
#include "views/profile_json.h"

enum { OPT_TITLE = OPT_COMMON__END, OPT_OFFCPU, OPT_UNIT };

static void help(void)
{
	puts("Usage: triage flamegraph [--title TEXT] [--offcpu] [--unit NAME] [--json] [FILE] > out.svg\n"
	     "Render folded stacks (\"frame;frame;frame count\" lines, FILE or stdin) as an\n"
	     "interactive SVG flame graph (the renderer of triage profile).\n"
	     "  --offcpu      the off-CPU palette (blues)\n"
	     "  --unit NAME   what the counts are (default \"samples\")\n"
	     "  --json        the stacks as JSON instead (as triage profile --format json)\n"
	     "Exit status: 0 written, 1 unreadable or malformed input, 2 bad usage.");
}

/* --json: the same document as profile --format json, of folded input */
static int write_json(const struct stacks *s)
{
	struct profile_summary sum = { .samples = s->total + s->dropped_samples, .depth1_pct = NAN };

	if (profile_json_write(stdout, s, &sum) || fflush(stdout)) {
		err_msg("flamegraph", "cannot write the JSON");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cmd_flamegraph(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "title", required_argument, 0, OPT_TITLE },
		{ "offcpu", no_argument, 0, OPT_OFFCPU },
		{ "unit", required_argument, 0, OPT_UNIT },
		{ 0 },
	};
	struct flame_opts fo = { .palette = FLAME_PALETTE_CPU };
	struct common_opts co;
	struct stacks s;
	struct buf b = { 0 };
	const char *path = "-";
	int c, fd = 0, err, bad = 0, ret = EXIT_FAIL;

	common_opts_init(&co);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &co))
			continue;
		switch (c) {
		case OPT_TITLE: fo.title = optarg; break;
		case OPT_OFFCPU: fo.palette = FLAME_PALETTE_OFFCPU; break;
		case OPT_UNIT: fo.count_name = optarg; break;
		default: opt_usage_hint("flamegraph"); return EXIT_USAGE;
		}
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	if (optind + 1 < argc) {
		err_msg("flamegraph", "unexpected argument '%s'", argv[optind + 1]);
		opt_usage_hint("flamegraph");
		return EXIT_USAGE;
	}
	if (optind < argc)
		path = argv[optind];
	if (strcmp(path, "-") != 0 && (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		err_errno("flamegraph", -errno, "cannot read %s", path);
		return EXIT_FAIL;
	}
	err = buf_read_fd(&b, fd, 0);
	if (fd)
		close(fd);
	if (err) {
		err_errno("flamegraph", err, "cannot read %s", path);
		goto out_buf;
	}
	if (stacks_init(&s, 0, 0))
		goto out_buf;
	err = folded_parse(b.p ? b.p : "", b.len, &s, &bad);
	if (err) {
		err_msg("flamegraph", "%s:%d: not a folded stack line (\"frame;frame count\")",
			strcmp(path, "-") != 0 ? path : "stdin", bad);
	} else if (co.json) {
		ret = write_json(&s);
	} else if (flame_svg_write(stdout, &s, &fo) || fflush(stdout)) {
		err_msg("flamegraph", "cannot write the SVG");
	} else {
		ret = EXIT_OK;
	}
	stacks_free(&s);
out_buf:
	buf_free(&b);
	return ret;
}
