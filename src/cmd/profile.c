/* triage profile [-a | -p PID | -- COMMAND] [-F HZ] [-d SECONDS]
 *                [--kernel|--user] [-o FILE]
 *                [--format svg|folded|json|pprof|speedscope]:
 * cpu-clock sampling with frame-pointer call chains, symbolized in process,
 * written as a flame graph, folded stacks, JSON, pprof or speedscope. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/opts.h"
#include "core/sampler.h"
#include "model/profile.h"
#include "sources/perf_child.h"
#include "sources/perf_sampler.h"
#include "views/flame_svg.h"
#include "views/folded.h"
#include "views/pprof.h"
#include "views/profile_json.h"
#include "views/speedscope.h"

#define MAX_PIDS 64

enum { FMT_SVG, FMT_FOLDED, FMT_JSON, FMT_PPROF, FMT_SPEEDSCOPE };
enum {
	OPT_KERNEL = OPT_COMMON__END, OPT_USER, OPT_FORMAT, OPT_FOLDED, OPT_TITLE,
	OPT_FROM_FOLDED, OPT_MAX_STACKS, OPT_PID_NAMES, OPT_PER_THREAD, OPT_MMAP_PAGES,
};

struct profile_args {
	bool all, kernel_only, user_only, pid_names, per_thread;
	pid_t pids[MAX_PIDS];
	int npids;
	long freq;
	double duration;
	long max_stacks, mmap_pages;
	int format;
	const char *out, *folded_out, *title, *from_folded;
	char **cmd;
};

static void help(void)
{
	puts("Usage: triage profile [-a | -p PID[,PID...] | [--] COMMAND [ARGS...]]\n"
	     "                      [-F HZ] [-d SECONDS] [--kernel | --user] [-o FILE]\n"
	     "                      [--format svg|folded|json|pprof|speedscope]\n"
	     "                      [--folded FILE] [--title TEXT]\n"
	     "       triage profile --from-folded FILE [-o FILE] [--format ...]\n"
	     "Sample on-CPU call stacks (cpu-clock, frame pointers) and write a flame graph.\n"
	     "  -a, --all-cpus        every CPU (root, CAP_PERFMON or perf_event_paranoid <= 0)\n"
	     "  -p, --pid PID[,PID]   these processes, all their threads\n"
	     "  -F, --freq HZ         samples per second per CPU (default 99, max 10000)\n"
	     "  -d, --duration SECS   with -a/-p (default: until Ctrl-C or the processes exit)\n"
	     "  --kernel, --user      only kernel / only user stacks (default both)\n"
	     "  -o, --output FILE     write there (default stdout)\n"
	     "  --format FMT          svg (interactive flame graph, default), folded\n"
	     "                        (\"frame;frame count\" lines), json, pprof (gzipped\n"
	     "                        protobuf for go tool pprof / Grafana; needs -o or a\n"
	     "                        pipe), speedscope (JSON for speedscope.app)\n"
	     "  --folded FILE         also write the folded stacks of the same capture\n"
	     "  --from-folded FILE    render folded text ('-': stdin) instead of sampling\n"
	     "  --title TEXT          flame graph title (default \"Flame Graph\")\n"
	     "  --max-stacks N        distinct stacks kept (default 100000; more are\n"
	     "                        counted as dropped)\n"
	     "  --pid-names           first frame \"comm-PID\" instead of the thread name\n"
	     "  --per-thread          first frame \"comm-PID/TID\": one tower per thread\n"
	     "  --mmap-pages N        ring buffer pages per CPU/thread (default 64; a power\n"
	     "                        of two); samples lost to a full ring are counted\n"
	     "Unknown frames are shown as object+0xoffset, never dropped. Call chains need\n"
	     "frame pointers (-fno-omit-frame-pointer); shallow stacks are reported.\n"
	     "Exit status: 0 written (also when the process exited early: partial\n"
	     "profile), 1 could not profile (permission, no such process, COMMAND could\n"
	     "not be started, output not writable), 2 bad usage.");
}

static int parse_opt(int c, const char *arg, struct profile_args *a)
{
	int n;

	switch (c) {
	case 'a': a->all = true; return 0;
	case 'p':
		n = perf_pid_list_parse(arg, a->pids, MAX_PIDS);
		if (n < 0)
			return err_msg("profile", "bad PID list '%s'", arg), -EINVAL;
		a->npids = n;
		return 0;
	case 'F':
		if (opt_parse_long(arg, 1, 10000, &a->freq))
			return err_msg("profile", "bad frequency '%s' (1..10000)", arg), -EINVAL;
		return 0;
	case 'd':
		if (opt_parse_double(arg, 0.001, 86400.0 * 365, &a->duration))
			return err_msg("profile", "bad duration '%s'", arg), -EINVAL;
		return 0;
	case 'o': a->out = arg; return 0;
	case OPT_KERNEL: a->kernel_only = true; return 0;
	case OPT_USER: a->user_only = true; return 0;
	case OPT_FOLDED: a->folded_out = arg; return 0;
	case OPT_TITLE: a->title = arg; return 0;
	case OPT_FROM_FOLDED: a->from_folded = arg; return 0;
	case OPT_PID_NAMES: a->pid_names = true; return 0;
	case OPT_PER_THREAD: a->per_thread = true; return 0;
	case OPT_MMAP_PAGES:
		if (opt_parse_long(arg, 1, 4096, &a->mmap_pages) || (a->mmap_pages & (a->mmap_pages - 1)))
			return err_msg("profile", "bad --mmap-pages '%s' (a power of two, 1..4096)", arg), -EINVAL;
		return 0;
	case OPT_MAX_STACKS:
		if (opt_parse_long(arg, 1, 10000000, &a->max_stacks))
			return err_msg("profile", "bad --max-stacks '%s'", arg), -EINVAL;
		return 0;
	case OPT_FORMAT:
		if (!strcmp(arg, "svg"))
			a->format = FMT_SVG;
		else if (!strcmp(arg, "folded"))
			a->format = FMT_FOLDED;
		else if (!strcmp(arg, "json"))
			a->format = FMT_JSON;
		else if (!strcmp(arg, "pprof"))
			a->format = FMT_PPROF;
		else if (!strcmp(arg, "speedscope"))
			a->format = FMT_SPEEDSCOPE;
		else
			return err_msg("profile", "unknown format '%s' (svg, folded, json, pprof, speedscope)",
				       arg), -EINVAL;
		return 0;
	}
	return -EINVAL;
}

static int parse_args(int argc, char **argv, struct profile_args *a, struct common_opts *co)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "all-cpus", no_argument, 0, 'a' },
		{ "pid", required_argument, 0, 'p' },
		{ "freq", required_argument, 0, 'F' },
		{ "duration", required_argument, 0, 'd' },
		{ "output", required_argument, 0, 'o' },
		{ "kernel", no_argument, 0, OPT_KERNEL },
		{ "user", no_argument, 0, OPT_USER },
		{ "format", required_argument, 0, OPT_FORMAT },
		{ "folded", required_argument, 0, OPT_FOLDED },
		{ "title", required_argument, 0, OPT_TITLE },
		{ "from-folded", required_argument, 0, OPT_FROM_FOLDED },
		{ "max-stacks", required_argument, 0, OPT_MAX_STACKS },
		{ "pid-names", no_argument, 0, OPT_PID_NAMES },
		{ "per-thread", no_argument, 0, OPT_PER_THREAD },
		{ "mmap-pages", required_argument, 0, OPT_MMAP_PAGES },
		{ 0 },
	};
	int c;

	a->freq = 99;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+hap:F:d:o:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, co))
			continue;
		if (parse_opt(c, optarg, a))
			return -EINVAL;
	}
	if (co->json)
		a->format = FMT_JSON;
	if (optind < argc)
		a->cmd = argv + optind;
	if (co->help)
		return 0;
	if (a->kernel_only && a->user_only) {
		err_msg("profile", "--kernel and --user exclude each other");
		return -EINVAL;
	}
	if ((a->all ? 1 : 0) + (a->npids ? 1 : 0) + (a->cmd ? 1 : 0) + (a->from_folded ? 1 : 0) != 1) {
		err_msg("profile", "give one of -a, -p PID, a COMMAND or --from-folded FILE");
		return -EINVAL;
	}
	if (a->format == FMT_PPROF && !a->out && isatty(STDOUT_FILENO)) {
		err_msg("profile", "pprof is binary: give -o FILE or redirect stdout");
		return -EINVAL;
	}
	if (a->cmd && a->duration > 0) {
		err_msg("profile", "-d applies to -a and -p; a COMMAND is profiled until it exits");
		return -EINVAL;
	}
	return 0;
}

static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write the chosen format(s). Returns 0 or an exit status. */
static int write_outputs(const struct profile_args *a, const struct stacks *s,
			 const struct profile_summary *sum)
{
	struct flame_opts fo = { .title = a->title, .palette = FLAME_PALETTE_CPU };
	FILE *f = stdout;
	int err = 0;

	if (a->folded_out) {
		FILE *ff = fopen(a->folded_out, "w");

		if (!ff) {
			err_errno("profile", -errno, "cannot write %s", a->folded_out);
			return EXIT_FAIL;
		}
		folded_write(ff, s);
		if (fclose(ff)) {
			err_errno("profile", -errno, "cannot write %s", a->folded_out);
			return EXIT_FAIL;
		}
	}
	if (a->out && !(f = fopen(a->out, "w"))) {
		err_errno("profile", -errno, "cannot write %s", a->out);
		return EXIT_FAIL;
	}
	if (a->format == FMT_SVG)
		err = flame_svg_write(f, s, &fo);
	else if (a->format == FMT_FOLDED)
		err = folded_write(f, s);
	else if (a->format == FMT_PPROF)
		err = pprof_write(f, s, &(struct pprof_opts){ .period_ns = sum->freq ? 1000000000u / sum->freq : 0 });
	else if (a->format == FMT_SPEEDSCOPE)
		err = speedscope_write(f, s, a->title, "none");
	else
		err = profile_json_write(f, s, sum);
	if (fflush(f) && !err)
		err = -errno;
	if (f != stdout && fclose(f) && !err)
		err = -errno;
	if (err) {
		err_errno("profile", err, "cannot write %s", a->out ? a->out : "stdout");
		return EXIT_FAIL;
	}
	return 0;
}

static int from_folded(const struct profile_args *a)
{
	struct profile_summary sum = { .depth1_pct = NAN };
	struct stacks s;
	struct buf b = { 0 };
	int fd = 0, err, bad = 0, ret;

	if (strcmp(a->from_folded, "-") != 0 && (fd = open(a->from_folded, O_RDONLY | O_CLOEXEC)) < 0) {
		err_errno("profile", -errno, "cannot read %s", a->from_folded);
		return EXIT_FAIL;
	}
	err = buf_read_fd(&b, fd, 0);
	if (fd)
		close(fd);
	if (err) {
		err_errno("profile", err, "cannot read %s", a->from_folded);
		buf_free(&b);
		return EXIT_FAIL;
	}
	if (stacks_init(&s, (size_t)a->max_stacks, 0)) {
		buf_free(&b);
		return EXIT_FAIL;
	}
	err = folded_parse(b.p ? b.p : "", b.len, &s, &bad);
	buf_free(&b);
	if (err) {
		err_msg("profile", "%s:%d: not a folded stack line (\"frame;frame count\")", a->from_folded, bad);
		stacks_free(&s);
		return EXIT_FAIL;
	}
	sum.samples = s.total;
	ret = write_outputs(a, &s, &sum);
	stacks_free(&s);
	return ret;
}

static bool pids_alive(const struct profile_args *a)
{
	for (int i = 0; i < a->npids; i++)
		if (kill(a->pids[i], 0) == 0 || errno == EPERM)
			return true;
	return false;
}

/* Open the sampler on t; as non-root under perf_event_paranoid 2, kernel
 * stacks are refused: fall back to user space, as perf does. */
static int open_sampler(struct perf_sampler *smp, const struct perf_target *t,
			struct perf_sampler_opts *so, const struct root *r, bool all)
{
	int err = perf_sampler_open(smp, t, so);
	int level = 2;

	if ((err == -EACCES || err == -EPERM) && so->kernel && so->user && !all) {
		so->kernel = false;
		err = perf_sampler_open(smp, t, so);
		if (!err)
			err_msg("profile", "note: kernel stacks not permitted (kernel.perf_event_paranoid);"
				" profiling user space only");
	}
	if (err == -EACCES || err == -EPERM) {
		perf_paranoid_read(r, &level);
		err_msg("profile", "cannot open perf events: Permission denied (kernel.perf_event_paranoid"
			" is %d; %s needs root, CAP_PERFMON or a value <= %d)", level,
			all ? "-a" : "profiling", all ? 0 : 2);
	} else if (err == -ESRCH) {
		err_msg("profile", "the process exited before it could be profiled");
	} else if (err) {
		err_errno("profile", err, "cannot open perf events");
	}
	return err;
}

/* Sample until the duration, Ctrl-C, the command's exit or every PID's. */
static void capture_loop(struct perf_sampler *smp, struct profile *prof, const struct profile_args *a,
			 struct perf_child *child, int *status)
{
	double t0 = mono_s();

	for (;;) {
		bool stop = sampler_interrupted();

		if (a->duration > 0 && mono_s() - t0 >= a->duration)
			stop = true;
		if (child->pid > 0 && perf_child_wait(child, status, NULL, 0) == 0)
			stop = true;
		if (a->npids && !pids_alive(a)) {
			err_msg("profile", "note: the process exited after %.2f s: the profile covers"
				" until then", mono_s() - t0);
			stop = true;
		}
		if (!stop)
			perf_sampler_poll(smp, 100);
		perf_sampler_drain(smp, profile_record, prof);
		if (stop)
			break;
	}
	perf_sampler_enable(smp, false);
	perf_sampler_drain(smp, profile_record, prof);
	profile_flush(prof);
}

static void report(const struct profile *prof, const struct profile_args *a)
{
	struct symbolizer_stats st;
	double d1 = profile_depth1_pct(prof);

	symbolizer_get_stats(prof->sym, &st);
	fprintf(stderr, "triage: profile: %llu samples at %ld Hz, %llu lost, %zu distinct stacks",
		(unsigned long long)prof->samples, a->freq, (unsigned long long)prof->lost, prof->stacks.n);
	if (prof->stacks.dropped_samples)
		fprintf(stderr, ", %llu samples dropped (over --max-stacks)",
			(unsigned long long)prof->stacks.dropped_samples);
	fputc('\n', stderr);
	if (prof->truncated)
		err_msg("profile", "note: %llu call chains were longer than %d frames and were cut",
			(unsigned long long)prof->truncated, PERF_MAX_STACK);
	if (prof->user_stacks >= 10 && d1 > 50)
		err_msg("profile", "note: %.0f%% of user stacks have a single frame: call chains follow frame"
			" pointers; rebuild with -fno-omit-frame-pointer for complete stacks", d1);
	if (st.kernel_restricted && !a->user_only)
		err_msg("profile", "note: kernel symbols unavailable (kptr_restrict): kernel frames are addresses");
	if (st.objects_no_elf)
		err_msg("profile", "note: %u objects could not be read: their frames are object+offset",
			st.objects_no_elf);
	if (prof->samples == 0)
		err_msg("profile", "note: no samples: was the target on CPU?");
}

/* Set up the target, capture, write. Returns an exit status. */
static int capture(struct sampler *smpl, const struct profile_args *a)
{
	const struct root *r = sampler_root(smpl);
	struct perf_target t = { .ncpus = perf_ncpus(r) };
	struct perf_sampler_opts so = { .freq = (unsigned)a->freq, .kernel = !a->user_only,
					.user = !a->kernel_only, .ring_pages = (size_t)a->mmap_pages };
	struct perf_child child = { .pid = -1, .go_fd = -1, .err_fd = -1 };
	struct perf_sampler smp;
	struct profile prof;
	struct profile_summary sum;
	pid_t *tids = NULL;
	size_t ntids = 0;
	int err, status = 0, ret = EXIT_FAIL;

	if (profile_init(&prof, r, (size_t)a->max_stacks))
		return EXIT_FAIL;
	prof.with_pid = a->pid_names || a->per_thread;
	prof.with_tid = a->per_thread;
	if (a->all) {
		t.system_wide = true;
	} else if (a->npids) {
		for (int i = 0; i < a->npids; i++) {
			err = perf_pid_tids(r, a->pids[i], &tids, &ntids);
			if (err < 0) {
				err_errno("profile", err == -ENOENT ? -ESRCH : err, "process %d", (int)a->pids[i]);
				goto out;
			}
		}
	} else {
		err = perf_child_start(&child, a->cmd);
		if (err || !(tids = malloc(sizeof(*tids)))) {
			err_errno("profile", err ? err : -ENOMEM, "cannot start '%s'", a->cmd[0]);
			goto out;
		}
		tids[0] = child.pid;
		ntids = 1;
		t.per_cpu = t.inherit = t.enable_on_exec = true;
	}
	t.tids = tids;
	t.ntids = ntids;
	if (open_sampler(&smp, &t, &so, r, a->all))
		goto out;
	if (a->cmd) {
		err = perf_child_go(&child);
		if (err) {
			err_errno("profile", err, "cannot run '%s'", a->cmd[0]);
			perf_sampler_close(&smp);
			goto out;
		}
	} else {
		perf_sampler_enable(&smp, true);
	}
	capture_loop(&smp, &prof, a, &child, &status);
	perf_sampler_close(&smp);
	if (child.pid > 0)
		perf_child_wait(&child, &status, NULL, 1);
	if (a->cmd && WIFEXITED(status) && WEXITSTATUS(status))
		err_msg("profile", "'%s' exited with status %d", a->cmd[0], WEXITSTATUS(status));
	report(&prof, a);
	sum = (struct profile_summary){ prof.samples, prof.lost, profile_depth1_pct(&prof), (unsigned)a->freq };
	ret = write_outputs(a, &prof.stacks, &sum);
out:
	perf_child_kill(&child);
	free(tids);
	profile_free(&prof);
	return ret;
}

int cmd_profile(int argc, char **argv)
{
	struct profile_args a = { 0 };
	struct common_opts co;
	struct sampler smp;
	const char *bad = NULL;
	char badbuf[4096];
	int err, ret;

	common_opts_init(&co);
	if (parse_args(argc, argv, &a, &co)) {
		opt_usage_hint("profile");
		return EXIT_USAGE;
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	if (a.from_folded)
		return from_folded(&a);
	err = sampler_open(&smp, co.root, &bad, badbuf, sizeof(badbuf));
	if (err) {
		err_errno("profile", err, "cannot open root '%s'", bad);
		return EXIT_FAIL;
	}
	ret = capture(&smp, &a);
	sampler_close(&smp);
	return ret;
}
