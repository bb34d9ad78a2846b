/* triage serve [--listen ADDR:PORT] [-i SECONDS] [--textfile DIR] [--top-procs N] [--store DIR]
 *
 * The report for a fleet: every interval the sample loop (sample/loop.h)
 * yields a sample; the window that ends there is collected
 * (cmd/triage_collect.c), judged (analysis/rules.h) and rendered once
 * (serve_window.c: OpenMetrics, Prometheus 0.0.4, the JSON report), then
 * published for the HTTP handlers (serve_http.c), which only copy bytes.
 * Each sample ends one window and starts the next, so the process scan is
 * read once per interval; as root with BTF the task iterator's pass gives
 * the process list and which processes changed (cmd/record_tasks.h), and
 * only those are read from /proc (their stat and descriptor count), the
 * others carried from the previous sample: a window's collection costs
 * about what changed, not the number of processes. The same pass gives the
 * thread states (record_tasks_states), so the tasks are walked once. --textfile writes
 * DIR/triage.prom atomically instead (node_exporter's textfile collector),
 * no HTTP.
 * Exit status: 0 ended by SIGTERM/SIGINT (or --count), 1 could not run,
 * 2 bad usage. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "analysis/rules.h"
#include "cmd/record_tasks.h"
#include "cmd/serve.h"
#include "cmd/triage_collect.h"
#include "core/err.h"
#include "core/opts.h"
#include "sample/loop.h"

#define CMD "serve"

enum { OPT_LISTEN = OPT_COMMON__END, OPT_TEXTFILE, OPT_TOP_PROCS, OPT_COUNT };

static void help(void)
{
	puts("Usage: triage serve [--listen ADDR:PORT] [-i SECONDS] [--textfile DIR] [--top-procs N]\n"
	     "                    [--root DIR]\n"
	     "The report for Prometheus: every interval, the USE figures of every resource\n"
	     "and the findings of the window just ended, served over HTTP:\n"
	     "  /metrics  OpenMetrics 1.0.0 (Accept: application/openmetrics-text) or the\n"
	     "            Prometheus text format 0.0.4; node_exporter's names where it has them,\n"
	     "            triage_finding{id,resource,severity}, triage_rule_value{id,resource}\n"
	     "  /report   the JSON report (triage --json) of the last window\n"
	     "  /healthz  ok while windows are being judged\n"
	     "Only GET and HEAD. The alerting rules: triage --rules --format prometheus.\n"
	     "  --listen ADDR:PORT  where to listen (default 127.0.0.1:9847; [::1]:PORT for IPv6)\n"
	     "  -i, --interval S    the window, seconds (default 15, 0.1 to 3600)\n"
	     "  --textfile DIR      write DIR/triage.prom (0.0.4, triage_* series only) every\n"
	     "                      interval, atomically, for node_exporter's textfile collector;\n"
	     "                      no HTTP\n"
	     "  --top-procs N       per-process series for the N busiest processes (default 0)\n"
	     "  --store DIR         judge the samples `triage record` writes to DIR instead of\n"
	     "                      sampling again (--from TIME: where the first window starts)\n"
	     "  --count N           stop after N windows (default: until SIGTERM or SIGINT)\n"
	     "Exit status: 0 stopped, 1 could not run (address in use ...), 2 bad usage.");
}

static int bad(const char *what, const char *arg)
{
	err_msg(CMD, "bad %s '%s' (try 'triage serve --help')", what, arg);
	return -EINVAL;
}

/* 0, 1 for --help, -EINVAL after saying why. */
static int parse(int argc, char **argv, struct serve_opts *so)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		REPLAY_LONGOPTS,
		{ "listen", required_argument, 0, OPT_LISTEN },
		{ "interval", required_argument, 0, 'i' },
		{ "textfile", required_argument, 0, OPT_TEXTFILE },
		{ "top-procs", required_argument, 0, OPT_TOP_PROCS },
		{ "count", required_argument, 0, OPT_COUNT },
		{ 0 },
	};
	int c;

	common_opts_init(&so->co);
	so->listen = "127.0.0.1:9847";
	so->interval = 15;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hi:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &so->co))
			continue;
		switch (c) {
		case OPT_LISTEN: so->listen = optarg; break;
		case 'i':
			if (opt_parse_double(optarg, 0.1, 3600, &so->interval))
				return bad("interval", optarg);
			break;
		case OPT_TEXTFILE: so->textfile = optarg; break;
		case OPT_TOP_PROCS:
			if (opt_parse_long(optarg, 0, 1000, &so->top_procs))
				return bad("--top-procs", optarg);
			break;
		case OPT_COUNT:
			if (opt_parse_long(optarg, 1, 1000000, &so->count))
				return bad("--count", optarg);
			break;
		case '?':
			return bad("option", optopt ? (char[]){ '-', (char)optopt, 0 } : argv[optind - 1]);
		default:
			return bad("option (it needs a value)", argv[optind - 1]);
		}
	}
	if (so->co.help) {
		help();
		return 1;
	}
	if (optind < argc)
		return bad("argument", argv[optind]);
	if (so->co.to || (so->co.from && !so->co.store))
		return bad("option", so->co.to ? "--to (serve judges the samples as they come)"
				     : "--from (only with --store: where the first recorded window starts)");
	return 0;
}

/* DIR/triage.prom written as DIR/.triage.prom.PID then renamed. */
int serve_write_textfile(const char *dir, const struct serve_doc *d)
{
	char tmp[4096], dst[4096];
	int fd, err = 0;

	snprintf(tmp, sizeof(tmp), "%s/.triage.prom.%d", dir, (int)getpid());
	snprintf(dst, sizeof(dst), "%s/triage.prom", dir);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, d->prom, d->prom_len) != (ssize_t)d->prom_len || fsync(fd) || close(fd)) {
		err = -errno;
		if (fd >= 0)
			close(fd);
	} else if (rename(tmp, dst)) {
		err = -errno;
	}
	if (err) {
		unlink(tmp);
		err_errno(CMD, err, "cannot write %s", dst);
	}
	return err;
}

struct window {
	struct obs *o;
	struct collect *col;
	double t0;			/* when its first sample was taken (monotonic s) */
};

static void window_free(struct window *w)
{
	collect_free(w->col);
	obs_free(w->o);
	memset(w, 0, sizeof(*w));
}

/* The window starting at sample s, after the window prev that ended there
 * (its thread sampler carried over: collect_roll), which is freed. */
static int window_start(struct window *w, struct window *prev, const struct sample *s, const struct root *r,
			double interval, struct threads_iter *states)
{
	w->o = obs_new();
	w->col = w->o ? collect_new(w->o, 0) : NULL;
	if (!w->col) {
		window_free(w);
		window_free(prev);
		return -ENOMEM;
	}
	w->o->interval_s = interval;
	if (prev->col)
		collect_roll(prev->col, w->col);
	else
		collect_long_running(w->col, states);
	window_free(prev);
	w->t0 = serve_mono_s();
	return collect_sample(w->col, s, r, 0);
}

/* End window w at sample s: judge, render, publish (or write the textfile). */
static int window_end(struct window *w, const struct sample *s, const struct root *r,
		      const struct serve_opts *so, struct serve_pub *pub)
{
	struct findings fs = { 0 };
	struct serve_doc d;
	double t = serve_mono_s();
	int err = collect_sample(w->col, s, r, 1);

	if (err)
		return err;
	collect_last(w->col, r);
	rules_run(w->o, &fs);
	findings_rank(&fs);
	err = serve_render(&d, w->o, &fs, s, so, serve_mono_s() - t, so->textfile != NULL);
	findings_free(&fs);
	if (err) {
		err_errno(CMD, err, "cannot render the window");
		return err;
	}
	if (so->textfile)
		err = serve_write_textfile(so->textfile, &d);
	serve_publish(pub, &d);
	return err;
}

/* Around each sample: the task iterator's pass (record_tasks.h); with it
 * the scan also carries each process's descriptor count, which changes
 * only when the process runs (then its signature changes and it is read
 * again), for the descriptor pass at the window's end. */
static void before_take(void *ctx, struct sample_want *w)
{
	record_tasks_before(ctx, w);
	if (w->scan.feed)
		w->scan.want |= PROC_PID_FDNR;
}

static void after_take(void *ctx, struct sample_want *w, struct sample *taken)
{
	(void)taken;
	record_tasks_after(ctx, w);
}

static int run(struct sample_loop *lp, const struct serve_opts *so, struct serve_pub *pub)
{
	struct sample_step st = { .index = -1 };
	struct window w = { 0 };
	struct record_tasks tasks;
	struct threads_iter *states;
	int err;

	collect_want(0, 1, &lp->want);
	record_tasks_init(&tasks, NULL, sample_loop_root(lp), &lp->want);
	states = record_tasks_states(&tasks);
	lp->hooks = (struct sample_hooks){ &tasks, before_take, after_take };
	lp->interval = so->interval;
	lp->max = so->count ? so->count + 1 : -1;
	collect_want(0, 1, &lp->want);	/* every sample ends one window and starts the next */
	while ((err = sample_loop_next(lp, &st)) == 0) {
		const struct root *r = sample_loop_root(lp);

		if (w.col && (err = window_end(&w, st.newer, r, so, pub)) == -ENOMEM)
			break;
		struct window next = { 0 };

		err = window_start(&next, &w, st.newer, r, so->interval, states);
		w = next;
		if (err == -ENOMEM)
			break;
		if (err)
			sample_loop_say(lp, st.newer, SAMPLE_UPTIME, NULL);
		collect_want(0, 1, &lp->want);
	}
	window_free(&w);
	lp->hooks = (struct sample_hooks){ 0 };
	record_tasks_close(&tasks);
	if (err < 0) {
		if (err == -ENOMEM)
			err_errno(CMD, err, "cannot judge a window");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cmd_serve(int argc, char **argv)
{
	struct serve_opts so = { 0 };
	struct serve_pub pub = { .lock = PTHREAD_MUTEX_INITIALIZER };
	struct serve_http *http = NULL;
	struct sample_loop lp;
	struct sample_want want;
	sigset_t stop, old;
	int err, fd = -1, ret;

	err = parse(argc, argv, &so);
	if (err)
		return err > 0 ? EXIT_OK : EXIT_USAGE;
	pub.interval = so.interval;
	if (!so.textfile && (fd = serve_listen(so.listen)) < 0)
		return fd == -EINVAL ? EXIT_USAGE : EXIT_FAIL;
	if (so.textfile && access(so.textfile, W_OK) != 0) {
		err_errno(CMD, -errno, "cannot write into --textfile '%s'", so.textfile);
		return EXIT_FAIL;
	}
	if (!so.co.store) {
		collect_want(0, 1, &want);
		err = sample_loop_open(&lp, CMD, &so.co, &want);
		if (err) {
			if (fd >= 0)
				close(fd);
			return sample_loop_exit(err);
		}
	}
	/* the HTTP thread must not take SIGTERM/SIGINT: the sampling thread's waits do */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	http = fd >= 0 ? serve_http_start(fd, &pub) : NULL;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (fd >= 0 && !http)
		ret = EXIT_FAIL;
	else
		ret = so.co.store ? serve_store_run(&so, &pub) : run(&lp, &so, &pub);
	serve_http_stop(http);
	if (fd >= 0 && !http)
		close(fd);
	if (!so.co.store)
		sample_loop_close(&lp);
	serve_doc_free(&pub.doc);
	return ret;
}
