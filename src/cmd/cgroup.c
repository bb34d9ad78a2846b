/* triage cgroup [PATH] [--top N] [-d SECONDS]: one control group in detail
 * (CPU and quota, throttling, memory and its events, pids, io, PSI), or,
 * without PATH, the groups nearest their limits or most throttled. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/json.h"
#include "core/opts.h"
#include "core/sampler.h"
#include "model/cgroup.h"
#include "sources/cgroup.h"
#include "sources/proc_uptime.h"
#include "views/cgroup.h"

struct cgroup_opts {
	struct common_opts co;
	long top;		/* --top N rows */
	double dur;		/* -d SECONDS between the two samples */
	const char *path;
};

static const char *const layout_names[] = {
	[CG_NONE] = "none", [CG_UNIFIED] = "unified", [CG_HYBRID] = "hybrid", [CG_LEGACY] = "legacy",
};

static void help(void)
{
	puts("Usage: triage cgroup [PATH] [--top N] [-d SECONDS] [--json] [--root DIR]\n"
	     "Control groups (v2 and v1): CPU usage against the quota, CFS throttling\n"
	     "(periods throttled and time stalled), memory against its limits and its\n"
	     "events (high, max, oom, oom_kill), pids, io and pressure (PSI).\n"
	     "  PATH            one cgroup: /a/b as in /proc/PID/cgroup, or its directory\n"
	     "                  under /sys/fs/cgroup (any hierarchy)\n"
	     "  (no PATH)       the groups nearest their limits or most throttled, ranked\n"
	     "                  by the highest of memory %, pids %, throttled % of periods\n"
	     "                  and CPU % of quota\n"
	     "  -n, --top N     rows to show without PATH (default 10)\n"
	     "  -d, --duration SECONDS  interval between the two samples (default 1)");
}

static int parse(int argc, char **argv, struct cgroup_opts *o)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "top", required_argument, 0, 'n' },
		{ "duration", required_argument, 0, 'd' },
		{ 0 },
	};
	int c;

	common_opts_init(&o->co);
	o->top = 10;
	o->dur = 1.0;
	o->path = NULL;
	optind = 1;
	while ((c = getopt_long(argc, argv, "hn:d:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &o->co))
			continue;
		switch (c) {
		case 'n':
			if (opt_parse_long(optarg, 1, 100000, &o->top)) {
				err_msg("cgroup", "invalid --top '%s': want a whole number of at least 1", optarg);
				return -EINVAL;
			}
			break;
		case 'd':
			if (opt_parse_double(optarg, 0.01, 3600, &o->dur)) {
				err_msg("cgroup", "invalid duration '%s': want seconds above 0", optarg);
				return -EINVAL;
			}
			break;
		default:
			return -EINVAL;
		}
	}
	if (optind < argc)
		o->path = argv[optind++];
	if (optind < argc) {
		err_msg("cgroup", "unexpected argument '%s'", argv[optind]);
		return -EINVAL;
	}
	return 0;
}

/* The interval between two samples: /proc/uptime of each, NAN when unknown. */
static double uptime_dt(const struct proc_uptime *a, int ea, const struct proc_uptime *b, int eb)
{
	return ea || eb ? NAN : b->up_s - a->up_s;
}

/* Single snapshot: one --root DIR that is not "/". */
static bool one_sample(const struct sampler *smp)
{
	return !smp->replay && !sampler_root(smp)->live;
}

static int detail(struct sampler *smp, const struct cgroup_mounts *m, const struct cgroup_opts *o)
{
	struct cgroup_sample *s = calloc(2, sizeof(*s));
	struct cgroup_paths ps;
	struct cgroup_rates rt;
	struct proc_uptime u[2];
	char path[CGROUP_PATH_MAX], where[4200];
	int e0, e1 = 0, err, n = 1;

	if (!s)
		return -ENOMEM;
	root_path(sampler_root(smp), ROOT_SYS, "fs/cgroup", where, sizeof(where));
	if (cgroup_path_normalize(sampler_root(smp), m, o->path, path, sizeof(path)) ||
	    !cgroup_exists(sampler_root(smp), m, path)) {
		err_msg("cgroup", "no cgroup '%s' under %s", o->path, where);
		err = -ENOENT;
		goto out;
	}
	cgroup_paths_same(&ps, path);
	e0 = proc_uptime_read(sampler_root(smp), &u[0]);
	err = cgroup_read(sampler_root(smp), m, &ps, &s[0]);
	if (!err && !one_sample(smp) && !sampler_wait(smp, o->dur)) {
		e1 = proc_uptime_read(sampler_root(smp), &u[1]);
		err = cgroup_read(sampler_root(smp), m, &ps, &s[1]);
		n = 2;
	}
	if (err) {
		root_path(sampler_root(smp), ROOT_SYS, "fs/cgroup", where, sizeof(where));
		err_msg("cgroup", "cgroup '%s' vanished under %s", path, where);
		goto out;
	}
	if (n == 2)
		cgroup_model(&s[0], &s[1], uptime_dt(&u[0], e0, &u[1], e1), &rt);
	else
		cgroup_model(NULL, &s[0], NAN, &rt);
	if (o->co.json) {
		struct json j;

		json_init(&j, stdout, true);
		cgroup_json_detail(&j, NULL, &s[n - 1], &rt);
		json_end(&j);
	} else {
		cgroup_print_detail(stdout, &s[n - 1], &rt, "");
	}
out:
	free(s);
	return err;
}

static int top(struct sampler *smp, const struct cgroup_mounts *m, const struct cgroup_opts *o)
{
	struct cgroup_snapshot a = { 0 }, b = { 0 };
	struct cgroup_rank view = { .layout = layout_names[m->layout] };
	struct cgroup_ranked *rows = NULL;
	struct proc_uptime u0, u1;
	char where[4200];
	int e0, e1, err, n = 0, two = 0;

	e0 = proc_uptime_read(sampler_root(smp), &u0);
	err = cgroup_snapshot_read(sampler_root(smp), &a);
	if (!err && !one_sample(smp) && !sampler_wait(smp, o->dur)) {
		e1 = proc_uptime_read(sampler_root(smp), &u1);
		err = cgroup_snapshot_read(sampler_root(smp), &b);
		view.dt_s = uptime_dt(&u0, e0, &u1, e1);
		two = 1;
	} else {
		view.dt_s = NAN;
	}
	if (err) {
		err_errno("cgroup", err, "cannot list the cgroups under %s",
			  root_path(sampler_root(smp), ROOT_SYS, "fs/cgroup", where, sizeof(where)));
		goto out;
	}
	err = cgroup_model_rank(two ? &a : NULL, two ? &b : &a, view.dt_s, &rows, &n, &view.groups);
	if (err) {
		err_errno("cgroup", err, "cannot rank the cgroups");
		goto out;
	}
	view.limited = n;
	view.truncated = (two ? b : a).truncated;
	view.n = n < o->top ? n : (int)o->top;
	view.rows = rows;
	if (o->co.json) {
		struct json j;

		json_init(&j, stdout, true);
		cgroup_json_top(&j, &view);
		json_end(&j);
	} else {
		cgroup_print_top(stdout, &view);
	}
out:
	free(rows);
	cgroup_snapshot_free(&a);
	cgroup_snapshot_free(&b);
	return err;
}

int cmd_cgroup(int argc, char **argv)
{
	struct cgroup_opts o;
	struct cgroup_mounts m;
	struct sampler smp;
	char where[4200];
	int err;

	if (parse(argc, argv, &o)) {
		opt_usage_hint("cgroup");
		return EXIT_USAGE;
	}
	if (o.co.help) {
		help();
		return EXIT_OK;
	}
	err = sampler_open_cmd(&smp, "cgroup", o.co.root);
	if (err)
		return EXIT_FAIL;
	err = cgroup_mounts_read(sampler_root(&smp), &m);
	if (err) {
		err_msg("cgroup", "no cgroup hierarchy under %s",
			root_path(sampler_root(&smp), ROOT_SYS, "fs/cgroup", where, sizeof(where)));
		goto out;
	}
	err = o.path ? detail(&smp, &m, &o) : top(&smp, &m, &o);
out:
	sampler_close(&smp);
	return err ? EXIT_FAIL : EXIT_OK;
}
