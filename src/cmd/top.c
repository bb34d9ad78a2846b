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

/* The -o sort keys and their names: one list, so a key cannot lack its name. */
#define TOP_KEYS(X) X(K_PID, "PID") X(K_USER, "USER") X(K_PR, "PR") X(K_NI, "NI") \
	X(K_VIRT, "VIRT") X(K_RES, "RES") X(K_SHR, "SHR") X(K_S, "S") X(K_CPU, "%CPU") \
	X(K_MEM, "%MEM") X(K_TIME, "TIME+") X(K_CMD, "COMMAND")
#define TOP_KEY_ENUM(k, name) k,
#define TOP_KEY_NAME(k, name) [k] = name,
enum top_key { TOP_KEYS(TOP_KEY_ENUM) K__COUNT };

static const char *const key_names[K__COUNT] = { TOP_KEYS(TOP_KEY_NAME) };

struct top_opts {
	long frames;		/* -n; -1: until interrupted */
	double delay;		/* -d seconds */
	bool delay_set;		/* -d given (a replay steps every sample otherwise) */
	enum top_key key;	/* -o */
	bool ascending;		/* -o -FIELD */
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
	char (*names)[16];	/* per row: uid as text when not in passwd */
	struct tasks_iter *iter;	/* the task iterator, or NULL: /proc */
	struct buf recs;	/* its records, reused between samples */
	long page_size;
};

static void help(void)
{
	puts("Usage: triage top -b [-n N] [-d SECONDS] [-o FIELD] [-w [COLS]] [-p PID[,PID...]]\n"
	     "                  [--json] [--root DIR[,DIR...]]\n"
	     "procps top in batch mode: the summary and every process, sorted.\n"
	     "  -b          batch mode (the only mode; accepted for compatibility)\n"
	     "  -n N        N frames (default: until interrupted)\n"
	     "  -d SECONDS  between frames (default 3)\n"
	     "  -o FIELD    sort by PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND\n"
	     "              (default %CPU, high to low; -FIELD low to high)\n"
	     "  -w [COLS]   line width (default $COLUMNS, the terminal, else 80; alone: 512)\n"
	     "  -p LIST     only these PIDs\n"
	     "  --source S  where each process's stat figures come from: proc (read\n"
	     "              /proc/PID/stat), bpf (one pass of a BPF task iterator: the same\n"
	     "              numbers at half the cost; root and BTF), auto (bpf from 3,000\n"
	     "              tasks on when allowed, else proc; the default)\n"
	     "--json writes one JSON document per frame (\"source\" says which was used).\n"
	     "Tests: TRIAGE_TIME=EPOCH fixes the clock of the first frame.\n"
	     "Exit status: 0 ok, 1 /proc unreadable, a -p PID missing or --source bpf\n"
	     "unavailable, 2 bad usage.");
}

static int parse_key(const char *s, struct top_opts *o)
{
	o->ascending = false;
	if (*s == '+' || *s == '-')
		o->ascending = *s++ == '-';
	for (int k = 0; k < K__COUNT; k++) {
		if (!strcasecmp(s, key_names[k])) {
			o->key = (enum top_key)k;
			return 0;
		}
	}
	return -EINVAL;
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
	while ((c = getopt_long(argc, argv, "hbn:d:o:w::p:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, co))
			continue;
		switch (c) {
		case 'b':
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
			if (parse_key(optarg, o)) {
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

static int cmp_num(double a, double b)
{
	if (isnan(a))
		a = -1;
	if (isnan(b))
		b = -1;
	return a < b ? -1 : a > b;
}

/* qsort_r comparator; ctx is the top_opts. */
static int line_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct top_opts *o = ctx;
	const struct top_line *a = pa, *b = pb;
	const struct proc_pid_stat *x = &a->m->cur->stat, *y = &b->m->cur->stat;
	int c = 0;

	switch (o->key) {
	case K_PID: c = 0; break;
	case K_USER: c = strcmp(a->user, b->user); break;
	case K_PR: c = cmp_num((double)x->priority, (double)y->priority); break;
	case K_NI: c = cmp_num((double)x->nice, (double)y->nice); break;
	case K_VIRT: c = cmp_num((double)a->virt_kb, (double)b->virt_kb); break;
	case K_RES: c = cmp_num((double)a->res_kb, (double)b->res_kb); break;
	case K_SHR: c = cmp_num((double)a->shr_kb, (double)b->shr_kb); break;
	case K_S: c = (x->state > y->state) - (x->state < y->state); break;
	case K_CPU: c = cmp_num(a->m->top_cpu, b->m->top_cpu); break;
	case K_MEM: c = cmp_num(a->m->top_mem, b->m->top_mem); break;
	case K_TIME: c = cmp_num((double)a->m->time_cs, (double)b->m->time_cs); break;
	case K_CMD: c = strcmp(x->comm, y->comm); break;
	case K__COUNT: break;
	}
	if (!o->ascending)
		c = -c;
	if (c == 0 || o->key == K_PID) {
		/* ties in PID order (procps's list order); PID key follows -o's sign */
		int p = (a->m->cur->pid > b->m->cur->pid) - (a->m->cur->pid < b->m->cur->pid);
		return o->key == K_PID && !o->ascending ? -p : p;
	}
	return c;
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

static void line_of(struct run *run, const struct pid_row *m, size_t i, struct top_line *l)
{
	const struct proc_pid_rec *c = m->cur;
	const char *name = passwd_name(&run->users, c->uid);
	uint64_t pk = (uint64_t)run->params.page_kb;

	l->m = m;
	if (!name) {
		snprintf(run->names[i], sizeof(run->names[i]), "%u", (unsigned)c->uid);
		name = run->names[i];
	}
	l->user = name;
	/* procps: VIRT = statm size, RES = statm resident, SHR = statm share. */
	l->virt_kb = c->statm ? c->statm->size * pk : c->stat.vsize >> 10;
	l->res_kb = c->statm ? c->statm->resident * pk : (c->stat.rss > 0 ? (uint64_t)c->stat.rss * pk : 0);
	l->shr_kb = c->statm ? c->statm->shared * pk : 0;
}

/* -p: is pid asked for (or no list)? */
static bool pid_wanted(const struct top_opts *o, int pid)
{
	for (size_t i = 0; i < o->npids; i++)
		if (o->pids[i] == pid)
			return true;
	return o->npids == 0;
}

/* A recorded frame: the processes that ended in it, after the live ones. */
static size_t exited_lines(struct run *run, const struct exited_rows *ex, size_t n,
			   struct top_line *lines, size_t k)
{
	for (size_t i = 0; i < ex->n; i++) {
		if (!pid_wanted(run->o, ex->rows[i].cur->pid))
			continue;
		line_of(run, &ex->rows[i], n + i, &lines[k]);
		lines[k++].exited = true;
	}
	return k;
}

static int frame(struct run *run, const struct sample *prev, const struct sample *cur)
{
	struct exited_rows ex = { 0 };
	struct top_summary sum;
	struct top_line *lines;
	struct pid_row *rows;
	struct json j;
	size_t n, k = 0;
	int err;

	run->params.dt_s = prev ? cur->up.up_s - prev->up.up_s : cur->up.up_s;
	err = pid_model(prev ? &prev->procs : NULL, &cur->procs, &run->params, &rows, &n);
	if (!err && prev && cur->have_exited)
		err = exited_model(&prev->procs, &cur->procs, &cur->exited, &run->params, &ex);
	if (err)
		return err;
	lines = calloc(n + ex.n + 1, sizeof(*lines));
	run->names = calloc(n + ex.n + 1, sizeof(*run->names));
	if (!lines || !run->names) {
		err = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if (rows[i].cur->tid == 0)
			line_of(run, &rows[i], i, &lines[k++]);
	k = exited_lines(run, &ex, n, lines, k);
	qsort_r(lines, k, sizeof(*lines), line_cmp, (void *)run->o);
	summary(run, prev, cur, &sum);
	sum.exited = prev && cur->have_exited ? (long)ex.n : -1;
	if (run->o->json) {
		top_json_begin(&j, stdout, &sum);
		for (size_t i = 0; i < k; i++)
			top_json_task(&j, &lines[i]);
		top_json_end(&j);
	} else {
		top_print_summary(stdout, &sum);
		top_print_header(stdout, &run->lay);
		for (size_t i = 0; i < k; i++)
			top_print_line(stdout, &run->lay, &lines[i]);
	}
out:
	free(run->names);
	run->names = NULL;
	free(lines);
	free(rows);
	exited_rows_free(&ex);
	return err;
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
			run->lp.want.scan.want = PROC_PID_STATM;
			run->lp.want.parts &= ~SAMPLE_BIT(PASSWD);	/* read once */
			if (primed)
				continue;
		}
		if (primed && !st.older)
			continue;	/* a recorded restart: primes again */
		if (f > 0)
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

static int run_top(struct run *run, bool delay_set)
{
	bool replay = sample_loop_replay(&run->lp), primed;
	int err;

	err = pick_source(run);
	if (err)
		goto out;
	run->lp.hooks = (struct sample_hooks){ run, before_take, after_take };
	/* Prime: stat only (the fds stay open for the frame's pread). One
	 * captured snapshot cannot be primed: since boot, as said above. */
	primed = replay ? sample_loop_left(&run->lp) != 0 : sample_loop_root(&run->lp)->live;
	run->lp.first_interval = replay ? 0 : TOP_PRIME_S;
	run->lp.interval = replay && !delay_set ? 0 : run->o->delay;
	run->lp.max = run->o->frames < 0 ? -1 : run->o->frames + (primed ? 1 : 0);
	if (!primed)
		run->lp.want.scan.want = PROC_PID_STATM;
	err = frames(run, primed);
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
