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

struct ranked {
	struct cgroup_sample *s0, *s1;
	struct cgroup_rates *r;
	bool *ok0, *ok1;
	int *idx;
};

static const struct ranked *sort_ctx;

/* Highest score first (unknown last), then most throttled, then path. */
static int cmp_rank(const void *pa, const void *pb)
{
	const struct cgroup_rates *a = &sort_ctx->r[*(const int *)pa], *b = &sort_ctx->r[*(const int *)pb];
	double sa = isnan(a->score) ? -1 : a->score, sb = isnan(b->score) ? -1 : b->score;
	double ta = isnan(a->throttled_s) ? -1 : a->throttled_s, tb = isnan(b->throttled_s) ? -1 : b->throttled_s;

	if (sa != sb)
		return sa < sb ? 1 : -1;
	if (ta != tb)
		return ta < tb ? 1 : -1;
	return strcmp(sort_ctx->s1[*(const int *)pa].path, sort_ctx->s1[*(const int *)pb].path);
}

static void read_all(const struct root *r, const struct cgroup_mounts *m,
		     char (*paths)[CGROUP_PATH_MAX], int n, struct cgroup_sample *s, bool *ok)
{
	struct cgroup_paths ps;

	for (int i = 0; i < n; i++) {
		cgroup_paths_same(&ps, paths[i]);
		ok[i] = cgroup_read(r, m, &ps, &s[i]) == 0;	/* vanished: dropped */
	}
}

static int top(struct sampler *smp, const struct cgroup_mounts *m, const struct cgroup_opts *o)
{
	char (*paths)[CGROUP_PATH_MAX] = NULL, where[4200];
	struct ranked k = { 0 };
	struct cgroup_rank view = { .layout = layout_names[m->layout] };
	struct proc_uptime u0, u1;
	int n = 0, e0, e1 = -1, err, rows = 0, two = 0;
	double dt = NAN;

	err = cgroup_list(sampler_root(smp), m, CGROUP_WALK_DEPTH, CGROUP_WALK_MAX, &paths, &n,
			  &view.truncated);
	if (err) {
		err_errno("cgroup", err, "cannot list the cgroups under %s",
			  root_path(sampler_root(smp), ROOT_SYS, "fs/cgroup", where, sizeof(where)));
		return err;
	}
	k.s0 = calloc((size_t)n + 1, sizeof(*k.s0));
	k.s1 = calloc((size_t)n + 1, sizeof(*k.s1));
	k.r = calloc((size_t)n + 1, sizeof(*k.r));
	k.ok0 = calloc((size_t)n + 1, sizeof(bool));
	k.ok1 = calloc((size_t)n + 1, sizeof(bool));
	k.idx = calloc((size_t)n + 1, sizeof(int));
	if (!k.s0 || !k.s1 || !k.r || !k.ok0 || !k.ok1 || !k.idx) {
		err = -ENOMEM;
		goto out;
	}
	e0 = proc_uptime_read(sampler_root(smp), &u0);
	read_all(sampler_root(smp), m, paths, n, k.s0, k.ok0);
	if (!one_sample(smp) && !sampler_wait(smp, o->dur)) {
		e1 = proc_uptime_read(sampler_root(smp), &u1);
		read_all(sampler_root(smp), m, paths, n, k.s1, k.ok1);
		dt = uptime_dt(&u0, e0, &u1, e1);
		two = 1;
	} else {
		memcpy(k.s1, k.s0, (size_t)n * sizeof(*k.s0));
		memcpy(k.ok1, k.ok0, (size_t)n * sizeof(bool));
	}
	for (int i = 0; i < n; i++) {
		if (!k.ok1[i])
			continue;
		view.groups++;
		cgroup_model(two && k.ok0[i] ? &k.s0[i] : NULL, &k.s1[i], dt, &k.r[i]);
		if (cgroup_model_limited(&k.s1[i]) || k.r[i].throttled_s > 0 || k.r[i].oom_kill > 0) {
			view.limited++;
			k.idx[rows++] = i;
		}
	}
	sort_ctx = &k;
	qsort(k.idx, (size_t)rows, sizeof(int), cmp_rank);
	view.dt_s = two ? dt : NAN;
	view.n = rows < o->top ? rows : (int)o->top;
	{
		const struct cgroup_sample **sv = calloc((size_t)view.n + 1, sizeof(void *));
		const struct cgroup_rates **rv = calloc((size_t)view.n + 1, sizeof(void *));

		if (!sv || !rv) {
			free(sv);
			free(rv);
			err = -ENOMEM;
			goto out;
		}
		for (int i = 0; i < view.n; i++) {
			sv[i] = &k.s1[k.idx[i]];
			rv[i] = &k.r[k.idx[i]];
		}
		view.s = sv;
		view.r = rv;
		if (o->co.json) {
			struct json j;

			json_init(&j, stdout, true);
			cgroup_json_top(&j, &view);
			json_end(&j);
		} else {
			cgroup_print_top(stdout, &view);
		}
		free(sv);
		free(rv);
	}
out:
	if (err == -ENOMEM)
		err_errno("cgroup", err, "cannot rank %d cgroups", n);
	free(paths);
	free(k.s0);
	free(k.s1);
	free(k.r);
	free(k.ok0);
	free(k.ok1);
	free(k.idx);
	return err;
}

int cmd_cgroup(int argc, char **argv)
{
	struct cgroup_opts o;
	struct cgroup_mounts m;
	struct sampler smp;
	const char *bad = NULL;
	char badbuf[4096], where[4200];
	int err;

	if (parse(argc, argv, &o)) {
		opt_usage_hint("cgroup");
		return EXIT_USAGE;
	}
	if (o.co.help) {
		help();
		return EXIT_OK;
	}
	err = sampler_open(&smp, o.co.root, &bad, badbuf, sizeof(badbuf));
	if (err) {
		err_errno("cgroup", err, "cannot open root '%s'", bad);
		return EXIT_FAIL;
	}
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
