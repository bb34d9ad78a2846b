/* triage psi [interval [count]]: pressure stall information, some/full,
 * the kernel's avg10/60/300 and the stall time over our own interval. */
#include <errno.h>
#include <math.h>
#include <stdio.h>

#include "core/err.h"
#include "core/json.h"
#include "core/opts.h"
#include "core/sampler.h"
#include "model/psi.h"
#include "sources/proc_uptime.h"
#include "sources/psi.h"
#include "views/psi.h"

struct psi_sample {
	int up_err;		/* proc/uptime: the interval's clock */
	struct proc_uptime up;
	struct psi_host psi;
};

static void help(void)
{
	puts("Usage: triage psi [interval [count]] [--json] [--root DIR]\n"
	     "Pressure stall information from /proc/pressure: for cpu, memory, io and\n"
	     "irq, the share of time some (or all non-idle) tasks were stalled waiting\n"
	     "for the resource: the kernel's 10/60/300 s averages and the stall time\n"
	     "over the interval (default: one report over 1 s).\n"
	     "  interval  seconds between reports; count: how many (default: forever)");
}

static int read_sample(const struct root *r, struct psi_sample *s)
{
	s->up_err = proc_uptime_read(r, &s->up);
	return psi_read_host(r, &s->psi);
}

static void report(const struct psi_sample *a, const struct psi_sample *b, struct json *j)
{
	struct psi_report rep = { .cur = &b->psi };

	rep.dt_s = a && !a->up_err && !b->up_err ? b->up.up_s - a->up.up_s : NAN;
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
	static const struct option longopts[] = { COMMON_LONGOPTS, { 0 } };
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
	struct sampler smp;
	struct psi_sample s[2];
	struct json j;
	char path[4200];
	double interval;
	long count, n = 0;
	int err, cur = 0;

	if (parse(argc, argv, &co, &interval, &count))
		return EXIT_USAGE;
	if (co.help) {
		help();
		return EXIT_OK;
	}
	err = sampler_open_cmd(&smp, "psi", co.root);
	if (err)
		return EXIT_FAIL;
	err = read_sample(sampler_root(&smp), &s[0]);
	if (err) {
		err_msg("psi", "cannot read %s: %s",
			root_path(sampler_root(&smp), ROOT_PROC, "pressure", path, sizeof(path)),
			psi_strerror(PSI_CPU, err));
		sampler_close(&smp);
		return EXIT_FAIL;
	}
	if (co.json) {
		json_init(&j, stdout, true);
		json_obj_begin(&j, NULL);
		json_arr_begin(&j, "reports");
	}
	if (sampler_left(&smp) == 0 || (!smp.replay && !sampler_root(&smp)->live)) {
		/* One snapshot (one --root DIR that is not "/"): averages only. */
		report(NULL, &s[0], co.json ? &j : NULL);
		goto done;
	}
	while (count < 0 || n < count) {
		if (sampler_wait(&smp, interval > 0 ? interval : 1.0))
			break;
		if (read_sample(sampler_root(&smp), &s[!cur]))
			break;	/* PSI went away (root replaced?): stop quietly */
		if (n++ && !co.json)
			putchar('\n');
		report(&s[cur], &s[!cur], co.json ? &j : NULL);
		cur = !cur;
		fflush(stdout);
	}
done:
	if (co.json) {
		json_arr_end(&j);
		json_obj_end(&j);
		json_end(&j);
	}
	sampler_close(&smp);
	return EXIT_OK;
}
