/* triage pidstat [-u] [-r] [-d] [-t] [-l] [-p PID[,PID...]|SELF|ALL] [-C REGEX]
 *                [interval [count]]: sysstat 12.6 pidstat.
 *
 * Without an interval: figures since boot (counters over the uptime), once.
 * With one: a table per interval and activity, then "Average:" tables (first
 * sample to last). Without -p only active tasks are listed (sysstat's rule:
 * some counter of that activity moved); with -p every selected task is. */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cmd/pid_common.h"
#include "core/err.h"
#include "core/opts.h"
#include "core/sampler.h"
#include "model/pid.h"
#include "sources/proc_meminfo.h"
#include "sources/proc_pid_scan.h"
#include "sources/proc_uptime.h"
#include "sources/sys_cpu.h"
#include "sources/kernel_id.h"
#include "views/pidstat.h"

#define CMD "pidstat"

struct pidstat_opts {
	bool act[3];		/* PIDSTAT_CPU, _MEM, _IO */
	bool threads;		/* -t */
	bool cmdline;		/* -l */
	bool active_only;	/* no -p: only tasks whose counters moved */
	int *pids;		/* -p list; NULL: all */
	size_t npids;
	bool have_re;		/* -C */
	regex_t re;
	bool json;
};

/* One sample: the scan and its uptime. */
struct sample {
	struct proc_pid_sample s;
	double up_s;
	time_t t;
};

struct run {
	const struct pidstat_opts *o;
	bool told_io;		/* the EACCES on /proc/PID/io was reported */
	struct sampler smp;
	struct pid_clock clock;
	struct pid_params params;
	struct proc_pid_scan_opts scan;
	char cmdbuf[PROC_PID_CMDLINE_MAX];
};

static void help(void)
{
	puts("Usage: triage pidstat [-u] [-r] [-d] [-t] [-l] [-p PID[,PID...]|SELF|ALL]\n"
	     "                      [-C REGEX] [--json] [--root DIR] [interval [count]]\n"
	     "Per-task statistics, as sysstat's pidstat prints them.\n"
	     "  -u          CPU: %usr %system %guest %wait %CPU CPU (the default)\n"
	     "  -r          memory: minflt/s majflt/s VSZ RSS %MEM\n"
	     "  -d          I/O: kB_rd/s kB_wr/s kB_ccwr/s iodelay (root to see others' tasks)\n"
	     "  -t          threads too (TGID and TID columns)\n"
	     "  -l          the whole command line instead of the name\n"
	     "  -p LIST     only these PIDs (every one listed, active or not); ALL: every task\n"
	     "  -C REGEX    only tasks whose command matches REGEX (extended)\n"
	     "Without an interval, figures since boot. Without -p, only active tasks.\n"
	     "--json writes one JSON document per interval (and one for the average).\n"
	     "Exit status: 0 ok, 1 a PID given with -p does not exist or /proc unreadable,\n"
	     "2 bad usage.");
}

static int parse_pids(const char *arg, struct pidstat_opts *o)
{
	const char *p = arg;

	if (!strcmp(arg, "ALL"))
		return 0;
	o->pids = calloc(strlen(arg) / 2 + 2, sizeof(*o->pids));
	if (!o->pids)
		return -ENOMEM;
	while (*p) {
		const char *e = strchr(p, ',');
		char tok[32];
		size_t len = e ? (size_t)(e - p) : strlen(p);
		long v;

		if (len == 0 || len >= sizeof(tok))
			return -EINVAL;
		memcpy(tok, p, len);
		tok[len] = '\0';
		if (!strcmp(tok, "SELF"))
			v = getpid();
		else if (opt_parse_long(tok, 1, 0x7fffffff, &v))
			return -EINVAL;
		o->pids[o->npids++] = (int)v;
		p = e ? e + 1 : p + len;
		if (e && !*p)
			return -EINVAL;
	}
	return 0;
}

/* The command string of a task: comm, or with -l its command line. */
static const char *task_cmd(struct run *run, const struct root *r, const struct proc_pid_rec *rec)
{
	if (run->o->cmdline && rec->tid == 0) {
		if (rec->cmdline && rec->cmdline[0])
			return rec->cmdline;
		if (proc_pid_cmdline_read(r, rec->pid, 0, run->cmdbuf, sizeof(run->cmdbuf)) > 0)
			return run->cmdbuf;
	}
	return rec->stat.comm;
}

static bool shown(struct run *run, const struct pid_row *m, enum pidstat_act act, const char *cmd)
{
	if (run->o->active_only) {
		bool a = act == PIDSTAT_CPU ? m->active_cpu :
			 act == PIDSTAT_MEM ? m->active_mem : m->active_io;
		if (!a)
			return false;
	}
	if (run->o->have_re && regexec(&run->o->re, cmd, 0, NULL, 0) != 0)
		return false;
	return true;
}

static void line_of(struct run *run, const struct root *r, const struct pid_row *m,
		    bool avg, struct pidstat_line *l)
{
	l->m = m;
	l->pid = m->cur->pid;
	l->tid = m->cur->tid;
	l->uid = pid_real_uid(r, m->cur);
	l->cmd = task_cmd(run, r, m->cur);
	l->avg = avg;
}

/* Print one interval's (or the average's) tables. */
static void report(struct run *run, const struct root *r, const struct pid_row *rows, size_t n,
		   const char *hdr_ts, const char *row_ts, time_t t, double dt, bool avg)
{
	const struct pidstat_opts *o = run->o;
	struct pidstat_line l;
	struct json j;

	if (o->json) {
		pidstat_json_begin(&j, stdout, t, dt, avg);
		for (size_t i = 0; i < n; i++) {
			const char *cmd = task_cmd(run, r, rows[i].cur);
			bool any = false;

			for (int a = 0; a < 3; a++)
				any |= o->act[a] && shown(run, &rows[i], (enum pidstat_act)a, cmd);
			if (!any)
				continue;
			line_of(run, r, &rows[i], avg, &l);
			pidstat_json_task(&j, &l, o->act);
		}
		pidstat_json_end(&j);
		return;
	}
	for (int a = 0; a < 3; a++) {
		if (!o->act[a])
			continue;
		pidstat_print_header(stdout, hdr_ts, (enum pidstat_act)a, o->threads);
		for (size_t i = 0; i < n; i++) {
			const char *cmd = task_cmd(run, r, rows[i].cur);

			if (!shown(run, &rows[i], (enum pidstat_act)a, cmd))
				continue;
			line_of(run, r, &rows[i], avg, &l);
			pidstat_print_line(stdout, row_ts, (enum pidstat_act)a, o->threads, &l);
		}
	}
}

static int take(struct run *run, struct sample *prev, struct sample *out)
{
	const struct root *r = sampler_root(&run->smp);
	struct proc_uptime up;
	char path[4200];
	int err;

	err = proc_uptime_read(r, &up);
	if (err) {
		err_errno(CMD, err, "cannot read %s", root_path(r, ROOT_PROC, "uptime", path, sizeof(path)));
		return err;
	}
	err = proc_pid_scan(r, &run->scan, prev ? &prev->s : NULL, &out->s);
	if (err) {
		err_errno(CMD, err, "cannot read %s", root_path(r, ROOT_PROC, "", path, sizeof(path)));
		return err;
	}
	out->up_s = up.up_s;
	out->t = pid_clock_at(&run->clock, up.up_s);
	if (out->s.io_denied && !run->told_io) {
		err_errno(CMD, -EACCES, "cannot read /proc/PID/io of %d task(s), "
			  "their I/O shows as -", out->s.io_denied);
		run->told_io = true;
	}
	return 0;
}

/* Model prev -> cur and print it. */
static int interval(struct run *run, const struct sample *prev, const struct sample *cur,
		    bool avg, bool since_boot)
{
	struct pid_row *rows;
	size_t n;
	char hts[16], rts[16];
	int err;

	if (since_boot || !prev)
		prev = NULL;
	run->params.dt_s = prev ? cur->up_s - prev->up_s : cur->up_s;
	err = pid_model(prev ? &prev->s : NULL, &cur->s, &run->params, &rows, &n);
	if (err)
		return err;
	pid_clock_hms(prev ? prev->t : cur->t, hts, sizeof(hts));
	pid_clock_hms(cur->t, rts, sizeof(rts));
	report(run, sampler_root(&run->smp), rows, n, avg ? "Average:" : hts,
	       avg ? "Average:" : rts, cur->t, run->params.dt_s, avg);
	free(rows);
	return 0;
}

/* -p PIDs must exist when we start. */
static int check_pids(const struct pidstat_opts *o, const struct proc_pid_sample *s)
{
	for (size_t i = 0; i < o->npids; i++) {
		if (!proc_pid_sample_find(s, o->pids[i], 0)) {
			err_msg(CMD, "no process with PID %d", o->pids[i]);
			return -ESRCH;
		}
	}
	return 0;
}

static void setup(struct run *run, const struct root *r)
{
	struct proc_meminfo mi;
	struct sys_cpu sc = { 0 };
	struct kernel_id id;
	struct utsname un;
	const struct pidstat_opts *o = run->o;
	long pg = sysconf(_SC_PAGESIZE), hz = sysconf(_SC_CLK_TCK);

	run->params.hz = hz > 0 ? hz : 100;
	run->params.page_kb = pg >= 1024 ? pg / 1024 : 4;
	if (proc_meminfo_read(r, &mi) == 0)
		run->params.mem_total_kb = mi.v[MI_MEM_TOTAL];
	if (sys_cpu_read(r, &sc) == 0)
		run->params.ncpus = sc.online.count;
	sys_cpu_free(&sc);
	run->scan.want = (o->act[PIDSTAT_CPU] ? PROC_PID_SCHEDSTAT : 0) |
			 (o->act[PIDSTAT_IO] ? PROC_PID_IO : 0) |
			 (o->cmdline && o->have_re ? PROC_PID_CMDLINE : 0);
	run->scan.pids = o->pids;
	run->scan.npids = o->npids;
	run->scan.threads = o->threads;
	run->scan.max_kept_fds = sampler_left(&run->smp) < 0 ? proc_pid_scan_fd_budget() : 0;
	if (!o->json) {
		struct pidstat_banner b;

		kernel_id_read(r, &id);
		if (uname(&un))
			snprintf(un.machine, sizeof(un.machine), "?");
		b.sysname = id.sysname;
		b.release = id.release;
		b.nodename = id.hostname;
		b.machine = un.machine;
		b.ncpus = run->params.ncpus;
		b.now = pid_clock_at(&run->clock, 0);
		run->clock.started = 0;
		pidstat_print_banner(stdout, &b);
	}
}

static int run_pidstat(struct run *run, double ivl, long count)
{
	struct sample first = { 0 }, prev = { 0 }, cur = { 0 };
	bool replay = sampler_left(&run->smp) >= 0;
	int err;

	setup(run, sampler_root(&run->smp));
	if (replay && ivl == 0) {
		ivl = 1;	/* snapshots: one report per pair */
		count = sampler_left(&run->smp);
	}
	err = take(run, NULL, &first);
	if (!err)
		err = check_pids(run->o, &first.s);
	if (err)
		goto out;
	if (ivl == 0) {
		err = interval(run, NULL, &first, false, true);
		goto out;
	}
	prev = first;
	for (long k = 0; count < 0 || k < count; k++) {
		err = sampler_wait(&run->smp, ivl);
		if (err)
			break;
		err = take(run, &prev, &cur);
		if (err)
			break;
		err = interval(run, &prev, &cur, false, false);
		if (err)
			break;
		if (prev.s.recs != first.s.recs)
			proc_pid_sample_free(&prev.s);
		prev = cur;
		memset(&cur, 0, sizeof(cur));
	}
	if (err == -EINTR || err == -ENODATA)
		err = 0;
	if (!err && prev.s.recs != first.s.recs)
		err = interval(run, &first, &prev, true, false);
	if (prev.s.recs != first.s.recs)
		proc_pid_sample_free(&prev.s);
out:
	proc_pid_sample_free(&first.s);
	proc_pid_sample_free(&cur.s);
	return err;
}

static int parse_args(int argc, char **argv, struct common_opts *co, struct pidstat_opts *o,
		      double *ivl, long *count)
{
	static const struct option longopts[] = { COMMON_LONGOPTS, { 0 } };
	bool any_act = false, have_p = false;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hurdtlp:C:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, co))
			continue;
		switch (c) {
		case 'u': o->act[PIDSTAT_CPU] = any_act = true; break;
		case 'r': o->act[PIDSTAT_MEM] = any_act = true; break;
		case 'd': o->act[PIDSTAT_IO] = any_act = true; break;
		case 't': o->threads = true; break;
		case 'l': o->cmdline = true; break;
		case 'p':
			have_p = true;
			free(o->pids);
			o->pids = NULL;
			o->npids = 0;
			if (parse_pids(optarg, o)) {
				err_msg(CMD, "invalid PID list '%s': want PID[,PID...], SELF or ALL", optarg);
				return -EINVAL;
			}
			break;
		case 'C':
			if (o->have_re)
				regfree(&o->re);
			if (regcomp(&o->re, optarg, REG_EXTENDED | REG_NOSUB)) {
				o->have_re = false;
				err_msg(CMD, "invalid regular expression '%s'", optarg);
				return -EINVAL;
			}
			o->have_re = true;
			break;
		default:
			return -EINVAL;
		}
	}
	if (co->help)
		return 0;
	if (!any_act)
		o->act[PIDSTAT_CPU] = true;
	o->active_only = !have_p;
	o->json = co->json;
	return opt_interval_count(CMD, argc, argv, &optind, ivl, count, 1);
}

int cmd_pidstat(int argc, char **argv)
{
	struct common_opts co;
	struct pidstat_opts o = { 0 };
	struct run run = { .o = &o };
	const char *bad = NULL;
	char badbuf[4096];
	double ivl;
	long count;
	int err, rc = EXIT_OK;

	common_opts_init(&co);
	if (parse_args(argc, argv, &co, &o, &ivl, &count)) {
		opt_usage_hint(CMD);
		rc = EXIT_USAGE;
		goto out;
	}
	if (co.help) {
		help();
		goto out;
	}
	err = sampler_open(&run.smp, co.root, &bad, badbuf, sizeof(badbuf));
	if (err) {
		err_errno(CMD, err, "cannot open root '%s'", bad);
		rc = EXIT_FAIL;
		goto out;
	}
	err = run_pidstat(&run, ivl, count);
	sampler_close(&run.smp);
	if (err) {
		if (err == -ENOMEM)
			err_errno(CMD, err, "out of memory");
		rc = EXIT_FAIL;
	}
out:
	free(o.pids);
	if (o.have_re)
		regfree(&o.re);
	return rc;
}
