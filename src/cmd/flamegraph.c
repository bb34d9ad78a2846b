/* triage flamegraph [--title T] [--offcpu] [--format F] [-o OUT] [FILE]:
 * folded stacks (from our profile, perf script + stackcollapse, bpftrace
 * ...) to the same interactive SVG as triage profile writes, or to JSON,
 * pprof or speedscope. */
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
#include "views/pprof.h"
#include "views/profile_json.h"
#include "views/speedscope.h"

enum { OPT_TITLE = OPT_COMMON__END, OPT_OFFCPU, OPT_UNIT, OPT_FORMAT };
enum { FG_SVG, FG_JSON, FG_PPROF, FG_SPEEDSCOPE };

struct fg_args {
	struct flame_opts fo;
	int format;
	const char *out;
};

static void help(void)
{
	puts("Usage: triage flamegraph [--title TEXT] [--offcpu] [--unit NAME]\n"
	     "                         [--format svg|json|pprof|speedscope] [-o OUT] [FILE]\n"
	     "Render folded stacks (\"frame;frame;frame count\" lines, FILE or stdin) as an\n"
	     "interactive SVG flame graph (the renderer of triage profile).\n"
	     "  --offcpu      the off-CPU palette (blues)\n"
	     "  --unit NAME   what the counts are (default \"samples\")\n"
	     "  --json        the stacks as JSON instead (as triage profile --format json)\n"
	     "  --format FMT  svg (default), json, pprof (gzipped protobuf, sample type\n"
	     "                samples/count; --offcpu: offcpu/microseconds; --unit sets\n"
	     "                the unit), speedscope (JSON for speedscope.app)\n"
	     "  -o, --output OUT  write there (default stdout)\n"
	     "Exit status: 0 written, 1 unreadable or malformed input, 2 bad usage.");
}

/* Write s in the chosen format to a->out or stdout. Returns an exit status. */
static int write_out(const struct stacks *s, const struct fg_args *a)
{
	struct profile_summary sum = { .samples = s->total + s->dropped_samples, .depth1_pct = NAN };
	bool off = a->fo.palette == FLAME_PALETTE_OFFCPU;
	struct pprof_opts po = { .type = off ? "offcpu" : NULL, .unit = a->fo.count_name };
	FILE *f = stdout;
	int err;

	if (off && !po.unit)
		po.unit = "microseconds";
	if (a->out && !(f = fopen(a->out, "w"))) {
		err_errno("flamegraph", -errno, "cannot write %s", a->out);
		return EXIT_FAIL;
	}
	if (a->format == FG_JSON)
		err = profile_json_write(f, s, &sum);
	else if (a->format == FG_PPROF)
		err = pprof_write(f, s, &po);
	else if (a->format == FG_SPEEDSCOPE)
		err = speedscope_write(f, s, a->fo.title, off ? "microseconds" : "none");
	else
		err = flame_svg_write(f, s, &a->fo);
	if (fflush(f) && !err)
		err = -errno;
	if (f != stdout && fclose(f) && !err)
		err = -errno;
	if (err) {
		err_errno("flamegraph", err, "cannot write %s", a->out ? a->out : "stdout");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int parse_format(const char *arg, int *fmt)
{
	static const char *const names[] = { "svg", "json", "pprof", "speedscope" };

	for (int i = 0; i < 4; i++)
		if (strcmp(arg, names[i]) == 0) {
			*fmt = i;
			return 0;
		}
	err_msg("flamegraph", "unknown format '%s' (svg, json, pprof, speedscope)", arg);
	return -EINVAL;
}

int cmd_flamegraph(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "title", required_argument, 0, OPT_TITLE },
		{ "offcpu", no_argument, 0, OPT_OFFCPU },
		{ "unit", required_argument, 0, OPT_UNIT },
		{ "format", required_argument, 0, OPT_FORMAT },
		{ "output", required_argument, 0, 'o' },
		{ 0 },
	};
	struct fg_args a = { .fo = { .palette = FLAME_PALETTE_CPU } };
	struct common_opts co;
	struct stacks s;
	struct buf b = { 0 };
	const char *path = "-";
	int c, fd = 0, err, bad = 0, ret = EXIT_FAIL;

	common_opts_init(&co);
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &co))
			continue;
		switch (c) {
		case OPT_TITLE: a.fo.title = optarg; break;
		case OPT_OFFCPU: a.fo.palette = FLAME_PALETTE_OFFCPU; break;
		case OPT_UNIT: a.fo.count_name = optarg; break;
		case 'o': a.out = optarg; break;
		case OPT_FORMAT:
			if (!parse_format(optarg, &a.format))
				break;
			opt_usage_hint("flamegraph");
			return EXIT_USAGE;
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
	if (co.json)
		a.format = FG_JSON;
	if (a.format == FG_PPROF && !a.out && isatty(STDOUT_FILENO)) {
		err_msg("flamegraph", "pprof is binary: give -o FILE or redirect stdout");
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
	} else {
		ret = write_out(&s, &a);
	}
	stacks_free(&s);
out_buf:
	buf_free(&b);
	return ret;
}
