/* triage psi [interval [count]]: pressure stall information, some/full,
 * the kernel's avg10/60/300 and the stall time over our own interval. */
#include <errno.h>
#include <math.h>
#include <stdio.h>

#include "core/err.h"
#include "core/json.h"
#include "core/opts.h"
#include "sample/loop.h"
#include "model/psi.h"
#include "sources/psi.h"
#include "views/psi.h"

static void help(void)
{
	puts("Usage: triage psi [interval [count]] [--json] [--root DIR]\n"
	     "Pressure stall information from /proc/pressure: for cpu, memory, io and\n"
	     "irq, the share of time some (or all non-idle) tasks were stalled waiting\n"
	     "for the resource: the kernel's 10/60/300 s averages and the stall time\n"
	     "over the interval (default: one report over 1 s).\n"
	     "  interval  seconds between reports; count: how many (default: forever)");
}

/* PSI is there when at least one pressure file was read. */
static int psi_err(const struct sample *s)
{
	for (int i = 0; i < PSI__COUNT; i++)
		if (!s->psi.err[i])
			return 0;
	return s->psi.err[PSI_CPU];
}

static void report(const struct sample *a, const struct sample *b, time_t when, double dt, struct json *j)
{
	struct psi_report rep = { .cur = &b->psi, .when = (long long)when };

	rep.dt_s = a ? dt : NAN;
	for (int i = 0; i < PSI__COUNT; i++) {
		if (a && !a->psi.err[i] && !b->psi.err[i]) {
			psi_model(&a->psi.res[i], &b->psi.res[i], rep.dt_s, &rep.rate[i]);
		} else {
			rep.rate[i].some_pct = NAN;
			rep.rate[i].full_pct = NAN;
		}
	}
	if (j)
		psi_print_json(j, &rep);
	else
		psi_print(stdout, &rep);
}

static int parse(int argc, char **argv, struct common_opts *co, double *interval, long *count)
{
	static const struct option longopts[] = { COMMON_LONGOPTS, REPLAY_LONGOPTS, { 0 } };
	int c;

	common_opts_init(co);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (!common_opt(c, optarg, co)) {
			opt_usage_hint("psi");
			return -EINVAL;
		}
	}
	if (co->help)
		return 0;
	if (opt_interval_count("psi", argc, argv, &optind, interval, count, 1)) {
		opt_usage_hint("psi");
		return -EINVAL;
	}
	return 0;
}

int cmd_psi(int argc, char **argv)
{
	struct common_opts co;
	struct sample_want want = { .parts = SAMPLE_PSI_ALL };
	struct sample_loop lp;
	struct sample_step st;
	struct json j;
	char path[4200];
	double interval;
	long count, n = 0;
	int err;
	bool one, stream;

	if (parse(argc, argv, &co, &interval, &count))
		return EXIT_USAGE;
	if (co.help) {
		help();
		return EXIT_OK;
	}
	err = sample_loop_open(&lp, "psi", &co, &want);
	if (err)
		return sample_loop_exit(err);
	/* One snapshot (one --root DIR that is not "/"): averages only. */
	one = sample_loop_left(&lp) == 0 ||
	      (!sample_loop_replay(&lp) && !sample_loop_root(&lp)->live);
	lp.interval = interval > 0 ? interval : sample_loop_replay(&lp) ? 0 : 1.0;
	lp.max = one ? 1 : count < 0 ? -1 : count + 1;
	/* the JSON rule: a count (or one snapshot) one document, else JSON Lines */
	stream = co.json && lp.max < 0 && !sample_loop_replay(&lp);
	if (co.json && !stream) {
		json_init(&j, stdout, true);
		json_obj_begin(&j, NULL);
		json_arr_begin(&j, "reports");
	}
	while ((err = sample_loop_next(&lp, &st)) == 0) {
		if (psi_err(st.newer)) {
			if (st.index == 0) {
				const struct root *r = sample_loop_root(&lp);

				err_msg("psi", "cannot read %s: %s",
					r ? root_path(r, ROOT_PROC, "pressure", path, sizeof(path)) : "the recorded /proc/pressure",
					psi_strerror(PSI_CPU, psi_err(st.newer)));
				err = psi_err(st.newer);
			}
			break;	/* PSI went away (root replaced?): stop quietly */
		}
		if (!st.older && !one)
			continue;
		if (n++ && !co.json)
			putchar('\n');
		if (stream)
			json_line_begin(&j, stdout);
		report(st.older, st.newer, sample_wall_known(st.newer), st.elapsed, co.json ? &j : NULL);
		if (stream)
			json_line_end(&j);
		fflush(stdout);
	}
	if (co.json && !stream) {
		json_arr_end(&j);
		json_obj_end(&j);
		json_end(&j);
	}
	sample_loop_close(&lp);
	return err < 0 ? EXIT_FAIL : EXIT_OK;
}
