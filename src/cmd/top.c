/* triage top -b [-n N] [-d SEC] [-o FIELD] [-w [COLS]] [-p PID,...]:
 * procps-ng 4.0 top in batch mode.
 *
 * Like procps, the first frame's %CPU comes from a priming scan 0.15 s
 * earlier (LIB_USLEEP); later frames from the previous frame, -d seconds
 * apart. A single snapshot root has no earlier scan: %CPU is then over the
 * time since boot, as procps's very first refresh computes it. Replayed
 * snapshots: the first primes, each next one is a frame. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "bpf/tasks_api.h"
#include "cmd/pid_common.h"
#include "core/err.h"
#include "core/opts.h"
#include "sample/loop.h"
#include "model/exited.h"
#include "model/mem.h"
#include "model/pid.h"
#include "sources/passwd.h"
#include "sources/proc_loadavg.h"
#include "sources/proc_meminfo.h"
#include "sources/proc_pid_scan.h"
#include "sources/proc_stat.h"
#include "sources/sys_cpu.h"
#include "sources/task_feed.h"
#include "sources/pid_max.h"
#include "sources/utmp.h"
#include "cmd/top_rows.h"
#include "tui/tui.h"
#include "views/top.h"

#define CMD "top"
#define TOP_PRIME_S 0.15	/* procps top.c LIB_USLEEP: 150000 us */
/* --source auto takes the task iterator from this many tasks (loadavg's
 * nr_threads) on. Measured (bench/RESULTS.md): /proc costs ~29 us a process;
 * the iterator ~33 ms (its load, ~10 MB of peak RSS for the kernel's BTF)
 * plus ~11 us a process: even at ~1,800, a clear saving from ~3,000. */
#define TOP_BPF_MIN_TASKS 3000

enum top_source { SRC_AUTO, SRC_PROC, SRC_BPF };
enum { OPT_SOURCE = OPT_COMMON__END };

struct top_opts {
	long frames;		/* -n; -1: until interrupted */
	double delay;		/* -d seconds */
	bool delay_set;		/* -d given (a replay steps every sample otherwise) */
	enum top_key key;	/* -o */
	bool ascending;		/* -o -FIELD */
	const char *user;	/* -u USER: name or uid */
	bool batch;		/* -b */
	int width;		/* -w; 0: $COLUMNS, the terminal, or 80 */
	int *pids;		/* -p */
	size_t npids;
	bool json;
	enum top_source source;	/* --source */
};

struct run {
	const struct top_opts *o;
	struct sample_loop lp;
	struct root live;	/* "/" for passwd and pid_max when replaying a recording */
	bool have_live;
	struct task_feed feed;	/* this sample's iterator pass */
	struct pid_clock clock;
	struct pid_params params;
	struct passwd_db users;
	struct top_layout lay;
	struct top_filter filter;	/* -u */
	const struct tui_opts *tui;	/* interactive, or NULL: batch */
	struct tasks_iter *iter;	/* the task iterator, or NULL: /proc */
	struct buf recs;	/* its records, reused between samples */
	long page_size;
	struct json j;		/* --json: the bounded document, once begun */
	bool doc_open;
};

static void help(void)
{
	puts("Usage: triage top [-b] [-n N] [-d SECONDS] [-o FIELD] [-w [COLS]] [-p PID[,PID...]]\n"
	     "                  [-u USER] [--json] [--root DIR[,DIR...]] [--from TIME [--to TIME] [--store DIR]]\n"
	     "procps top: the summary and every process, sorted. On a terminal (stdin and\n"
	     "stdout, TERM not dumb) without -b or --json it is interactive (ncurses): the\n"
	     "header adds per-CPU bars, PSI, the busiest disk and interface and the report's\n"
	     "current findings; press h there for the keys. With --from it replays a\n"
	     "recording (triage record): t/T or left/right step an interval, g jumps to a time.\n"
	     "  -b          batch mode: frames written one after another\n"
	     "  -n N        N frames (default: until interrupted)\n"
	     "  -d SECONDS  between frames (default 3)\n"
	     "  -o FIELD    sort by PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND\n"
	     "              (default %CPU, high to low; -FIELD low to high)\n"
	     "  -w [COLS]   line width (default $COLUMNS, the terminal, else 80; alone: 512)\n"
	     "  -p LIST     only these PIDs\n"
	     "  -u USER     only the processes of USER (name or uid)\n"
	     "  --source S  where each process's stat figures come from: proc (read\n"
	     "              /proc/PID/stat), bpf (one pass of a BPF task iterator: the same\n"
	     "              numbers at half the cost; root and BTF), auto (bpf from 3,000\n"
	     "              tasks on when allowed, else proc; the default)\n"
	     "--json with -n: one JSON document {\"command\": \"top\", \"frames\": [...]}; without -n\n"
	     "JSON Lines, one frame per line (\"source\" says which was used).\n"
	     "Tests: TRIAGE_TIME=EPOCH fixes the clock of the first frame.\n"
	     "Exit status: 0 ok, 1 /proc unreadable, a -p PID or -u USER missing or\n"
	     "--source bpf unavailable, 2 bad usage.");
}

static int parse_pids(const char *arg, struct top_opts *o)
{
	const char *p = arg;

	o->pids = calloc(strlen(arg) / 2 + 2, sizeof(*o->pids));
	if (!o->pids)
		return -ENOMEM;
	while (*p) {
		char tok[32];
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		long v;

		if (len == 0 || len >= sizeof(tok))
			return -EINVAL;
		memcpy(tok, p, len);
		tok[len] = '\0';
		if (opt_parse_long(tok, 1, 0x7fffffff, &v))
			return -EINVAL;
		o->pids[o->npids++] = (int)v;
		p = e ? e + 1 : p + len;
		if (e && !*p)
			return -EINVAL;
	}
	return 0;
}

/* -w with its optional number, attached ("-w100") or next ("-w 100"). */
static int parse_width(int argc, char **argv, const char *arg, struct top_opts *o)
{
	long v;

	if (!arg && optind < argc && argv[optind][0] >= '0' && argv[optind][0] <= '9')
		arg = argv[optind++];
	if (!arg) {
		o->width = 512;
		return 0;
	}
	if (opt_parse_long(arg, 80, 512, &v))
		return -EINVAL;
	o->width = (int)v;
	return 0;
}

static int parse_args(int argc, char **argv, struct common_opts *co, struct top_opts *o)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS, REPLAY_LONGOPTS, { "source", required_argument, 0, OPT_SOURCE }, { 0 }
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hbn:d:o:w::p:u:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, co))
			continue;
		switch (c) {
		case 'b':
			o->batch = true;
			break;
		case 'u':
			o->user = optarg;
			break;
		case OPT_SOURCE:
			if (!strcmp(optarg, "auto") || !strcmp(optarg, "proc") || !strcmp(optarg, "bpf")) {
				o->source = optarg[0] == 'a' ? SRC_AUTO : optarg[0] == 'p' ? SRC_PROC : SRC_BPF;
				break;
			}
			err_msg(CMD, "invalid source '%s': want auto, proc or bpf", optarg);
			return -EINVAL;
		case 'n':
			if (opt_parse_long(optarg, 1, 1L << 30, &o->frames)) {
				err_msg(CMD, "invalid frame count '%s': want a whole number of at least 1", optarg);
				return -EINVAL;
			}
			break;
		case 'd':
			o->delay_set = true;
			if (opt_parse_double(optarg, 0.01, 86400, &o->delay)) {
				err_msg(CMD, "invalid delay '%s': want a number of seconds above 0", optarg);
				return -EINVAL;
			}
			break;
		case 'o':
			if (top_key_parse(optarg, &o->key, &o->ascending)) {
				err_msg(CMD, "unrecognized field name '%s'", optarg);
				return -EINVAL;
			}
			break;
		case 'w':
			if (parse_width(argc, argv, optarg, o)) {
				err_msg(CMD, "invalid width '%s': want 80 to 512", optarg);
				return -EINVAL;
			}
			break;
		case 'p':
			free(o->pids);
			o->pids = NULL;
			o->npids = 0;
			if (parse_pids(optarg, o)) {
				err_msg(CMD, "invalid PID list '%s'", optarg);
				return -EINVAL;
			}
			break;
		default:
			return -EINVAL;
		}
	}
	if (!co->help && optind < argc) {
		err_msg(CMD, "unexpected argument '%s'", argv[optind]);
		return -EINVAL;
	}
	o->json = co->json;
	return 0;
}

/* Around each sample: the processes through the task iterator when there
 * is one (a pass that fails falls back to /proc for that sample: the same
 * figures), else /proc. */
static void before_take(void *ctx, struct sample_want *w)
{
	struct run *run = ctx;

	w->scan.feed = NULL;
	memset(&run->feed, 0, sizeof(run->feed));
	if (run->iter && tasks_iter_read(run->iter, &run->recs) == 0 &&
	    task_feed_build(run->recs.p, run->recs.len, run->params.hz, run->page_size, &run->feed) == 0)
		w->scan.feed = &run->feed;
}

static void after_take(void *ctx, struct sample_want *w, struct sample *taken)
{
	struct run *run = ctx;

	taken->procs_iter = w->scan.feed != NULL;
	task_feed_free(&run->feed);
	w->scan.feed = NULL;
}

/* The root for what a sample does not hold (utmp, passwd, pid_max): the
 * sampled one, or "/" when replaying a recording. */
static const struct root *aux_root(const struct run *run)
{
	const struct root *r = sample_loop_root(&run->lp);

	return r ? r : run->have_live ? &run->live : NULL;
}

static void summary_cpu_mem(const struct sample *prev, const struct sample *cur, struct top_summary *s)
{
	struct mem_free mf;
	struct pid_top_cpu c;
	struct pid_top_mem m;

	if (sample_has(cur, SAMPLE_STAT) && (!prev || sample_has(prev, SAMPLE_STAT))) {
		pid_top_cpu(prev ? &prev->stat.all : NULL, &cur->stat.all, &c);
		s->have_cpu = true;
		s->us = c.us, s->sy = c.sy, s->ni = c.ni, s->id = c.id;
		s->wa = c.wa, s->hi = c.hi, s->si = c.si, s->st = c.st;
	}
	if (sample_has(cur, SAMPLE_MEMINFO)) {
		mem_model_free(&cur->mem, &mf);
		pid_top_mem(&mf, &m);
		s->have_mem = true;
		s->mem_total = m.total, s->mem_free = m.free, s->mem_used = m.used;
		s->mem_buff_cache = m.buff_cache, s->swap_total = m.swap_total;
		s->swap_free = m.swap_free, s->swap_used = m.swap_used, s->mem_avail = m.avail;
	}
}

/* The summary lines' figures for the frame prev -> cur. */
static void summary(struct run *run, const struct sample *prev, const struct sample *cur,
		    struct top_summary *s)
{
	const struct root *r = sample_loop_root(&run->lp);
	struct pid_counts pc;

	memset(s, 0, sizeof(*s));
	s->now = cur->recorded ? sample_wall(cur) : pid_clock_at(&run->clock, cur->up.up_s);
	s->up_s = cur->up.up_s;
	/* logged-in users: utmp now; a recording does not hold them */
	s->users = r ? utmp_count_users(r) : 0;
	if (s->users < 0)
		s->users = 0;
	if (sample_has(cur, SAMPLE_LOADAVG))
		memcpy(s->load, cur->load.load, sizeof(s->load));
	pid_count_states(&cur->procs, &pc);
	s->total = pc.total;
	s->running = pc.running;
	s->sleeping = pc.sleeping;
	s->stopped = pc.stopped;
	s->zombie = pc.zombie;
	summary_cpu_mem(prev, cur, s);
	s->source = cur->recorded ? "recorded" : cur->procs_iter ? "bpf" : "proc";
}

/* The JSON rule: with -n (bounded) one document {"command": "top", "frames":
 * [...]}; without, a stream: each frame one compact line, flushed. Called
 * before (begin) and after each frame. */
static void json_doc_item(struct run *run, bool begin)
{
	bool stream = run->o->frames < 0 && !sample_loop_replay(&run->lp);

	if (stream && begin)
		json_init(&run->j, stdout, false);
	else if (stream)
		json_end(&run->j);
	else if (begin && !run->doc_open) {
		json_init(&run->j, stdout, true);
		json_obj_begin(&run->j, NULL);
		json_str(&run->j, "command", "top");
		json_arr_begin(&run->j, "frames");
		run->doc_open = true;
	}
}

/* Ends the bounded document (an empty "frames" when none was printed). */
static void json_doc_end(struct run *run)
{
	if (!run->o->json || (run->o->frames < 0 && !sample_loop_replay(&run->lp)))
		return;
	json_doc_item(run, true);
	json_arr_end(&run->j);
	json_obj_end(&run->j);
	json_end(&run->j);
}

/* -p: is pid asked for (or no list)? */
static int frame(struct run *run, const struct sample *prev, const struct sample *cur)
{
	struct exited_rows ex = { 0 };
	struct top_summary sum;
	struct top_rows t;
	int err;

	run->params.dt_s = prev ? cur->up.up_s - prev->up.up_s : cur->up.up_s;
	err = top_rows_build(&t, prev ? &prev->procs : NULL, &cur->procs, &run->params, &run->users,
			     &run->filter);
	if (!err && prev && cur->have_exited)
		err = exited_model(&prev->procs, &cur->procs, &cur->exited, &run->params, &ex);
	if (!err)
		err = top_rows_add_exited(&t, &ex, &run->params, &run->users, &run->filter, run->o->pids,
					  run->o->npids);
	if (err) {
		top_rows_free(&t);
		exited_rows_free(&ex);
		return err;
	}
	top_rows_sort(&t, run->o->key, run->o->ascending);
	summary(run, prev, cur, &sum);
	sum.exited = prev && cur->have_exited ? (long)ex.n : -1;
	if (run->o->json) {
		json_doc_item(run, true);
		top_json_frame_begin(&run->j, &sum);
		for (size_t i = 0; i < t.n; i++)
			top_json_task(&run->j, &t.lines[i]);
		top_json_frame_end(&run->j);
		json_doc_item(run, false);
	} else {
		top_print_summary(stdout, &sum);
		top_print_header(stdout, &run->lay);
		for (size_t i = 0; i < t.n; i++)
			top_print_line(stdout, &run->lay, &t.lines[i]);
	}
	top_rows_free(&t);
	exited_rows_free(&ex);
	return 0;
}

static void setup(struct run *run, const struct sample *first)
{
	const struct root *r = aux_root(run);
	long pid_max = 32768;
	struct winsize ws;
	const char *cols = getenv("COLUMNS");
	long pg = sysconf(_SC_PAGESIZE), hz = sysconf(_SC_CLK_TCK), v;

	run->params.hz = hz > 0 ? hz : 100;
	run->params.page_kb = pg >= 1024 ? pg / 1024 : 4;
	run->page_size = pg >= 1024 ? pg : 4096;
	if (sample_has(first, SAMPLE_MEMINFO))
		run->params.mem_total_kb = first->mem.v[MI_MEM_TOTAL];
	run->params.ncpus = first->ncpu.online;	/* procps: the online CPUs */
	/* the sample's etc/passwd (a recording names the recorded host's users) */
	if (!sample_has(first, SAMPLE_PASSWD) || passwd_parse(first->raw[SAMPLE_PASSWD].p,
							     first->raw[SAMPLE_PASSWD].len, &run->users))
		memset(&run->users, 0, sizeof(run->users));
	if (r)
		pid_max_read(r, &pid_max);
	run->lay.pid_width = 5;
	for (long m = pid_max, d = 0; m > 0; m /= 10)
		if (++d > run->lay.pid_width)
			run->lay.pid_width = (int)d;
	run->lay.width = run->o->width;
	if (!run->lay.width && cols && opt_parse_long(cols, 1, 512, &v) == 0)
		run->lay.width = (int)v;
	if (!run->lay.width && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
		run->lay.width = ws.ws_col > 512 ? 512 : ws.ws_col;
	if (!run->lay.width)
		run->lay.width = 80;
}

/* -u USER: a name of the sample's passwd, or a uid. 0 or -ESRCH (said). */
static int resolve_user(struct run *run)
{
	long v;
	uid_t uid;

	if (!run->o->user)
		return 0;
	run->filter.by_uid = true;
	if (passwd_uid(&run->users, run->o->user, &uid) == 0) {
		run->filter.uid = uid;
		return 0;
	}
	if (opt_parse_long(run->o->user, 0, 0x7fffffff, &v) == 0) {
		run->filter.uid = (uid_t)v;
		return 0;
	}
	err_msg(CMD, "invalid user '%s'", run->o->user);
	return -ESRCH;
}

/* --source: open the task iterator when asked, or (auto) when there are
 * enough tasks to pay for loading it and the system allows it. Returns 0, or
 * -errno when bpf was asked for and cannot be had (the message printed). */
static int pick_source(struct run *run)
{
	const struct root *r = sample_loop_root(&run->lp);
	struct bpf_env_err e = { 0 };
	struct proc_loadavg la;
	char msg[512];
	int err;

	if (run->o->source == SRC_PROC)
		return 0;
	if (!r || !r->live) {
		if (run->o->source == SRC_BPF) {
			err_msg(CMD, "--source bpf reads the running system, not a snapshot or a recording");
			return -EINVAL;
		}
		return 0;
	}
	if (run->o->source == SRC_AUTO &&
	    ( run->o->npids || geteuid() != 0 ||
	     proc_loadavg_read(r, &la) || la.tasks < TOP_BPF_MIN_TASKS))
		return 0;
	bpf_env_verbose(false);
	err = tasks_iter_open(r, &run->iter, &e);
	if (err && run->o->source == SRC_BPF) {
		err_msg(CMD, "--source bpf: %s", bpf_env_strerror(&e, msg, sizeof(msg)));
		return err;
	}
	return 0;
}

/* Each frame over its own step; the first sample primes (not printed)
 * unless there is only one captured snapshot. */
static int frames(struct run *run, bool primed)
{
	struct sample_step st;
	long f = 0;
	int err;

	while ((err = sample_loop_next(&run->lp, &st)) == 0) {
		if (st.index == 0) {
			setup(run, st.newer);
			if (resolve_user(run))
				return -ESRCH;
			run->lp.want.scan.want = PROC_PID_STATM;
			run->lp.want.parts &= ~SAMPLE_BIT(PASSWD);	/* read once */
			if (primed)
				continue;
		}
		if (primed && !st.older)
			continue;	/* a recorded restart: primes again */
		if (f > 0 && !run->o->json)
			fputc('\n', stdout);
		if (f == 0 && run->o->npids && st.newer->procs.nprocs == 0) {
			err_msg(CMD, "no process with PID %d", run->o->pids[0]);
			return -ESRCH;
		}
		if (!st.newer->have_procs) {
			err_errno(CMD, st.newer->procs_err ? st.newer->procs_err : -ENODATA, "cannot scan the processes");
			return st.newer->procs_err ? st.newer->procs_err : -ENODATA;
		}
		err = frame(run, primed ? st.older : NULL, st.newer);
		if (err)
			return err;
		fflush(stdout);
		f++;
	}
	return err < 0 ? err : 0;
}

/* Interactive: a terminal on both ends, not -b or --json, a TERM that
 * can address the cursor (dumb cannot: batch frames then). */
static bool interactive(const struct top_opts *o)
{
	const char *term = getenv("TERM");

	return !o->batch && !o->json && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && term && *term &&
	       strcmp(term, "dumb") != 0 && tui_usable();
}

static int run_top(struct run *run, bool delay_set)
{
	bool replay = sample_loop_replay(&run->lp), primed;
	int err;

	err = pick_source(run);
	if (err)
		goto out;
	run->lp.hooks = (struct sample_hooks){ run, before_take, after_take };
	if (run->tui) {
		err = tui_top(&run->lp, run->tui);
		goto out;
	}
	/* Prime: stat only (the fds stay open for the frame's pread). One
	 * captured snapshot cannot be primed: since boot, as said above. */
	primed = replay ? sample_loop_left(&run->lp) != 0 : sample_loop_root(&run->lp)->live;
	run->lp.first_interval = replay ? 0 : TOP_PRIME_S;
	run->lp.interval = replay && !delay_set ? 0 : run->o->delay;
	run->lp.max = run->o->frames < 0 ? -1 : run->o->frames + (primed ? 1 : 0);
	if (!primed)
		run->lp.want.scan.want = PROC_PID_STATM;
	err = frames(run, primed);
	if (!err)
		json_doc_end(run);
out:
	passwd_free(&run->users);
	tasks_iter_close(run->iter);
	buf_free(&run->recs);
	if (run->have_live)
		root_close(&run->live);
	return err;
}

int cmd_top(int argc, char **argv)
{
	struct common_opts co;
	struct top_opts o = { .frames = -1, .delay = 3.0, .key = K_CPU };
	struct run run = { .o = &o };
	struct tui_opts tui = { .cmd = CMD };
	struct sample_want want = { .parts = SAMPLE_BIT(STAT) | SAMPLE_BIT(MEMINFO) | SAMPLE_BIT(LOADAVG) |
						     SAMPLE_BIT(PASSWD),
				    .procs = true };
	int err, rc = EXIT_OK;

	common_opts_init(&co);
	if (parse_args(argc, argv, &co, &o)) {
		opt_usage_hint(CMD);
		rc = EXIT_USAGE;
		goto out;
	}
	if (co.help) {
		help();
		goto out;
	}
	want.scan.pids = o.pids;
	want.scan.npids = o.npids;
	if (interactive(&o)) {
		tui.co = &co;
		tui.delay = o.delay;
		tui.frames = o.frames;
		tui.key = o.key;
		tui.ascending = o.ascending;
		tui.user = o.user;
		tui.color = co.color;
		run.tui = &tui;
		tui_want(&want);
	}
	err = sample_loop_open(&run.lp, CMD, &co, &want);
	if (err) {
		rc = sample_loop_exit(err);
		goto out;
	}
	if (!sample_loop_replay(&run.lp))
		run.lp.want.scan.max_kept_fds = proc_pid_scan_fd_budget();
	if (!sample_loop_root(&run.lp))
		run.have_live = root_open(&run.live, NULL) == 0;
	err = run_top(&run, o.delay_set);
	sample_loop_close(&run.lp);
	if (err) {
		if (err == -ENOMEM)
			err_errno(CMD, err, "out of memory");
		rc = EXIT_FAIL;
	}
out:
	free(o.pids);
	return rc;
}
