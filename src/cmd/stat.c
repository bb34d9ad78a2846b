/* triage stat [-a | -p PID[,PID] | -- COMMAND ARGS] [-d SECONDS] [-e EVENT,...]:
 * perf stat's counting mode from perf_event_open directly. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/opts.h"
#include "core/sampler.h"
#include "model/perf_stat.h"
#include "sources/perf_child.h"
#include "sources/perf_event.h"
#include "views/perf_stat.h"

#define MAX_PIDS 64

static void help(void)
{
	puts("Usage: triage stat [-a | -p PID[,PID...] | [--] COMMAND [ARGS...]]\n"
	     "                   [-d SECONDS] [-e EVENT,...] [--json]\n"
	     "Count events with perf_event_open, as perf stat does: values, rates,\n"
	     "IPC and miss rates, and one line of interpretation. Hardware events\n"
	     "that this machine cannot count are shown as <not supported>.\n"
	     "  -a, --all-cpus        every CPU (needs root or perf_event_paranoid <= 0)\n"
	     "  -p, --pid PID[,PID]   these processes (all their threads)\n"
	     "  -d, --duration SECS   with -a/-p: count this long (default: until Ctrl-C\n"
	     "                        or the processes exit)\n"
	     "  -e, --event LIST      events (default: task-clock, context-switches,\n"
	     "                        cpu-migrations, page-faults, cycles, instructions,\n"
	     "                        branches, branch-misses, cache-references,\n"
	     "                        cache-misses, LLC-loads, LLC-load-misses)\n"
	     "Exit status: 0 counted, 1 could not count (permission, no such process,\n"
	     "COMMAND could not be started), 2 bad usage. The COMMAND's own exit status\n"
	     "is reported on stderr when it is not 0.");
}

struct stat_args {
	bool all;
	pid_t pids[MAX_PIDS];
	int npids;
	double duration;
	enum perf_ev evs[PEV__COUNT];
	size_t nevs;
	char **cmd;
};

/* Parse -e "a,b,c". Returns 0 or -ENOENT with *bad the unknown name. */
static int parse_events(const char *list, struct stat_args *a, char *bad, size_t badsz)
{
	char buf[1024];
	char *save = NULL, *tok;

	snprintf(buf, sizeof(buf), "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int ev = perf_ev_lookup(tok);

		if (ev < 0) {
			snprintf(bad, badsz, "%s", tok);
			return -ENOENT;
		}
		if (a->nevs < PEV__COUNT)
			a->evs[a->nevs++] = (enum perf_ev)ev;
	}
	return a->nevs ? 0 : -EINVAL;
}

static int parse_args(int argc, char **argv, struct stat_args *a, struct common_opts *co)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "all-cpus", no_argument, 0, 'a' },
		{ "pid", required_argument, 0, 'p' },
		{ "duration", required_argument, 0, 'd' },
		{ "event", required_argument, 0, 'e' },
		{ 0 },
	};
	char bad[256];
	int c, n;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+hap:d:e:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, co))
			continue;
		switch (c) {
		case 'a':
			a->all = true;
			break;
		case 'p':
			n = perf_pid_list_parse(optarg, a->pids, MAX_PIDS);
			if (n < 0) {
				err_msg("stat", "bad PID list '%s'", optarg);
				return -EINVAL;
			}
			a->npids = n;
			break;
		case 'd':
			if (opt_parse_double(optarg, 0.001, 86400.0 * 365, &a->duration)) {
				err_msg("stat", "bad duration '%s'", optarg);
				return -EINVAL;
			}
			break;
		case 'e':
			if (parse_events(optarg, a, bad, sizeof(bad))) {
				err_msg("stat", "unknown event '%s' (try task-clock, context-switches,"
					" cpu-migrations, page-faults, cycles, instructions, cache-misses ...)", bad);
				return -EINVAL;
			}
			break;
		default:
			return -EINVAL;
		}
	}
	if (optind < argc)
		a->cmd = argv + optind;
	if (co->help)
		return 0;
	if ((a->all ? 1 : 0) + (a->npids ? 1 : 0) + (a->cmd ? 1 : 0) != 1) {
		err_msg("stat", "give one of -a, -p PID or a COMMAND");
		return -EINVAL;
	}
	if (a->cmd && a->duration > 0) {
		err_msg("stat", "-d applies to -a and -p; a COMMAND is counted until it exits");
		return -EINVAL;
	}
	if (!a->nevs) {
		memcpy(a->evs, perf_ev_default, perf_ev_default_n * sizeof(a->evs[0]));
		a->nevs = perf_ev_default_n;
	}
	return 0;
}

static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Open every counter; on a permission error everywhere, retry user-only as
 * perf does (":u" fallback). Returns 0, -EACCES when nothing opened for
 * lack of permission, -ESRCH when the target was gone. */
static int open_counters(struct perf_counter *cs, const struct stat_args *a, struct perf_target *t)
{
	int any = 0, perm = 0, gone = 0;

	for (int pass = 0; pass < 2; pass++) {
		any = perm = gone = 0;
		for (size_t i = 0; i < a->nevs; i++) {
			if (perf_counter_open(&cs[i], a->evs[i], t))
				return -ENOMEM;
			any += cs[i].err == 0;
			perm += cs[i].err == -EACCES || cs[i].err == -EPERM;
			gone += cs[i].err == -ESRCH;
		}
		if (any || !perm || t->exclude_kernel)
			break;
		for (size_t i = 0; i < a->nevs; i++)
			perf_counter_close(&cs[i]);
		t->exclude_kernel = true;
	}
	if (!any && perm)
		return -EACCES;
	/* Every event unsupported (-e cycles on a VM) is a result, not an error. */
	if (!any && (size_t)gone == a->nevs)
		return -ESRCH;
	return 0;
}

static void perm_message(const struct root *r, bool all)
{
	int level = 0;

	if (perf_paranoid_read(r, &level))
		level = 2;
	err_msg("stat", "cannot open perf events: Permission denied (kernel.perf_event_paranoid is %d;"
		" %s needs root, CAP_PERFMON or a value <= %d)", level,
		all ? "-a" : "counting", all ? 0 : 2);
}

/* Collect the threads of every -p PID. Returns 0 or -ESRCH (message given). */
static int pid_threads(const struct root *r, const struct stat_args *a, pid_t **tids, size_t *n)
{
	for (int i = 0; i < a->npids; i++) {
		int err = perf_pid_tids(r, a->pids[i], tids, n);

		if (err < 0) {
			err_errno("stat", err == -ENOENT ? -ESRCH : err, "process %d", (int)a->pids[i]);
			return -ESRCH;
		}
	}
	return 0;
}

static bool pids_alive(const struct stat_args *a)
{
	for (int i = 0; i < a->npids; i++)
		if (kill(a->pids[i], 0) == 0 || errno == EPERM)
			return true;
	return false;
}

/* Wait for the end of the measurement: duration, Ctrl-C, or every PID gone. */
static void wait_window(struct sampler *smp, const struct stat_args *a)
{
	double t0 = mono_s();

	for (;;) {
		double left = a->duration > 0 ? a->duration - (mono_s() - t0) : 0.1;

		if (a->duration > 0 && left <= 0)
			break;
		if (sampler_wait(smp, left < 0.1 ? left : 0.1) == -EINTR)
			break;
		if (a->npids && !pids_alive(a)) {
			err_msg("stat", "note: the process exited after %.2f s: counted until then",
				mono_s() - t0);
			break;
		}
	}
}

static void format_target(const struct stat_args *a, char *out, size_t size)
{
	size_t o = 0;

	if (a->all) {
		snprintf(out, size, "system wide");
		return;
	}
	if (a->cmd) {
		for (int i = 0; a->cmd[i] && o + 1 < size; i++)
			o += (size_t)snprintf(out + o, size - o, "%s%s", i ? " " : "", a->cmd[i]);
		return;
	}
	o = (size_t)snprintf(out, size, "process id '");
	for (int i = 0; i < a->npids && o + 1 < size; i++)
		o += (size_t)snprintf(out + o, size - o, "%s%d", i ? "," : "", (int)a->pids[i]);
	if (o + 1 < size)
		snprintf(out + o, size - o, "'");
}

/* Run the measurement; fills in[] and the timing. Returns an exit status. */
static int measure(struct sampler *smp, const struct stat_args *a, struct perf_stat_in *in,
		   double *elapsed, struct rusage *ru, bool *have_ru)
{
	const struct root *r = sampler_root(smp);
	struct perf_counter cs[PEV__COUNT];
	struct perf_target t = { .ncpus = perf_ncpus(r) };
	struct perf_child child = { .pid = -1, .go_fd = -1, .err_fd = -1 };
	pid_t *tids = NULL;
	size_t ntids = 0;
	double t0;
	int err, status = 0, ret = EXIT_FAIL;

	memset(cs, 0, sizeof(cs));
	if (a->all) {
		t.system_wide = true;
	} else if (a->npids) {
		if (pid_threads(r, a, &tids, &ntids))
			return EXIT_FAIL;
	} else {
		err = perf_child_start(&child, a->cmd);
		if (err) {
			err_errno("stat", err, "cannot start '%s'", a->cmd[0]);
			return EXIT_FAIL;
		}
		tids = malloc(sizeof(*tids));
		if (!tids)
			goto out;
		tids[0] = child.pid;
		ntids = 1;
		t.inherit = t.enable_on_exec = true;
	}
	t.tids = tids;
	t.ntids = ntids;
	err = open_counters(cs, a, &t);
	if (err == -EACCES) {
		perm_message(r, a->all);
		goto out;
	} else if (err) {
		err_errno("stat", err, "cannot open perf events");
		goto out;
	}
	if (t.exclude_kernel)
		err_msg("stat", "note: counting user space only (kernel.perf_event_paranoid)");
	t0 = mono_s();
	if (a->cmd) {
		err = perf_child_go(&child);
		if (err) {
			err_errno("stat", err, "cannot run '%s'", a->cmd[0]);
			goto out;
		}
		perf_child_wait(&child, &status, ru, 1);
		*have_ru = true;
	} else {
		for (size_t i = 0; i < a->nevs; i++)
			perf_counter_enable(&cs[i], true);
		wait_window(smp, a);
		for (size_t i = 0; i < a->nevs; i++)
			perf_counter_enable(&cs[i], false);
	}
	*elapsed = mono_s() - t0;
	for (size_t i = 0; i < a->nevs; i++) {
		in[i].ev = a->evs[i];
		in[i].err = cs[i].err;
		if (!cs[i].err && perf_counter_read(&cs[i]))
			in[i].err = -EIO;
		in[i].sum = cs[i].sum;
	}
	if (a->cmd && WIFEXITED(status) && WEXITSTATUS(status))
		err_msg("stat", "'%s' exited with status %d", a->cmd[0], WEXITSTATUS(status));
	else if (a->cmd && WIFSIGNALED(status))
		err_msg("stat", "'%s' was killed by signal %d", a->cmd[0], WTERMSIG(status));
	ret = EXIT_OK;
out:
	for (size_t i = 0; i < a->nevs; i++)
		perf_counter_close(&cs[i]);
	perf_child_kill(&child);
	free(tids);
	return ret;
}

int cmd_stat(int argc, char **argv)
{
	struct stat_args a = { 0 };
	struct common_opts co;
	struct sampler smp;
	struct perf_stat_in in[PEV__COUNT];
	struct perf_stat_model m;
	struct perf_stat_report rep = { 0 };
	struct rusage ru;
	bool have_ru = false;
	char target[1024];
	double elapsed = 0;
	int ret, err;

	common_opts_init(&co);
	if (parse_args(argc, argv, &a, &co)) {
		opt_usage_hint("stat");
		return EXIT_USAGE;
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	err = sampler_open_cmd(&smp, "stat", co.root);
	if (err)
		return EXIT_FAIL;
	memset(in, 0, sizeof(in));
	ret = measure(&smp, &a, in, &elapsed, &ru, &have_ru);
	if (ret == EXIT_OK) {
		perf_stat_model(in, a.nevs, elapsed, a.all, &m);
		format_target(&a, target, sizeof(target));
		rep.m = &m;
		rep.target = target;
		rep.is_command = a.cmd != NULL;
		rep.user_s = have_ru ? (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 : NAN;
		rep.sys_s = have_ru ? (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6 : NAN;
		if (co.json)
			perf_stat_print_json(stdout, &rep);
		else
			perf_stat_print(stdout, &rep);
	}
	sampler_close(&smp);
	return ret;
}
