/* triage pidstat [-u] [-r] [-d] [-s] [-w] [-v] [-t] [-l] [-U [USER]]
 *                [-p PID[,PID...]|SELF|ALL] [-C REGEX] [interval [count]]:
 *                sysstat 12.6 pidstat.
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
#include "model/pid_avg.h"
#include "sources/passwd.h"
#include "sources/proc_meminfo.h"
#include "sources/proc_pid_scan.h"
#include "sources/sys_cpu.h"
#include "sources/kernel_id.h"
#include "views/pidstat.h"

#define CMD "pidstat"

struct pidstat_opts {
	bool act[PIDSTAT__N];	/* enum pidstat_act */
	struct pidstat_cols cols;	/* -t, -U */
	const char *user;	/* -U NAME: only this user's tasks; NULL: all */
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
	bool told_fd, told_stack;	/* the same for fd/ and smaps */
	struct passwd_db pw;	/* -U: etc/passwd under the root */
	struct pid_avg avg;	/* gauges summed over the intervals, for Average: */
	uid_t user_uid;		/* -U NAME's uid */
	struct sampler smp;
	struct pid_clock clock;
	struct pid_params params;
	struct proc_pid_scan_opts scan;
	char cmdbuf[PROC_PID_CMDLINE_MAX];
};

static void help(void)
{
	puts("Usage: triage pidstat [-u] [-r] [-d] [-s] [-w] [-v] [-t] [-l] [-U [USER]]\n"
	     "                      [-p PID[,PID...]|SELF|ALL] [-C REGEX] [--json] [--root DIR]\n"
	     "                      [interval [count]]\n"
	     "Per-task statistics, as sysstat's pidstat prints them.\n"
	     "  -u          CPU: %usr %system %guest %wait %CPU CPU (the default)\n"
	     "  -r          memory: minflt/s majflt/s VSZ RSS %MEM\n"
	     "  -s          stack: StkSize StkRef, kB ([stack] Size and Referenced in smaps)\n"
	     "  -d          I/O: kB_rd/s kB_wr/s kB_ccwr/s iodelay (root to see others' tasks)\n"
	     "  -w          context switches: cswch/s (voluntary) nvcswch/s (non-voluntary)\n"
	     "  -v          threads and fd-nr (open descriptors; - when fd/ is unreadable)\n"
	     "  -t          threads too (TGID and TID columns)\n"
	     "  -l          the whole command line instead of the name\n"
	     "  -U [USER]   user names (from the root's etc/passwd) instead of UIDs; with\n"
	     "              USER, only that user's tasks (-UUSER, or USER as the next word)\n"
	     "  -p LIST     only these PIDs (every one listed, active or not); ALL: every task\n"
	     "  -C REGEX    only tasks whose command matches REGEX (extended)\n"
	     "Without an interval, figures since boot. Without -p, only active tasks.\n"
	     "--json writes one JSON document per interval (and one for the average).\n"
	     "Tests: TRIAGE_TIME=EPOCH fixes the clock of the first sample.\n"
	     "Exit status: 0 ok, 1 none of the PIDs of -p exists, no USER of -U, or\n"
	     "/proc is unreadable, 2 bad usage.");
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

/* The command string of a task: comm, or with -l its command line without
 * trailing whitespace (sysstat writes the bytes raw, so a trailing newline
 * shows as nothing; escaped it would print "\n"). Embedded control bytes
 * stay, for the view to escape. */
static const char *task_cmd(struct run *run, const struct root *r, const struct proc_pid_rec *rec)
{
	char *c = run->cmdbuf;
	size_t n = 0;

	if (!run->o->cmdline || rec->tid != 0)
		return rec->stat.comm;
	if (rec->cmdline && rec->cmdline[0]) {
		snprintf(c, sizeof(run->cmdbuf), "%s", rec->cmdline);
		n = strlen(c);
	} else if (proc_pid_cmdline_read(r, rec->pid, 0, c, sizeof(run->cmdbuf)) > 0) {
		n = strlen(c);
	}
	while (n > 0 && strchr(" \t\n\r\v\f", c[n - 1]))
		c[--n] = '\0';
	return n ? c : rec->stat.comm;
}

/* sysstat get_pid_to_display's "active" test for one table. */
static bool active(const struct pid_row *m, enum pidstat_act act)
{
	switch (act) {
	case PIDSTAT_CPU: return m->active_cpu;
	case PIDSTAT_MEM: return m->active_mem;
	case PIDSTAT_STACK: return m->active_stack;
	case PIDSTAT_IO: return m->active_io;
	case PIDSTAT_CTXSW: return m->active_ctxsw;
	case PIDSTAT_KTAB: return m->active_ktab;
	case PIDSTAT__N: break;
	}
	return false;
}

static bool shown(struct run *run, const struct root *r, const struct pid_row *m,
		  enum pidstat_act act, const char *cmd)
{
	if (run->o->active_only && !active(m, act))
		return false;
	if (run->o->have_re && regexec(&run->o->re, cmd, 0, NULL, 0) != 0)
		return false;
	if (run->o->user && pid_real_uid(r, m->cur) != run->user_uid)
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
	l->user = run->o->cols.user ? passwd_name(&run->pw, l->uid) : NULL;
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

			for (int a = 0; a < PIDSTAT__N; a++)
				any |= o->act[a] && shown(run, r, &rows[i], (enum pidstat_act)a, cmd);
			if (!any)
				continue;
			line_of(run, r, &rows[i], avg, &l);
			pidstat_json_task(&j, &l, o->act, &o->cols);
		}
		pidstat_json_end(&j);
		return;
	}
	for (int a = 0; a < PIDSTAT__N; a++) {
		if (!o->act[a])
			continue;
		pidstat_print_header(stdout, hdr_ts, (enum pidstat_act)a, &o->cols);
		for (size_t i = 0; i < n; i++) {
			const char *cmd = task_cmd(run, r, rows[i].cur);

			if (!shown(run, r, &rows[i], (enum pidstat_act)a, cmd))
				continue;
			line_of(run, r, &rows[i], avg, &l);
			pidstat_print_line(stdout, row_ts, (enum pidstat_act)a, &o->cols, &l);
		}
	}
}

static int take(struct run *run, struct sample *prev, struct sample *out)
{
	int err = pid_take(CMD, sampler_root(&run->smp), &run->scan, prev ? &prev->s : NULL,
			   &out->s, &out->up_s);

	if (err)
		return err;
	out->t = pid_clock_at(&run->clock, out->up_s);
	if (out->s.io_denied && !run->told_io) {
		err_errno(CMD, -EACCES, "cannot read /proc/PID/io of %d task(s), "
			  "their I/O shows as -", out->s.io_denied);
		run->told_io = true;
	}
	if (out->s.fd_denied && !run->told_fd) {
		err_errno(CMD, -EACCES, "cannot read /proc/PID/fd of %d task(s), "
			  "their fd-nr shows as -", out->s.fd_denied);
		run->told_fd = true;
	}
	if (out->s.stack_denied && !run->told_stack) {
		err_errno(CMD, -EACCES, "cannot read /proc/PID/smaps of %d task(s), "
			  "their stack shows as -", out->s.stack_denied);
		run->told_stack = true;
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
	if (!err && avg)
		pid_avg_apply(&run->avg, rows, n, run->params.mem_total_kb);
	else if (!err && prev)
		err = pid_avg_add(&run->avg, rows, n);
	if (err) {
		free(rows);
		return err;
	}
	pid_clock_hms(prev ? prev->t : cur->t, hts, sizeof(hts));
	pid_clock_hms(cur->t, rts, sizeof(rts));
	report(run, sampler_root(&run->smp), rows, n, avg ? "Average:" : hts,
	       avg ? "Average:" : rts, cur->t, run->params.dt_s, avg);
	free(rows);
	return 0;
}

/* -p PIDs that do not exist when we start are named and left out, the
 * others reported (as sysstat does); an error only when none exists. */
static int check_pids(const struct pidstat_opts *o, const struct proc_pid_sample *s)
{
	size_t found = 0;

	for (size_t i = 0; i < o->npids; i++) {
		if (proc_pid_sample_find(s, o->pids[i], 0))
			found++;
		else
			err_msg(CMD, "no process with PID %d", o->pids[i]);
	}
	return o->npids && !found ? -ESRCH : 0;
}

static void setup(struct run *run, const struct root *r)
{
	struct proc_meminfo mi;
	struct sys_cpu_count cc;
	struct kernel_id id;
	struct utsname un;
	const struct pidstat_opts *o = run->o;
	long pg = sysconf(_SC_PAGESIZE), hz = sysconf(_SC_CLK_TCK);

	run->params.hz = hz > 0 ? hz : 100;
	run->params.page_kb = pg >= 1024 ? pg / 1024 : 4;
	if (proc_meminfo_read(r, &mi) == 0)
		run->params.mem_total_kb = mi.v[MI_MEM_TOTAL];
	sys_cpu_count_read(r, NULL, &cc);
	run->params.ncpus = cc.nr;	/* sysstat's cpu_nr, as iostat's banner */
	/* status only for -w (switches) and -U NAME (every task's real uid). */
	run->scan.want = (o->act[PIDSTAT_CPU] ? PROC_PID_SCHEDSTAT : 0) |
			 (o->act[PIDSTAT_IO] ? PROC_PID_IO : 0) |
			 (o->act[PIDSTAT_CTXSW] || o->user ? PROC_PID_STATUS : 0) |
			 (o->act[PIDSTAT_KTAB] ? PROC_PID_FDNR : 0) |
			 (o->act[PIDSTAT_STACK] ? PROC_PID_STACK : 0) |
			 (o->cmdline && o->have_re ? PROC_PID_CMDLINE : 0);
	run->scan.pids = o->pids;
	run->scan.npids = o->npids;
	run->scan.threads = o->cols.threads;
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

/* -U: the root's user names; -U NAME must be one of them. */
static int users(struct run *run, const struct root *r)
{
	char path[4200];
	int err;

	if (!run->o->cols.user)
		return 0;
	err = passwd_read(r, &run->pw);
	if (err) {
		err_errno(CMD, err, "cannot read %s", root_path(r, ROOT_TOP, "etc/passwd", path, sizeof(path)));
		return err;
	}
	if (run->o->user && passwd_uid(&run->pw, run->o->user, &run->user_uid)) {
		err_msg(CMD, "no user '%s' in %s", run->o->user,
			root_path(r, ROOT_TOP, "etc/passwd", path, sizeof(path)));
		return -ESRCH;
	}
	return 0;
}

static int run_pidstat(struct run *run, double ivl, long count)
{
	struct sample first = { 0 }, prev = { 0 }, cur = { 0 };
	bool replay = sampler_left(&run->smp) >= 0;
	int err;

	err = users(run, sampler_root(&run->smp));
	if (err)
		return err;
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

/* sysstat's -U [username]: the name is -UNAME or the next word when that
 * does not start with '-' and is not all digits (an interval). */
static const char *user_arg(int argc, char **argv, const char *optarg_)
{
	const char *w;

	if (optarg_)
		return optarg_;
	if (optind >= argc)
		return NULL;
	w = argv[optind];
	if (w[0] == '-' || w[0] == '\0' || strspn(w, "0123456789") == strlen(w))
		return NULL;
	optind++;
	return w;
}

static int parse_args(int argc, char **argv, struct common_opts *co, struct pidstat_opts *o,
		      double *ivl, long *count)
{
	static const struct option longopts[] = { COMMON_LONGOPTS, { 0 } };
	bool any_act = false, have_p = false;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hurdswvtlU::p:C:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, co))
			continue;
		switch (c) {
		case 'u': o->act[PIDSTAT_CPU] = any_act = true; break;
		case 'r': o->act[PIDSTAT_MEM] = any_act = true; break;
		case 'd': o->act[PIDSTAT_IO] = any_act = true; break;
		case 's': o->act[PIDSTAT_STACK] = any_act = true; break;
		case 'w': o->act[PIDSTAT_CTXSW] = any_act = true; break;
		case 'v': o->act[PIDSTAT_KTAB] = any_act = true; break;
		case 't': o->cols.threads = true; break;
		case 'U':
			o->cols.user = true;
			o->user = user_arg(argc, argv, optarg);
			break;
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
	pid_avg_free(&run.avg);
	passwd_free(&run.pw);
	free(o.pids);
	if (o.have_re)
		regfree(&o.re);
	return rc;
}
