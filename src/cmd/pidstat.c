/* triage pidstat [-u] [-r] [-d] [-s] [-w] [-v] [-t] [-l] [-U [USER]]
 *                [-p PID[,PID...]|SELF|ALL] [-C REGEX] [interval [count]]:
 *                sysstat 12.6 pidstat.
 *
 * Without an interval: figures since boot (counters over the uptime), once.
 * With one: a table per interval and activity, then "Average:" tables (first
 * sample to last). Without -p only active tasks are listed (sysstat's rule:
 * some counter of that activity moved); with -p every selected task is.
 *
 * Replayed, an interval also lists the processes that ended in it (the
 * recorder's exit records, model/exited.h) after the live ones, in -u, -r,
 * -d and -w: their figures from the older sample (or their start) to their
 * exit over the interval, the Command as "<name>" (atop's mark for a process
 * that finished), JSON "exited": true. -u lists each one even without a tick
 * in the interval (its end is the news); -r -d -w by sysstat's activity rule.
 * The Average lists every process that ended after its first sample
 * likewise, from that sample to its exit. */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/pid_common.h"
#include "cmd/sysstat_host.h"
#include "core/err.h"
#include "core/opts.h"
#include "model/exited.h"
#include "model/pid.h"
#include "model/pid_avg.h"
#include "sample/loop.h"
#include "sources/passwd.h"
#include "sources/proc_meminfo.h"
#include "sources/proc_pid_scan.h"
#include "sources/sys_cpu.h"
#include "sources/perf_child.h"
#include "views/pidstat.h"

#define CMD "pidstat"

enum {
	OPT_HELP = OPT_COMMON__END,	/* --help: -h is sysstat's horizontal form */
	OPT_HUMAN,
	OPT_DEC,
};

struct pidstat_opts {
	const char *user;	/* -U NAME: only this user's tasks; NULL: all */
	int *pids;		/* -p list; NULL: all */
	size_t npids;
	char **exec_argv;	/* -e PROGRAM ARGS: run it and watch it */
	regex_t re;		/* -C */
	regex_t gre;		/* -G: the process's command name (threads follow it) */
	struct pidstat_cols cols;	/* -t, -U, -I, --human, --dec */
	bool cmdline;		/* -l */
	bool active_only;	/* no -p: only tasks whose counters moved */
	bool have_re, have_g;
	bool horizontal;	/* -h: one line per task */
	bool epoch;		/* -H: times as seconds since the epoch */
	bool json;
	bool act[PIDSTAT__N];	/* enum pidstat_act */
};

/* What a report reads of one sample (the loop's, or the first one kept for
 * the Average): the scan, its uptime and wall-clock time. */
struct snap {
	const struct proc_pid_sample *s;
	const struct exited_list *ex;	/* what ended since the sample before; NULL: not known */
	double up_s;
	time_t t;
};

/* One report's rows: the model's, then those of the ended processes. */
struct rowset {
	const struct pid_row *rows;
	size_t n;
	const struct exited_rows *ex;	/* may be empty */
};

struct run {
	const struct pidstat_opts *o;
	const struct common_opts *co;	/* the source, for -p's look-ahead */
	bool told_io;		/* the EACCES on /proc/PID/io was reported */
	bool told_fd, told_stack;	/* the same for fd/ and smaps */
	struct passwd_db pw;	/* -U: etc/passwd under the root */
	struct pid_avg avg;	/* gauges summed over the intervals, for Average: */
	struct exited_list avg_ex;	/* the processes that ended since the Average's
					 * first sample ... */
	bool avg_ex_known;	/* ... when every interval knew its exits */
	uid_t user_uid;		/* -U NAME's uid */
	struct sample_loop lp;
	struct pid_clock clock;
	struct pid_params params;
	struct proc_pid_scan_opts scan;
	char cmdbuf[PROC_PID_CMDLINE_MAX];
	bool g_leader_ok;	/* -G: the last process row matched */
	bool told_h;		/* -h: the header was printed */
	struct json j;		/* --json */
	bool stream;		/* --json with an interval and no count: JSON Lines */
	struct perf_child child;	/* -e */
	bool child_done;	/* -e: the program exited */
	int child_pid;
};

static void help(void)
{
	puts("Usage: triage pidstat [-u] [-r] [-d] [-s] [-w] [-v] [-R] [-t] [-l] [-h] [-H] [-I]\n"
	     "                      [-U [USER]] [-T TASK|CHILD|ALL] [-p PID[,PID...]|SELF|ALL]\n"
	     "                      [-C REGEX] [-G REGEX] [--human] [--dec=N] [--json]\n"
	     "                      [--root DIR[,DIR...]] [--from TIME [--to TIME] [--store DIR]]\n"
	     "                      [interval [count]] [-e PROGRAM ARGS...]\n"
	     "Per-task statistics, as sysstat's pidstat prints them.\n"
	     "  -u          CPU: %usr %system %guest %wait %CPU CPU (the default)\n"
	     "  -r          memory: minflt/s majflt/s VSZ RSS %MEM\n"
	     "  -s          stack: StkSize StkRef, kB ([stack] Size and Referenced in smaps)\n"
	     "  -d          I/O: kB_rd/s kB_wr/s kB_ccwr/s iodelay (root to see others' tasks)\n"
	     "  -w          context switches: cswch/s (voluntary) nvcswch/s (non-voluntary)\n"
	     "  -v          threads and fd-nr (open descriptors; - when fd/ is unreadable)\n"
	     "  -R          real-time priority and scheduling policy\n"
	     "  -T TASK|CHILD|ALL  -u/-r of the task, of the task with its waited-for\n"
	     "              children (usr-ms system-ms guest-ms, minflt-nr majflt-nr), or both\n"
	     "  -t          threads too (TGID and TID columns)\n"
	     "  -l          the whole command line instead of the name\n"
	     "  -h          one line per task with every table's columns (no Average)\n"
	     "  -H          times as seconds since the epoch\n"
	     "  -I          %CPU divided by the number of CPUs\n"
	     "  -U [USER]   user names (from the root's etc/passwd) instead of UIDs; with\n"
	     "              USER, only that user's tasks (-UUSER, or USER as the next word)\n"
	     "  -p LIST     only these PIDs (every one listed, active or not); ALL: every task\n"
	     "  -C REGEX    only tasks whose command matches REGEX (extended)\n"
	     "  -G REGEX    only processes whose name matches REGEX (with -t, their threads)\n"
	     "  -e PROGRAM ARGS  run PROGRAM and watch it until it exits (the last option)\n"
	     "  --human     sizes as 51.5M, percentages as 0.1%\n"
	     "  --dec=N     N decimal places (0, 1 or 2; default 2)\n"
	     "  -o JSON     the same as --json\n"
	     "Without an interval, figures since boot. Without -p, only active tasks.\n"
	     "Replayed, each interval and the Average also list the processes that ended\n"
	     "in it (recorded by triage record), in -u (each one) and -r -d -w (when\n"
	     "active): Command \"<name>\", their figures until their exit; JSON\n"
	     "\"exited\": true.\n"
	     "--json: one JSON document (intervals in \"statistics\", then \"average\"); with\n"
	     "an interval and no count (or -e), JSON Lines, one object per interval.\n"
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
	} else if (r && proc_pid_cmdline_read(r, rec->pid, 0, c, sizeof(run->cmdbuf)) > 0) {
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
	case PIDSTAT_CHILD: return m->active_child;
	case PIDSTAT_CHILD_MEM: return m->active_child_mem;
	case PIDSTAT_RT: return m->active_rt;
	case PIDSTAT__N: break;
	}
	return false;
}

static bool pid_listed(const struct pidstat_opts *o, int pid)
{
	for (size_t i = 0; i < o->npids; i++)
		if (o->pids[i] == pid)
			return true;
	return false;
}

/* Row i of rs, and whether it is an ended process's. */
static const struct pid_row *row_at(const struct rowset *rs, size_t i, bool *exited)
{
	*exited = i >= rs->n;
	return *exited ? &rs->ex->rows[i - rs->n] : &rs->rows[i];
}

static size_t rows_n(const struct rowset *rs)
{
	return rs->n + (rs->ex ? rs->ex->n : 0);
}

/* The command of row m: an ended process's is its name (the recording has
 * no command line for it, and its PID may be another process's now). */
static const char *row_cmd(struct run *run, const struct root *r, const struct pid_row *m, bool exited)
{
	return exited ? m->cur->stat.comm : task_cmd(run, r, m->cur);
}

static bool shown(struct run *run, const struct root *r, const struct pid_row *m,
		  enum pidstat_act act, const char *cmd, bool exited)
{
	if (exited && !pidstat_act_at_exit(act))
		return false;	/* its exit record has no such figures */
	/* -u lists every ended process: its end is the news, even when its
	 * last tick came before the older sample */
	if (run->o->active_only && !active(m, act) && !(exited && act == PIDSTAT_CPU))
		return false;
	if (run->o->npids && !pid_listed(run->o, m->cur->pid))
		return false;	/* a recorded sample holds every process */
	if (run->o->have_re && regexec(&run->o->re, cmd, 0, NULL, 0) != 0)
		return false;
	/* -G: rows come as a process, then its threads */
	if (run->o->have_g && m->cur->tid == 0)
		run->g_leader_ok = regexec(&run->o->gre, m->cur->stat.comm, 0, NULL, 0) == 0;
	if (run->o->have_g && !run->g_leader_ok)
		return false;
	if (run->o->user && pid_real_uid(r, m->cur) != run->user_uid)
		return false;
	return true;
}

static void line_of(struct run *run, const struct root *r, const struct pid_row *m,
		    bool avg, bool exited, struct pidstat_line *l)
{
	l->m = m;
	l->pid = m->cur->pid;
	l->tid = m->cur->tid;
	l->uid = pid_real_uid(r, m->cur);
	l->user = run->o->cols.user ? passwd_name(&run->pw, l->uid) : NULL;
	l->cmd = row_cmd(run, r, m, exited);
	l->avg = avg;
	l->exited = exited;
}

/* Whether row m is shown in any of the activities asked. */
static bool shown_any(struct run *run, const struct root *r, const struct pid_row *m, bool exited)
{
	const char *cmd = row_cmd(run, r, m, exited);
	bool any = false;

	for (int a = 0; a < PIDSTAT__N; a++)
		any |= run->o->act[a] && shown(run, r, m, (enum pidstat_act)a, cmd, exited);
	return any;
}

/* -h: one line per task shown in any of the activities. */
static void report_h(struct run *run, const struct root *r, const struct rowset *rs,
		     const char *row_ts, bool first)
{
	const struct pidstat_opts *o = run->o;
	struct pidstat_line l;

	if (first)
		pidstat_print_header_h(stdout, o->act, &o->cols);
	for (size_t i = 0; i < rows_n(rs); i++) {
		bool x;
		const struct pid_row *m = row_at(rs, i, &x);

		if (!shown_any(run, r, m, x))
			continue;
		line_of(run, r, m, false, x, &l);
		pidstat_print_line_h(stdout, row_ts, o->act, &o->cols, &l);
	}
}

/* Print one interval's (or the average's) tables. */
static void report(struct run *run, const struct root *r, const struct rowset *rs,
		   const char *hdr_ts, const char *row_ts, time_t t, double dt, bool avg)
{
	const struct pidstat_opts *o = run->o;
	struct pidstat_line l;
	struct json *j = &run->j;

	if (o->json) {
		pidstat_json_begin(j, stdout, run->stream, t, dt, avg);
		for (size_t i = 0; i < rows_n(rs); i++) {
			bool x;
			const struct pid_row *m = row_at(rs, i, &x);

			if (!shown_any(run, r, m, x))
				continue;
			line_of(run, r, m, avg, x, &l);
			pidstat_json_task(j, &l, o->act, &o->cols);
		}
		pidstat_json_end(j);
		return;
	}
	if (o->horizontal) {
		/* sysstat -h: the header once, no Average */
		if (!avg)
			report_h(run, r, rs, row_ts, !run->told_h);
		run->told_h = true;
		return;
	}
	for (int a = 0; a < PIDSTAT__N; a++) {
		if (!o->act[a])
			continue;
		pidstat_print_header(stdout, hdr_ts, (enum pidstat_act)a, &o->cols);
		for (size_t i = 0; i < rows_n(rs); i++) {
			bool x;
			const struct pid_row *m = row_at(rs, i, &x);

			if (!shown(run, r, m, (enum pidstat_act)a, row_cmd(run, r, m, x), x))
				continue;
			line_of(run, r, m, avg, x, &l);
			pidstat_print_line(stdout, row_ts, (enum pidstat_act)a, &o->cols, &l);
		}
	}
}

/* The scan's refusals, said once each. */
static void tell_denied(struct run *run, const struct proc_pid_sample *s)
{
	if (s->io_denied && !run->told_io) {
		err_errno(CMD, -EACCES, "cannot read /proc/PID/io of %d task(s), "
			  "their I/O shows as -", s->io_denied);
		run->told_io = true;
	}
	if (s->fd_denied && !run->told_fd) {
		err_errno(CMD, -EACCES, "cannot read /proc/PID/fd of %d task(s), "
			  "their fd-nr shows as -", s->fd_denied);
		run->told_fd = true;
	}
	if (s->stack_denied && !run->told_stack) {
		err_errno(CMD, -EACCES, "cannot read /proc/PID/smaps of %d task(s), "
			  "their stack shows as -", s->stack_denied);
		run->told_stack = true;
	}
}

/* A step's newer sample as a snap; -errno (said) when it holds no scan. */
static int snap_of(struct run *run, const struct sample *s, struct snap *out)
{
	const struct root *r = sample_loop_root(&run->lp);
	char path[4200];

	if (!s->have_procs) {
		if (r)
			err_errno(CMD, s->procs_err, "cannot read %s", root_path(r, ROOT_PROC, "", path, sizeof(path)));
		else
			err_msg(CMD, "the recording holds no processes (recorded with --no-procs?)");
		return s->procs_err ? s->procs_err : -ENODATA;
	}
	out->s = &s->procs;
	out->ex = s->have_exited ? &s->exited : NULL;
	out->up_s = s->up.up_s;
	out->t = s->recorded ? sample_wall(s) : pid_clock_at(&run->clock, s->up.up_s);
	tell_denied(run, &s->procs);
	return 0;
}

/* Model prev -> cur and print it. */
static int interval(struct run *run, const struct snap *prev, const struct snap *cur,
		    bool avg, bool since_boot)
{
	struct exited_rows ex = { 0 };
	struct rowset rs = { .ex = &ex };
	struct pid_row *rows;
	const struct exited_list *ended;
	size_t n;
	char hts[24], rts[24];
	int err;

	if (since_boot || !prev)
		prev = NULL;
	/* what ended in the interval; the Average's: since its first sample */
	ended = !prev ? NULL : avg ? (run->avg_ex_known ? &run->avg_ex : NULL) : cur->ex;
	run->params.dt_s = prev ? cur->up_s - prev->up_s : cur->up_s;
	err = pid_model(prev ? prev->s : NULL, cur->s, &run->params, &rows, &n);
	if (!err && ended)
		err = exited_model(prev->s, cur->s, ended, &run->params, &ex);
	if (!err && avg)
		pid_avg_apply(&run->avg, rows, n, run->params.mem_total_kb);
	else if (!err && prev)
		err = pid_avg_add(&run->avg, rows, n);
	if (err) {
		free(rows);
		exited_rows_free(&ex);
		return err;
	}
	rs.rows = rows;
	rs.n = n;
	if (run->o->epoch) {
		snprintf(hts, sizeof(hts), "%lld", (long long)(prev ? prev->t : cur->t));
		snprintf(rts, sizeof(rts), "%lld", (long long)cur->t);
	} else {
		pid_clock_hms(prev ? prev->t : cur->t, hts, sizeof(hts));
		pid_clock_hms(cur->t, rts, sizeof(rts));
	}
	report(run, sample_loop_root(&run->lp), &rs, avg ? "Average:" : hts,
	       avg ? "Average:" : rts, cur->t, run->params.dt_s, avg);
	free(rows);
	exited_rows_free(&ex);
	return 0;
}

/* The Average's ended processes: those of each interval (copied: the loop
 * reuses its samples), unknown from the first interval that does not know. */
static int avg_exits(struct run *run, const struct snap *cur)
{
	if (!cur->ex || !run->avg_ex_known) {
		run->avg_ex_known = false;
		exited_list_free(&run->avg_ex);
		return 0;
	}
	for (size_t i = 0; i < cur->ex->n; i++)
		if (exited_list_add(&run->avg_ex, &cur->ex->v[i]))
			return -ENOMEM;
	return 0;
}

/* A recorded restart, or the first sample: the Average starts anew. */
static void avg_restart(struct run *run)
{
	pid_avg_free(&run->avg);
	exited_list_free(&run->avg_ex);
	run->avg_ex_known = true;
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

static bool pid_exited_in(const struct sample_step *st, int pid)
{
	const struct sample *s = st->newer;

	/* an end before the first sample is in no interval shown */
	for (size_t i = 0; st->older && s->have_exited && i < s->exited.n; i++)
		if (s->exited.v[i].pid == pid)
			return true;
	return false;
}

/* Replayed -p (snapshots, the recording): a PID that appears in any sample
 * the replay yields, or ends in one of its intervals, is shown from the
 * interval it appears (live pidstat started at the window's start, had the
 * process existed); those in none are named, an error only when none
 * appears. A quiet loop of the same source looks ahead; when it cannot
 * read, the loop that prints says why. */
static int check_window_pids(struct run *run)
{
	const struct pidstat_opts *o = run->o;
	struct sample_loop scan;
	struct sample_step st = { .index = -1 };
	bool *seen = calloc(o->npids, sizeof(*seen));
	size_t nseen = 0;
	time_t t0 = 0, t1 = 0;
	char a[24], b[24];
	int err;

	if (!seen)
		return -ENOMEM;
	err = sample_loop_open(&scan, CMD, run->co, &run->lp.want);
	if (err) {
		free(seen);
		return err;
	}
	sample_loop_quiet(&scan);
	scan.interval = run->lp.interval;
	scan.max = run->lp.max;
	while (nseen < o->npids && (err = sample_loop_next(&scan, &st)) == 0) {
		t1 = sample_wall(st.newer);
		if (st.index == 0)
			t0 = t1;
		for (size_t i = 0; i < o->npids; i++) {
			if (seen[i])
				continue;
			seen[i] = (st.newer->have_procs &&
				   proc_pid_sample_find(&st.newer->procs, o->pids[i], 0)) ||
				  pid_exited_in(&st, o->pids[i]);
			nseen += seen[i];
		}
	}
	sample_loop_close(&scan);
	if (err < 0 || st.index < 0) {
		free(seen);
		return 0;
	}
	pid_clock_date(t0, a, sizeof(a));
	pid_clock_date(t1, b, sizeof(b));
	for (size_t i = 0; i < o->npids; i++) {
		if (seen[i])
			continue;
		if (run->lp.feed.next)
			err_msg(CMD, "no process with PID %d in the recorded samples from %s to %s",
				o->pids[i], a, b);
		else
			err_msg(CMD, "no process with PID %d in the snapshots", o->pids[i]);
	}
	free(seen);
	return nseen ? 0 : -ESRCH;
}

/* What each sample reads, before the loop opens. */
static void scan_opts(struct run *run)
{
	const struct pidstat_opts *o = run->o;

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
	run->scan.max_kept_fds = proc_pid_scan_fd_budget();	/* 0 on replay (the loop) */
}

/* The machine from the first sample (MemTotal, CPU count), the banner. */
static void setup(struct run *run, const struct sample *s)
{
	struct sysstat_host h;
	const struct pidstat_opts *o = run->o;
	long pg = sysconf(_SC_PAGESIZE), hz = sysconf(_SC_CLK_TCK);
	time_t now = s->recorded ? sample_wall(s) : pid_clock_at(&run->clock, 0);

	run->clock.started = 0;
	run->params.hz = hz > 0 ? hz : 100;
	run->params.page_kb = pg >= 1024 ? pg / 1024 : 4;
	if (sample_has(s, SAMPLE_MEMINFO))
		run->params.mem_total_kb = s->mem.v[MI_MEM_TOTAL];
	sysstat_host_of(s, now, &h);
	run->params.ncpus = h.b.ncpu;	/* sysstat's cpu_nr, as iostat's banner */
	if (o->act[PIDSTAT_STACK] && s->recorded)
		err_msg(CMD, "the recording holds no [stack] figures (/proc/PID/smaps): -s has none");
	if (o->cols.threads && s->recorded)
		err_msg(CMD, "the recording holds no threads (/proc/PID/task): -t shows the processes only");
	if (!o->json) {
		struct pidstat_banner b = {
			.sysname = h.b.sysname, .release = h.b.release, .nodename = h.b.nodename,
			.machine = h.b.machine, .ncpus = run->params.ncpus, .now = now,
		};

		pidstat_print_banner(stdout, &b);
	} else if (!run->stream) {
		pidstat_json_open(&run->j, stdout, &h.b);
	}
}

/* -U: the sample's user names (the root's etc/passwd, or the recorded
 * one); -U NAME must be one of them. */
static int users(struct run *run, const struct sample *s)
{
	const struct root *r = sample_loop_root(&run->lp);
	char path[4200];
	const char *where = r ? root_path(r, ROOT_TOP, "etc/passwd", path, sizeof(path)) : "the recorded /etc/passwd";

	if (!run->o->cols.user)
		return 0;
	if (!sample_has(s, SAMPLE_PASSWD)) {
		sample_loop_say(&run->lp, s, SAMPLE_PASSWD, NULL);
		return s->err[SAMPLE_PASSWD] ? s->err[SAMPLE_PASSWD] : -ENODATA;
	}
	if (passwd_parse(s->raw[SAMPLE_PASSWD].p, s->raw[SAMPLE_PASSWD].len, &run->pw)) {
		err_msg(CMD, "cannot parse %s", where);
		return -EINVAL;
	}
	if (run->o->user && passwd_uid(&run->pw, run->o->user, &run->user_uid)) {
		err_msg(CMD, "no user '%s' in %s", run->o->user, where);
		return -ESRCH;
	}
	return 0;
}

/* The intervals after the first sample and the Average (first against the
 * last; after a recorded restart, from the sample after it). */
static int intervals(struct run *run, const struct snap *fv)
{
	struct sample_step st;
	struct snap prev, cur, first, last = *fv;
	long nint = 0;
	int err;

	avg_restart(run);
	while (!run->child_done && (err = sample_loop_next(&run->lp, &st)) == 0) {
		err = snap_of(run, st.newer, &cur);
		if (!err && !st.older) {	/* a recorded restart: the Average starts anew */
			avg_restart(run);
			nint = 0;
			last = cur;
			continue;
		}
		if (!err)
			err = snap_of(run, st.older, &prev);
		if (!err)
			err = interval(run, &prev, &cur, false, false);
		if (!err)
			err = avg_exits(run, &cur);
		if (err)
			break;
		nint++;
		last = cur;
		/* -e: the program exited (its last figures are in cur) */
		if (run->child_pid > 0 && !run->child_done &&
		    perf_child_wait(&run->child, &(int){ 0 }, NULL, 0) == 0)
			run->child_done = true;
	}
	if (run->child_done || err > 0)
		err = 0;
	if (err || !nint)
		return err;
	/* the loop kept the first sample aside (keep_first), not a copy */
	err = snap_of(run, sample_loop_first(&run->lp), &first);
	if (err)
		return err;
	run->params.nintervals = (double)nint;
	err = interval(run, &first, &last, true, false);
	run->params.nintervals = 0;
	return err;
}

static int run_pidstat(struct run *run, double ivl, long count)
{
	struct sample_step st;
	struct snap fv;
	bool replay = sample_loop_replay(&run->lp);
	int err;

	if (replay && ivl == 0) {
		ivl = 1;	/* snapshots, recorded samples: one report per pair */
		count = sample_loop_left(&run->lp);
		run->lp.interval = 0;
	} else {
		run->lp.interval = ivl;
	}
	if (run->child_pid > 0 && ivl == 0) {
		ivl = 1;	/* -e without an interval: every second until it exits */
		count = -1;
		run->lp.interval = ivl;
	}
	/* an interval without a count, or a program watched until it exits
	 * (a replay is bounded: one document) */
	run->stream = run->o->json && ivl > 0 && (count < 0 || run->child_pid > 0) && !replay;
	run->lp.max = ivl == 0 ? 1 : count < 0 ? -1 : count + 1;
	err = replay && run->o->npids ? check_window_pids(run) : 0;
	if (err)
		return err;
	err = sample_loop_next(&run->lp, &st);
	if (err > 0)
		err = -ENODATA;
	if (!err)
		err = users(run, st.newer);
	if (err)
		return err;
	setup(run, st.newer);
	err = snap_of(run, st.newer, &fv);
	if (!err && !replay)
		err = check_pids(run->o, fv.s);
	if (err)
		goto out;
	if (ivl == 0) {
		err = interval(run, NULL, &fv, false, true);
		goto out;
	}
	err = intervals(run, &fv);
out:
	if (run->o->json && !run->stream && run->j.f)
		pidstat_json_close(&run->j);
	return err;
}

static int set_regex(regex_t *re, bool *have, const char *arg)
{
	if (*have)
		regfree(re);
	*have = regcomp(re, arg, REG_EXTENDED | REG_NOSUB) == 0;
	if (!*have) {
		err_msg(CMD, "invalid regular expression '%s'", arg);
		return -EINVAL;
	}
	return 0;
}

/* What the command line asked, before it becomes o->act. */
struct asked {
	bool act[PIDSTAT__N], any_act, have_p, task, child;
};

/* -T TASK|CHILD|ALL */
static int set_tasks(struct asked *a, const char *arg)
{
	a->task = !strcmp(arg, "TASK") || !strcmp(arg, "ALL");
	a->child = !strcmp(arg, "CHILD") || !strcmp(arg, "ALL");
	if (a->task || a->child)
		return 0;
	err_msg(CMD, "-T wants TASK, CHILD or ALL, not '%s'", arg);
	return -EINVAL;
}

static int set_pids(struct pidstat_opts *o, struct asked *a, const char *arg)
{
	a->have_p = true;
	free(o->pids);
	o->pids = NULL;
	o->npids = 0;
	if (parse_pids(arg, o)) {
		err_msg(CMD, "invalid PID list '%s': want PID[,PID...], SELF or ALL", arg);
		return -EINVAL;
	}
	return 0;
}

/* One option. Returns 0 or -EINVAL (said). */
static int one_opt(int c, int argc, char **argv, struct common_opts *co, struct pidstat_opts *o,
		   struct asked *a)
{
	static const char acts[] = "urdswvR";
	static const enum pidstat_act act_of[] = { PIDSTAT_CPU, PIDSTAT_MEM, PIDSTAT_IO,
		PIDSTAT_STACK, PIDSTAT_CTXSW, PIDSTAT_KTAB, PIDSTAT_RT };
	const char *k = c > 0 && c < 128 ? strchr(acts, c) : NULL;
	long dec;

	if (k) {
		a->act[act_of[k - acts]] = a->any_act = true;
		return 0;
	}
	if (c != 'h' && common_opt(c, optarg, co))
		return 0;
	switch (c) {
	case 'h': o->horizontal = true; return 0;
	case OPT_HELP: co->help = true; return 0;
	case 'H': o->epoch = true; return 0;
	case 'I': o->cols.smp = true; return 0;
	case 't': o->cols.threads = true; return 0;
	case 'l': o->cmdline = true; return 0;
	case OPT_HUMAN: o->cols.human = true; return 0;
	case 'U':
		o->cols.user = true;
		o->user = optarg ? optarg : opt_optional_word(argc, argv);
		return 0;
	case 'p': return set_pids(o, a, optarg);
	case 'C': return set_regex(&o->re, &o->have_re, optarg);
	case 'G': return set_regex(&o->gre, &o->have_g, optarg);
	case 'T': return set_tasks(a, optarg);
	case 'o':	/* sysstat's -o JSON */
		if (strcmp(optarg, "JSON") != 0) {
			err_msg(CMD, "-o %s: only -o JSON is known", optarg);
			return -EINVAL;
		}
		co->json = true;
		return 0;
	case OPT_DEC:
		if (opt_parse_long(optarg, 0, 2, &dec)) {
			err_msg(CMD, "--dec wants 0, 1 or 2, not '%s'", optarg);
			return -EINVAL;
		}
		o->cols.dec = (int)dec;
		return 0;
	}
	return -EINVAL;
}

/* The tables: -u and -r per -T (TASK by default, CHILD, both), the others
 * as asked; -u when nothing is. */
static void set_acts(struct pidstat_opts *o, struct asked *a)
{
	if (!a->task && !a->child)
		a->task = true;
	if (!a->any_act)
		a->act[PIDSTAT_CPU] = true;
	memcpy(o->act, a->act, sizeof(o->act));
	o->act[PIDSTAT_CPU] = a->act[PIDSTAT_CPU] && a->task;
	o->act[PIDSTAT_CHILD] = a->act[PIDSTAT_CPU] && a->child;
	o->act[PIDSTAT_MEM] = a->act[PIDSTAT_MEM] && a->task;
	o->act[PIDSTAT_CHILD_MEM] = a->act[PIDSTAT_MEM] && a->child;
}

static int parse_args(int argc, char **argv, struct common_opts *co, struct pidstat_opts *o,
		      double *ivl, long *count)
{
	static const struct option longopts[] = {
		{ "root", required_argument, 0, OPT_ROOT },
		{ "json", no_argument, 0, OPT_JSON },
		{ "no-color", no_argument, 0, OPT_NO_COLOR },
		{ "help", no_argument, 0, OPT_HELP },
		REPLAY_LONGOPTS,
		{ "human", no_argument, 0, OPT_HUMAN },
		{ "dec", required_argument, 0, OPT_DEC },
		{ 0 },
	};
	struct asked a = { 0 };
	int c;

	/* -e PROGRAM ARGS: everything after -e is the program's (sysstat) */
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-e")) {
			if (i + 1 >= argc) {
				err_msg(CMD, "-e wants a program");
				return -EINVAL;
			}
			o->exec_argv = argv + i + 1;
			argc = i;
			break;
		}
	o->cols.dec = 2;
	optind = 1;
	while ((c = getopt_long(argc, argv, "hurdswvtlRHIU::p:C:G:T:o:", longopts, NULL)) != -1)
		if (one_opt(c, argc, argv, co, o, &a))
			return -EINVAL;
	if (co->help)
		return 0;
	set_acts(o, &a);
	o->active_only = !a.have_p && !o->exec_argv;
	o->json = co->json;
	return opt_interval_count(CMD, argc, argv, &optind, ivl, count, 1);
}

/* -e PROGRAM ARGS: the user's program, forked and exec'd, is the task
 * watched (-p its PID); sysstat stops when it exits. */
static int start_program(struct run *run, struct pidstat_opts *o)
{
	int err = perf_child_start(&run->child, o->exec_argv);

	if (!err)
		err = perf_child_go(&run->child);
	if (err) {
		err_errno(CMD, err, "cannot run '%s'", o->exec_argv[0]);
		return err;
	}
	free(o->pids);
	o->pids = calloc(1, sizeof(*o->pids));
	if (!o->pids)
		return -ENOMEM;
	o->pids[0] = run->child.pid;
	o->npids = 1;
	run->child_pid = run->child.pid;
	return 0;
}

int cmd_pidstat(int argc, char **argv)
{
	struct common_opts co;
	struct pidstat_opts o = { 0 };
	struct run run = { .o = &o, .co = &co };
	struct sample_want want = { .parts = SAMPLE_BIT(STAT) | SAMPLE_BIT(MEMINFO) | SAMPLE_KERNEL_ID,
				    .procs = true };
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
	if (o.exec_argv && (co.from || co.to || co.store)) {
		err_msg(CMD, "-e runs a program now: it cannot replay a recording");
		opt_usage_hint(CMD);
		rc = EXIT_USAGE;
		goto out;
	}
	if (o.cols.user)
		want.parts |= SAMPLE_BIT(PASSWD);
	/* the program first: -e's PID is what the scan looks at */
	err = o.exec_argv ? start_program(&run, &o) : 0;
	if (err) {
		rc = EXIT_FAIL;
		goto out;
	}
	scan_opts(&run);
	want.scan = run.scan;
	err = sample_loop_open(&run.lp, CMD, &co, &want);
	if (err) {
		rc = sample_loop_exit(err);
		goto out;
	}
	run.lp.keep_first = true;	/* the Average's reference */
	err = run_pidstat(&run, ivl, count);
	sample_loop_close(&run.lp);
	if (err) {
		if (err == -ENOMEM)
			err_errno(CMD, err, "out of memory");
		rc = EXIT_FAIL;
	}
out:
	pid_avg_free(&run.avg);
	exited_list_free(&run.avg_ex);
	passwd_free(&run.pw);
	free(o.pids);
	if (o.have_re)
		regfree(&o.re);
	if (o.have_g)
		regfree(&o.gre);
	return rc;
}
