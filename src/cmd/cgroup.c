/* triage cgroup [PATH] [--top N] [-d SECONDS]: one control group in detail
 * (CPU and quota, throttling, memory and its events, pids, io, PSI), or,
 * without PATH, the groups nearest their limits or most throttled. On the
 * sample loop (sample/loop.h): live, --root snapshots and the flight
 * recorder's store (--from/--to) give the same two samples' cgroups. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "core/json.h"
#include "core/opts.h"
#include "model/cgroup.h"
#include "sample/loop.h"
#include "sources/cgroup.h"
#include "views/cgroup.h"

struct cgroup_opts {
	struct common_opts co;
	long top;		/* --top N rows */
	double dur;		/* -d SECONDS between the two samples */
	bool dur_set;		/* -d given: replayed, the first record that far on */
	const char *path;
};

static const char *const layout_names[] = {
	[CG_NONE] = "none", [CG_UNIFIED] = "unified", [CG_HYBRID] = "hybrid", [CG_LEGACY] = "legacy",
};

static void help(void)
{
	puts("Usage: triage cgroup [PATH] [--top N] [-d SECONDS] [--json] [--root DIR[,DIR]]\n"
	     "       triage cgroup [PATH] --from TIME [--to TIME] [--store DIR] [-d SECONDS]\n"
	     "Control groups (v2 and v1): CPU usage against the quota, CFS throttling\n"
	     "(periods throttled and time stalled), memory against its limits and its\n"
	     "events (high, max, oom, oom_kill), pids, io and pressure (PSI).\n"
	     "  PATH            one cgroup: /a/b as in /proc/PID/cgroup, or its directory\n"
	     "                  under /sys/fs/cgroup (any hierarchy)\n"
	     "  (no PATH)       the groups nearest their limits or most throttled, ranked\n"
	     "                  by the highest of memory %, pids %, throttled % of periods\n"
	     "                  and CPU % of quota\n"
	     "  -n, --top N     rows to show without PATH (default 10)\n"
	     "  -d, --duration SECONDS  interval between the two samples (default 1); replayed:\n"
	     "                  the first recorded sample at --from and the next one, or with\n"
	     "                  -d the first at least SECONDS after it\n"
	     "  --from TIME [--to TIME] [--store DIR]  from the flight recorder's store");
}

static int parse(int argc, char **argv, struct cgroup_opts *o)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		REPLAY_LONGOPTS,
		{ "top", required_argument, 0, 'n' },
		{ "duration", required_argument, 0, 'd' },
		{ 0 },
	};
	int c;

	common_opts_init(&o->co);
	o->top = 10;
	o->dur = 1.0;
	o->dur_set = false;
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
			o->dur_set = true;
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

/* Where the groups come from, for messages: "DIR/sys/fs/cgroup", or the
 * recording at the sample's time. */
static const char *where_of(const struct sample_loop *l, const struct sample *s, char *buf, size_t size)
{
	const struct root *r = sample_loop_root(l);
	time_t t = sample_wall(s);
	struct tm tm;
	char ts[32] = "?";

	if (r)
		return root_path(r, ROOT_SYS, "fs/cgroup", buf, size);
	if (localtime_r(&t, &tm))
		strftime(ts, sizeof(ts), "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(buf, size, "the recording at %s", ts);
	return buf;
}

/* The interval between the two samples (their /proc/uptime), NAN with one. */
static double step_dt(const struct sample *a, const struct sample *b)
{
	return a && b ? b->up.up_s - a->up.up_s : NAN;
}

/* PATH as a cgroup path, against the first sample (its root's directories). */
static int find_path(const struct sample_loop *l, const struct sample *a, const struct cgroup_opts *o,
		     char *path, size_t size)
{
	char where[4200];

	if (cgroup_path_normalize(sample_loop_root(l), &a->cgroups.m, o->path, path, size) ||
	    !cgroup_snapshot_find(&a->cgroups, path)) {
		err_msg("cgroup", "no cgroup '%s' %s %s", o->path, sample_loop_root(l) ? "under" : "in",
			where_of(l, a, where, sizeof(where)));
		return -ENOENT;
	}
	return 0;
}

static int detail(const struct sample_loop *l, const struct sample *a, const struct sample *b,
		  const struct cgroup_opts *o, const char *path)
{
	const struct cgroup_sample *g0 = cgroup_snapshot_find(&a->cgroups, path), *g1 = NULL;
	struct cgroup_rates rt;
	char where[4200];

	if (b && !(g1 = cgroup_snapshot_find(&b->cgroups, path))) {
		err_msg("cgroup", "cgroup '%s' vanished %s %s", path, sample_loop_root(l) ? "under" : "from",
			where_of(l, b, where, sizeof(where)));
		return -ENOENT;
	}
	if (g1)
		cgroup_model(g0, g1, step_dt(a, b), &rt);
	else
		cgroup_model(NULL, g0, NAN, &rt);
	if (o->co.json) {
		struct json j;

		json_init(&j, stdout, true);
		cgroup_json_detail(&j, NULL, g1 ? g1 : g0, &rt);
		json_end(&j);
	} else {
		cgroup_print_detail(stdout, g1 ? g1 : g0, &rt, "");
	}
	return 0;
}

static int top(const struct sample *a, const struct sample *b, const struct cgroup_opts *o)
{
	const struct sample *last = b ? b : a;
	struct cgroup_rank view = { .layout = layout_names[last->cgroups.m.layout] };
	struct cgroup_ranked *rows = NULL;
	int err, n = 0;

	view.dt_s = step_dt(a, b);
	err = cgroup_model_rank(b ? &a->cgroups : NULL, &last->cgroups, view.dt_s, &rows, &n, &view.groups);
	if (err) {
		err_errno("cgroup", err, "cannot rank the cgroups");
		return err;
	}
	view.limited = n;
	view.truncated = last->cgroups.truncated;
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
	free(rows);
	return 0;
}

/* A sample without its cgroups: why, once. */
static int no_cgroups(const struct sample_loop *l, const struct sample *s)
{
	char where[4200];

	if (!sample_loop_root(l))
		err_msg("cgroup", "%s holds no cgroups (recorded before cgroups were, or with --no-procs)",
			where_of(l, s, where, sizeof(where)));
	else if (s->cgroups_err == -ENOENT)
		err_msg("cgroup", "no cgroup hierarchy under %s", where_of(l, s, where, sizeof(where)));
	else
		err_errno("cgroup", s->cgroups_err, "cannot list the cgroups under %s",
			  where_of(l, s, where, sizeof(where)));
	return -ENOENT;
}

/* The first two samples of the loop: -d SECONDS apart live, two snapshots,
 * or the first recorded sample of the window and the first at least -d
 * after it. One captured tree, or a window of one sample: levels only. */
static int run(struct sample_loop *l, const struct cgroup_opts *o)
{
	struct sample_step st;
	const struct sample *a = NULL, *b = NULL;
	char path[CGROUP_PATH_MAX];
	int err;

	while ((err = sample_loop_next(l, &st)) == 0) {
		if (!st.newer->have_cgroups)
			return no_cgroups(l, st.newer);
		if (!a) {
			a = st.newer;
			if (o->path && (err = find_path(l, a, o, path, sizeof(path))))
				return err;
		} else {
			b = st.newer;
			break;
		}
	}
	if (err < 0)
		return err;
	if (!a) {
		err_msg("cgroup", "no sample to show");
		return -ENODATA;
	}
	return o->path ? detail(l, a, b, o, path) : top(a, b, o);
}

int cmd_cgroup(int argc, char **argv)
{
	struct cgroup_opts o;
	struct sample_want want = { .cgroups = true, .cgroups_max = CGROUP_WALK_MAX };
	struct sample_loop l;
	int err;

	if (parse(argc, argv, &o)) {
		opt_usage_hint("cgroup");
		return EXIT_USAGE;
	}
	if (o.co.help) {
		help();
		return EXIT_OK;
	}
	err = sample_loop_open(&l, "cgroup", &o.co, &want);
	if (err)
		return sample_loop_exit(err);
	/* replayed: the next record, or with -d the first at least that far on */
	l.interval = sample_loop_replay(&l) && !sample_loop_root(&l) && !o.dur_set ? 0 : o.dur;
	/* one captured tree: one sample, the levels (no interval to wait for) */
	l.max = sample_loop_root(&l) && !sample_loop_root(&l)->live && !sample_loop_replay(&l) ? 1 : 2;
	err = run(&l, &o);
	sample_loop_close(&l);
	return err ? EXIT_FAIL : EXIT_OK;
}
