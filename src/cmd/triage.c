/* triage [-d SECONDS] [-i SECONDS] [--pid PID] [--json] [--root DIR] [--no-color]
 *
 * The USE-method report: sample every source once per interval for the
 * duration (cmd/triage_collect.c), run the rules (analysis/rules_*.c), rank
 * the findings, build the USE matrix (analysis/use.c) and print it
 * (views/triage_*.c). Exit status: 0 nothing above info, 1 warning,
 * 2 critical, 3 could not run (bad options, unreadable root). */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis/cgroup_name.h"
#include "analysis/finding.h"
#include "analysis/obs.h"
#include "analysis/rules.h"
#include "analysis/use.h"
#include "cmd/pid_common.h"
#include "cmd/triage_collect.h"
#include "core/err.h"
#include "core/opts.h"
#include "model/pidinfo.h"
#include "sample/loop.h"
#include "sources/proc_pid_cgroup.h"
#include "views/rules_prom.h"
#include "views/triage.h"

#include "cmd/triage_cmd.h"

static void help(void)
{
	puts("Usage: triage [-d SECONDS] [-i SECONDS] [--pid PID] [--json] [--root DIR] [--no-color]\n"
	     "The USE method over every resource: utilization, saturation and errors of CPUs,\n"
	     "memory, disks, network, TCP, file descriptors, filesystems, tasks, cgroups and\n"
	     "the kernel log, sampled every interval; findings ranked by severity, each with\n"
	     "its evidence, the next commands to run and the usual fix.\n"
	     "  -d, --duration SECONDS  how long to sample (default 5)\n"
	     "  -i, --interval SECONDS  sampling interval (default 1; at most 120 intervals)\n"
	     "      --pid PID           also report on this process\n"
	     "      --deep              run BPF probes for the findings (when built in)\n"
	     "      --rules [--format markdown|prometheus] [--window SECONDS] [--for SECONDS]\n"
	     "                          print the rules and their thresholds: the Markdown table,\n"
	     "                          or Prometheus alerting rules over `triage serve`'s series\n"
	     "                          (sustained rules over --window, default 300; alerts'\n"
	     "                          for: --for, default none)\n"
	     "      --from TIME [--to TIME] [--store DIR]\n"
	     "                          diagnose a recorded window (triage record): judged per\n"
	     "                          slice, each finding with the time it was true\n"
	     "      --slice SECONDS     the slices of a recorded window (default 60)\n"
	     "      --json              one JSON document: resources[], findings[], unchecked[]\n"
	     "      --root DIR[,DIR..]  read DIR/proc ...; several directories replay snapshots\n"
	     "      --no-color          no colour (also NO_COLOR=1)\n"
	     "Exit status: 0 no finding above info, 1 warning, 2 critical, 3 could not run.");
}

/* Whole intervals that fit in the duration (at least one): -d 5 -i 2 samples
 * twice, 4 s, rather than run past the duration. */
static long intervals(const struct triage_opts *t)
{
	long n = (long)floor(t->duration / t->interval + 1e-9);

	return n < 1 ? 1 : n;
}

/* --slice, --format, --window, --for: 0 or -EINVAL after printing why. */
static int parse_more(int c, const char *arg, struct triage_opts *t)
{
	switch (c) {
	case OPT_SLICE:
		if (opt_parse_double(arg, 1, 86400, &t->slice)) {
			err_msg(NULL, "bad slice '%s' (seconds, 1 to 86400)", arg);
			return -EINVAL;
		}
		return 0;
	case OPT_FORMAT:
		if (strcmp(arg, "prometheus") != 0 && strcmp(arg, "markdown") != 0) {
			err_msg(NULL, "bad --format '%s' (markdown or prometheus)", arg);
			return -EINVAL;
		}
		t->rules_prom = strcmp(arg, "prometheus") == 0;
		return 0;
	case OPT_WINDOW:
		if (opt_parse_double(arg, 1, 86400, &t->rules_window)) {
			err_msg(NULL, "bad --window '%s' (seconds, 1 to 86400)", arg);
			return -EINVAL;
		}
		return 0;
	default:
		if (opt_parse_double(arg, 0, 86400, &t->rules_for)) {
			err_msg(NULL, "bad --for '%s' (seconds, 0 to 86400)", arg);
			return -EINVAL;
		}
		return 0;
	}
}

static int check(int argc, char **argv, const struct triage_opts *t);

/* Returns 0, 1 for --help/--rules done, or -EINVAL after printing why. */
static int parse(int argc, char **argv, struct triage_opts *t)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		REPLAY_LONGOPTS,
		{ "duration", required_argument, 0, 'd' },
		{ "interval", required_argument, 0, 'i' },
		{ "pid", required_argument, 0, OPT_PID },
		{ "rules", no_argument, 0, OPT_RULES },
		{ "deep", no_argument, 0, OPT_DEEP },
		{ "slice", required_argument, 0, OPT_SLICE },
		{ "format", required_argument, 0, OPT_FORMAT },
		{ "window", required_argument, 0, OPT_WINDOW },
		{ "for", required_argument, 0, OPT_FOR },
		{ 0 },
	};
	int c;

	common_opts_init(&t->co);
	t->duration = 5;
	t->interval = 1;
	t->slice = 60;
	t->rules_window = 300;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hd:i:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &t->co))
			continue;
		switch (c) {
		case 'd':
			if (opt_parse_double(optarg, 0.01, 3600, &t->duration)) {
				err_msg(NULL, "bad duration '%s' (seconds, 0.01 to 3600)", optarg);
				return -EINVAL;
			}
			break;
		case 'i':
			if (opt_parse_double(optarg, 0.01, 3600, &t->interval)) {
				err_msg(NULL, "bad interval '%s' (seconds, 0.01 to 3600)", optarg);
				return -EINVAL;
			}
			t->interval_set = true;
			break;
		case OPT_PID:
			if (opt_parse_long(optarg, 1, 4194304, &t->pid)) {
				err_msg(NULL, "bad PID '%s'", optarg);
				return -EINVAL;
			}
			break;
		case OPT_RULES: t->rules = true; break;
		case OPT_DEEP: t->deep = true; break;
		case OPT_SLICE: case OPT_FORMAT: case OPT_WINDOW: case OPT_FOR:
			if (parse_more(c, optarg, t))
				return -EINVAL;
			break;
		case '?':
			if (optopt)
				err_msg(NULL, "unknown option '-%c' (try 'triage --help')", optopt);
			else
				err_msg(NULL, "unknown option '%s' (try 'triage --help')", argv[optind - 1]);
			return -EINVAL;
		case ':':
		default:
			err_msg(NULL, "option '%s' needs a value (try 'triage --help')", argv[optind - 1]);
			return -EINVAL;
		}
	}
	if (t->co.help) {
		help();
		return 1;
	}
	if (t->rules) {
		if (t->rules_prom)
			rules_print_prometheus(stdout, t->rules_window, t->rules_for);
		else
			rules_print_markdown(stdout);
		return 1;
	}
	return check(argc, argv, t);
}

/* After the options: what they must agree on. */
static int check(int argc, char **argv, const struct triage_opts *t)
{
	if (optind < argc) {
		err_msg(NULL, "unknown command or argument '%s' (try 'triage --help')", argv[optind]);
		return -EINVAL;
	}
	if (t->interval > t->duration) {
		err_msg(NULL, "the interval (%g s) is longer than the duration (%g s)", t->interval, t->duration);
		return -EINVAL;
	}
	if (intervals(t) > OBS_MAX_INTERVALS) {
		err_msg(NULL, "too many intervals (%g s / %g s; at most %d)", t->duration, t->interval,
			OBS_MAX_INTERVALS);
		return -EINVAL;
	}
	return 0;
}

/* --pid: the process at the window's first and last sample, modelled as
 * triage pid models it, for its rules (analysis/rules_focus.c). */
struct focus {
	struct pid_snap a, b;
	bool have_a;
	struct pidinfo m;
	struct sd_table own;
	bool inited;
};

static void focus_first(struct focus *fc, const struct obs *o, const struct root *r)
{
	if (!o->focus_pid || !r)
		return;
	fc->have_a = pid_snap_take(r, o->focus_pid, false, &fc->a) == 0;
}

/* After the last sample: o->focus_info, or nothing when the process is gone
 * (the report says so in its process line). */
static void focus_last(struct focus *fc, struct obs *o, const struct root *r)
{
	if (!o->focus_pid || !r)
		return;
	sd_table_init(&fc->own, false);
	fc->inited = true;
	if (pid_snap_take(r, o->focus_pid, true, &fc->b) != 0)
		return;
	if (pid_model_take(r, o->focus_pid, fc->have_a ? &fc->a : NULL, &fc->b, &fc->m, &fc->own) == 0) {
		o->focus_info = &fc->m;
		snprintf(o->focus_wchan, sizeof(o->focus_wchan), "%s", fc->b.wchan_err ? "" : fc->b.wchan);
	}
}

static void focus_free(struct focus *fc)
{
	if (!fc)
		return;
	pid_snap_free(&fc->a);
	pid_snap_free(&fc->b);
	if (fc->inited)
		sd_table_free(&fc->own);
}

/* Sample: live, duration/interval intervals; replayed snapshots or a
 * recorded window, every sample. */
static int sample(struct sample_loop *lp, struct collect *col, struct obs *o, const struct triage_opts *t,
		  struct focus *fc)
{
	bool replay = sample_loop_replay(lp);
	int n = replay ? sample_loop_left(lp) : (int)intervals(t), err;
	struct sample_step st = { .index = -1 };

	if (n < 0 || n > OBS_MAX_INTERVALS)
		n = OBS_MAX_INTERVALS;
	o->interval_s = replay ? NAN : t->interval;
	lp->interval = replay && !lp->feed.next ? 0 : t->interval_set || !replay ? t->interval : 0;
	lp->max = n + 1;
	collect_want(0, n, &lp->want);
	/* Live, the sampler's clock starts at the first sample, so that its
	 * cost is inside the duration. */
	while ((err = sample_loop_next(lp, &st)) == 0) {
		int k = (int)st.index;

		err = collect_sample(col, st.newer, sample_loop_root(lp), k);
		if (err) {
			sample_loop_say(lp, st.newer, SAMPLE_UPTIME, NULL);
			return err;
		}
		if (k == 0)
			focus_first(fc, o, sample_loop_root(lp));
		collect_want(k + 1, n, &lp->want);
	}
	if (err < 0)
		return err;
	if (st.index >= 0) {
		focus_last(fc, o, sample_loop_root(lp));	/* at the window's end */
		collect_last(col, sample_loop_root(lp));
	}
	if (replay && o->intervals > 0)
		o->interval_s = o->window_s / o->intervals;
	if (o->intervals == 0) {
		err_msg(NULL, "no interval was sampled");
		return -ENODATA;
	}
	return 0;
}

/* The rules over o into fs, ranked (and the --deep probes). */
static void judge(struct obs *o, const struct triage_opts *t, struct findings *fs)
{
	int err;

	rules_run(o, fs);
	findings_rank(fs);
	if (t->deep && (t->co.from || t->co.store)) {
		obs_unchecked(o, "deep probes", "BPF probes trace the live system, not a recording");
	} else if (t->deep && t->co.root && strcmp(t->co.root, "/") != 0) {
		obs_unchecked(o, "deep probes", "BPF probes trace the live system, not --root");
	} else if (t->deep) {
		err = triage_deep(fs, o, t->duration);
		if (err == -ENOSYS)
			obs_unchecked(o, "deep probes", "BPF probes are not built into this binary");
		else if (err)
			obs_unchecked(o, "deep probes", "%s", strerror(-err));
		findings_rank(fs);
	}
}

int triage_show(const struct obs *o, const struct findings *fs, const struct triage_opts *t,
		bool replay, int slices, double slice_s, time_t from, time_t to)
{
	struct use_matrix m = { 0 };
	struct triage_report rep = { 0 };
	int worst;

	use_build(o, fs, &m);
	worst = findings_worst(fs);
	rep.o = o;
	rep.fs = fs;
	rep.m = &m;
	rep.now = replay ? to : time(NULL);
	rep.from = replay ? from : 0;
	rep.slices = slices;
	rep.slice_s = slice_s;
	rep.color = t->co.color;
	rep.status = worst == SEV_CRITICAL ? TRIAGE_CRITICAL : worst == SEV_WARNING ? TRIAGE_WARNING : TRIAGE_OK;
	if (t->co.json)
		triage_print_json(stdout, &rep);
	else
		triage_print_text(stdout, &rep);
	fflush(stdout);
	use_free(&m);
	return rep.status;
}

/* Every finding that names a process names its cgroup, and the systemd unit
 * or container the path says (analysis/cgroup_name.h); read now, from the
 * root the report sampled (a process that is gone says nothing). */
static void name_cgroups(struct findings *fs, const struct root *r)
{
	for (int i = 0; r && i < fs->n; i++) {
		struct proc_pid_cgroup pc;
		struct cgroup_paths cp;
		const char *p;

		if (fs->v[i].pid <= 0 || proc_pid_cgroup_read(r, fs->v[i].pid, &pc))
			continue;
		proc_pid_cgroup_paths(&pc, &cp);
		p = cp.v2 && strcmp(cp.v2, "/") != 0 ? cp.v2 : cp.v1[CG1_MEMORY] ? cp.v1[CG1_MEMORY] : cp.v1[CG1_CPU];
		finding_cgroup(&fs->v[i], p);
	}
}

static int report(struct obs *o, const struct triage_opts *t, bool replay, const struct root *r)
{
	struct findings fs = { 0 };
	int status;

	judge(o, t, &fs);
	name_cgroups(&fs, r);
	status = triage_show(o, &fs, t, replay, 0, 0, (time_t)o->wall_start, (time_t)o->wall_end);
	findings_free(&fs);
	return status;
}

int cmd_triage(int argc, char **argv)
{
	struct triage_opts t = { 0 };
	struct sample_loop lp;
	struct sample_want want;
	struct collect *col = NULL;
	struct obs *o = NULL;
	struct focus *fc = NULL;
	int err, ret = TRIAGE_CANNOT_RUN;

	err = parse(argc, argv, &t);
	if (err)
		return err > 0 ? TRIAGE_OK : TRIAGE_CANNOT_RUN;
	collect_want(0, 1, &want);
	want.window_edges = true;
	err = sample_loop_open(&lp, NULL, &t.co, &want);
	if (err)
		return TRIAGE_CANNOT_RUN;	/* bad usage too: 3, the report's "could not run" */
	if (t.pid && !sample_loop_root(&lp)) {
		err_msg(NULL, "--pid reports on a process now; with --from use pidstat -p or top -p");
		goto out;
	}
	if (t.pid) {
		char rel[32];
		int fd;

		snprintf(rel, sizeof(rel), "%ld", t.pid);
		fd = root_openat(sample_loop_root(&lp), ROOT_PROC, rel, O_RDONLY | O_DIRECTORY);
		if (fd < 0) {
			err_msg(NULL, "no process with PID %ld", t.pid);
			goto out;
		}
		close(fd);
	}
	o = obs_new();
	col = o ? collect_new(o, (int)t.pid) : NULL;
	fc = calloc(1, sizeof(*fc));
	if (!col || !fc) {
		err_errno(NULL, -ENOMEM, "cannot start");
		goto out;
	}
	if (lp.feed.next)
		ret = triage_replay(&lp, &t);
	else if (sample(&lp, col, o, &t, fc) == 0)
		ret = report(o, &t, sample_loop_replay(&lp), sample_loop_root(&lp));
out:
	collect_free(col);
	obs_free(o);
	focus_free(fc);
	free(fc);
	sample_loop_close(&lp);
	return ret;
}
