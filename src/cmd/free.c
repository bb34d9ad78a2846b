/* triage free [-b|-k|-m|-g|-h|--kilo|...] [--si] [-w] [-l] [-t] [-v]
 * [-s N] [-c N]: procps-ng 4.0.2's free from /proc/meminfo under the root. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/err_read.h"
#include "core/json.h"
#include "core/opts.h"
#include "sample/loop.h"
#include "model/mem.h"
#include "sources/proc_meminfo.h"
#include "views/free.h"

#define CMD "free"

enum {
	OPT_SI = OPT_COMMON__END, OPT_KILO, OPT_MEGA, OPT_GIGA, OPT_TERA, OPT_PETA,
	OPT_TEBI, OPT_PEBI, OPT_HELP,
};

static void help(void)
{
	puts("Usage: triage free [options] [--json] [--root DIR[,DIR...]]\n"
	     "Memory and swap in use, as procps-ng free prints them\n"
	     "(used = MemTotal - MemAvailable, buff/cache = Buffers + Cached + SReclaimable).\n"
	     "  -b, --bytes        bytes            -k, --kibi   KiB (default)\n"
	     "  -m, --mebi         MiB              -g, --gibi   GiB\n"
	     "      --tebi --pebi                   --kilo --mega --giga --tera --peta (powers of 1000)\n"
	     "  -h, --human        short human units (B, Ki, Mi, Gi ...)   --si  powers of 1000\n"
	     "  -w, --wide         buffers and cache in two columns\n"
	     "  -l, --lohi         low and high memory      -t, --total  RAM + swap line\n"
	     "  -v, --committed    commit limit and committed memory\n"
	     "  -s, --seconds N    repeat every N seconds   -c, --count N  N times, then exit\n"
	     "With --root A,B,... each snapshot is printed in turn.\n"
	     "Exit status: 0 ok, 1 cannot read /proc/meminfo, 2 bad usage.");
}

struct run {
	struct free_view v;
	bool json, repeat;
	double secs;
	long count;
	int units;
};

static int set_unit(struct run *rn, int exponent, bool si)
{
	if (rn->units++) {
		err_msg(CMD, "multiple unit options don't make sense");
		return -EINVAL;
	}
	rn->v.exponent = exponent;
	if (si)
		rn->v.si = true;
	return 0;
}

/* One option; 0, or -EINVAL after printing why. */
static int option(struct run *rn, int c, const char *arg)
{
	switch (c) {
	case 'b': return set_unit(rn, 1, false);
	case 'k': return set_unit(rn, 2, false);
	case 'm': return set_unit(rn, 3, false);
	case 'g': return set_unit(rn, 4, false);
	case OPT_TEBI: return set_unit(rn, 5, false);
	case OPT_PEBI: return set_unit(rn, 6, false);
	case OPT_KILO: return set_unit(rn, 2, true);
	case OPT_MEGA: return set_unit(rn, 3, true);
	case OPT_GIGA: return set_unit(rn, 4, true);
	case OPT_TERA: return set_unit(rn, 5, true);
	case OPT_PETA: return set_unit(rn, 6, true);
	case 'H': rn->v.human = true; return 0;
	case OPT_SI: rn->v.si = true; return 0;
	case 'w': rn->v.wide = true; return 0;
	case 'l': rn->v.lohi = true; return 0;
	case 't': rn->v.total = true; return 0;
	case 'v': rn->v.committed = true; return 0;
	case 's':
		if (opt_parse_double(arg, 0.01, 86400.0 * 365, &rn->secs)) {
			err_msg(CMD, "invalid seconds '%s': want a number above 0", arg);
			return -EINVAL;
		}
		rn->repeat = true;
		return 0;
	case 'c':
		if (opt_parse_long(arg, 1, 1L << 40, &rn->count)) {
			err_msg(CMD, "invalid count '%s': want a whole number of at least 1", arg);
			return -EINVAL;
		}
		rn->repeat = true;
		return 0;
	}
	return -EINVAL;
}

static int loop(struct run *rn, struct sample_loop *lp)
{
	struct sample_step st;
	struct mem_free m;
	struct json j;
	int err = 0;

	bool stream = rn->json && rn->count < 0 && !sample_loop_replay(lp);

	json_init(&j, stdout, true);
	if (rn->json && !stream)
		free_json_begin(&j);
	lp->interval = rn->secs;
	lp->max = rn->count;
	while ((err = sample_loop_next(lp, &st)) == 0) {
		err = sample_loop_require(lp, st.newer, SAMPLE_BIT(MEMINFO));
		if (err)
			break;
		mem_model_free(&st.newer->mem, &m);
		if (rn->json) {
			if (stream)
				json_line_begin(&j, stdout);
			free_json_sample(&j, &rn->v, &m, sample_wall_known(st.newer));
			if (stream)
				json_line_end(&j);
			continue;
		}
		/* procps: a blank line after each report when repeating, but
		 * not after the last of a counted run */
		if (st.index > 0)
			fputc('\n', stdout);
		free_print(stdout, &rn->v, &m);
		fflush(stdout);
	}
	if (err > 0)
		err = 0;
	if (rn->json && !stream)
		free_json_end(&j);
	else if (!rn->json && rn->repeat && rn->count < 0 && err == 0)
		fputc('\n', stdout);
	return err;
}

int cmd_free(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "root", required_argument, 0, OPT_ROOT },
		{ "json", no_argument, 0, OPT_JSON },
		{ "no-color", no_argument, 0, OPT_NO_COLOR },
		{ "help", no_argument, 0, OPT_HELP },
		REPLAY_LONGOPTS,
		{ "bytes", no_argument, 0, 'b' },
		{ "kibi", no_argument, 0, 'k' },
		{ "mebi", no_argument, 0, 'm' },
		{ "gibi", no_argument, 0, 'g' },
		{ "tebi", no_argument, 0, OPT_TEBI },
		{ "pebi", no_argument, 0, OPT_PEBI },
		{ "kilo", no_argument, 0, OPT_KILO },
		{ "mega", no_argument, 0, OPT_MEGA },
		{ "giga", no_argument, 0, OPT_GIGA },
		{ "tera", no_argument, 0, OPT_TERA },
		{ "peta", no_argument, 0, OPT_PETA },
		{ "human", no_argument, 0, 'H' },
		{ "si", no_argument, 0, OPT_SI },
		{ "wide", no_argument, 0, 'w' },
		{ "lohi", no_argument, 0, 'l' },
		{ "total", no_argument, 0, 't' },
		{ "committed", no_argument, 0, 'v' },
		{ "seconds", required_argument, 0, 's' },
		{ "count", required_argument, 0, 'c' },
		{ 0 },
	};
	struct common_opts co;
	struct sample_want want = { .parts = SAMPLE_BIT(MEMINFO) };
	struct sample_loop lp;
	struct run rn = { .secs = 1, .count = 1 };
	bool count_given = false;
	int c, err;

	common_opts_init(&co);
	optind = 1;
	/* free's -h is --human (also inside "-wh"); --help is the long option
	 * only, so it has its own value */
	while ((c = getopt_long(argc, argv, "bkmghwltvs:c:", longopts, NULL)) != -1) {
		if (c == 'h')
			c = 'H';
		if (c == OPT_HELP) {
			co.help = true;
			continue;
		}
		if (common_opt(c, optarg, &co))
			continue;
		if (c == 'c')
			count_given = true;
		if (option(&rn, c, optarg)) {
			opt_usage_hint(CMD);
			return EXIT_USAGE;
		}
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	if (optind < argc) {
		err_msg(CMD, "unexpected argument '%s'", argv[optind]);
		opt_usage_hint(CMD);
		return EXIT_USAGE;
	}
	rn.json = co.json;
	if (rn.repeat && !count_given)
		rn.count = -1;	/* -s alone: until interrupted */
	err = sample_loop_open(&lp, CMD, &co, &want);
	if (err)
		return sample_loop_exit(err);
	if (sample_loop_replay(&lp) && !count_given) {
		rn.count = -1;	/* every snapshot or recorded sample */
		if (!rn.repeat)
			rn.secs = 0;
	}
	err = loop(&rn, &lp);
	sample_loop_close(&lp);
	return err ? EXIT_FAIL : EXIT_OK;
}
