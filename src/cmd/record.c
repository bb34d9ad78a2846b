/* triage record [-i SECONDS] [--store DIR] [--max-size SIZE] [--max-age DAYS]:
 * the flight recorder. Every interval it takes one sample of everything the
 * views and the report read (sample/sample.h: the host files, disks, links,
 * every process) on the one sample loop, encodes it (sample/codec.h) and
 * appends it to the store (store/store.h), which compresses it against the
 * previous record. SIGTERM/SIGINT end it after the sample being written;
 * SIGHUP reopens the store (a new segment). A full disk is said once and
 * nothing half is written; recording resumes when there is room. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/record_exits.h"
#include "core/err.h"
#include "core/opts.h"
#include "cmd/record_tasks.h"
#include "cmd/record_threads.h"
#include "sample/codec.h"
#include "sample/loop.h"
#include "sources/kmsg_follow.h"
#include "store/store.h"

#define CMD "record"

enum {
	OPT_MAX_SIZE = OPT_COMMON__END,
	OPT_MAX_AGE,
	OPT_SEGMENT_SIZE,
	OPT_NO_PROCS,
};

struct record_opts {
	double interval;	/* seconds */
	const char *dir;
	uint64_t max_bytes;	/* 0: no bound */
	int64_t max_age_s;	/* 0: no bound */
	long count;		/* samples to record (-n, tests), -1 until stopped */
	struct store_wopts wo;	/* --segment-size */
	bool no_procs;		/* --no-procs: the host only (sadc's scope) */
};

/* Set by SIGHUP, read by the loop: the one other global, as sampler_stop. */
static volatile sig_atomic_t record_hup;

static void on_hup(int sig)
{
	(void)sig;
	record_hup = 1;
}

static void help(void)
{
	puts("Usage: triage record [-i SECONDS] [--store DIR] [--max-size SIZE] [--max-age DAYS]\n"
	     "The flight recorder: every interval, one sample of the host files (stat, meminfo,\n"
	     "vmstat, diskstats, net/dev, snmp, netstat, sockstat, softnet, loadavg, PSI,\n"
	     "interrupts, softirqs), the disks, the interfaces and every process, appended to the\n"
	     "store, compressed against the previous sample. Processes that end between two\n"
	     "samples are recorded with their final counters (a BPF program on process exit:\n"
	     "root and BTF; without, said once and the recording goes on). Replay with --from\n"
	     "on the views and the report; `triage history` lists what is recorded.\n"
	     "  -i, --interval SECONDS  between samples (default 5)\n"
	     "      --store DIR         the store (default " STORE_DEFAULT_DIR ", created 0750)\n"
	     "      --max-size SIZE     keep the store under SIZE bytes (K, M, G suffixes)\n"
	     "      --max-age DAYS      drop what is older than DAYS (fractions allowed)\n"
	     "  -n, --count N           stop after N samples (default: until SIGTERM)\n"
	     "      --segment-size SIZE start a new segment file past SIZE (default 16M)\n"
	     "      --no-procs          the host files only: no processes, thread states or cgroups (sadc's scope)\n"
	     "      --root DIR[,DIR..]  record a captured tree or snapshots instead of the system\n"
	     "SIGTERM or SIGINT end it cleanly; SIGHUP reopens the store.\n"
	     "Exit status: 0 stopped, 1 cannot record (store refused, /proc unreadable), 2 bad usage.");
}

/* "100M", "2G", "4096": bytes. */
static int parse_size(const char *s, uint64_t *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || v < 0)
		return -EINVAL;
	switch (*end) {
	case 'K': case 'k': v *= 1024; end++; break;
	case 'M': case 'm': v *= 1024.0 * 1024; end++; break;
	case 'G': case 'g': v *= 1024.0 * 1024 * 1024; end++; break;
	case 'T': case 't': v *= 1024.0 * 1024 * 1024 * 1024; end++; break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end || v < 4096 || v > 1e18)
		return -EINVAL;
	*out = (uint64_t)v;
	return 0;
}

static int parse(int argc, char **argv, struct common_opts *co, struct record_opts *ro)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "store", required_argument, 0, OPT_STORE },
		{ "interval", required_argument, 0, 'i' },
		{ "count", required_argument, 0, 'n' },
		{ "max-size", required_argument, 0, OPT_MAX_SIZE },
		{ "max-age", required_argument, 0, OPT_MAX_AGE },
		{ "segment-size", required_argument, 0, OPT_SEGMENT_SIZE },
		{ "no-procs", no_argument, 0, OPT_NO_PROCS },
		{ 0 },
	};
	double days;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hi:n:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, co))
			continue;
		switch (c) {
		case 'i':
			if (opt_parse_double(optarg, 0.1, 86400, &ro->interval)) {
				err_msg(CMD, "bad interval '%s' (seconds, 0.1 to 86400)", optarg);
				return -EINVAL;
			}
			break;
		case 'n':
			if (opt_parse_long(optarg, 1, 1L << 40, &ro->count)) {
				err_msg(CMD, "bad count '%s'", optarg);
				return -EINVAL;
			}
			break;
		case OPT_MAX_SIZE:
			if (parse_size(optarg, &ro->max_bytes)) {
				err_msg(CMD, "bad --max-size '%s' (bytes, at least 4096; K, M, G, T suffixes)", optarg);
				return -EINVAL;
			}
			break;
		case OPT_NO_PROCS:
			ro->no_procs = true;
			break;
		case OPT_SEGMENT_SIZE:
			if (parse_size(optarg, &ro->wo.seg_bytes)) {
				err_msg(CMD, "bad --segment-size '%s' (bytes, at least 4096)", optarg);
				return -EINVAL;
			}
			break;
		case OPT_MAX_AGE:
			if (opt_parse_double(optarg, 0.0001, 36500, &days)) {
				err_msg(CMD, "bad --max-age '%s' (days, 0.0001 to 36500)", optarg);
				return -EINVAL;
			}
			ro->max_age_s = (int64_t)ceil(days * 86400);
			break;
		default:
			return -EINVAL;
		}
	}
	if (optind < argc) {
		err_msg(CMD, "unexpected argument '%s'", argv[optind]);
		return -EINVAL;
	}
	ro->dir = co->store ? co->store : STORE_DEFAULT_DIR;
	co->store = NULL;	/* the recorder's own store, not a source to replay */
	return 0;
}

/* What the recorder asks each sample for: everything the views read. */
static void record_want(struct sample_want *w, bool procs)
{
	memset(w, 0, sizeof(*w));
	w->parts = SAMPLE_HOST_ALL;
	w->blocks = w->links = true;
	w->statvfs = w->sockets = true;
	w->cgroups = procs;
	w->procs = procs;
	w->scan.want = PROC_PID_STATUS | PROC_PID_IO | PROC_PID_STATM | PROC_PID_SCHEDSTAT |
		       PROC_PID_CMDLINE | PROC_PID_FDNR;
	w->scan.max_kept_fds = proc_pid_scan_fd_budget();
}

/* The kernel log's new records per sample, at most this much (the first
 * sample of a run keeps the newest that fit). */
#define RECORD_KMSG_MAX (256 * 1024)

struct recorder {
	struct store *st;
	struct kmsg_follow kf;	/* the kernel log, followed between samples */
	const struct sample_loop *lp;	/* its root: the kernel log's */
	bool kmsg_said;		/* its error, said once */
	struct record_tasks tasks;	/* the task iterator: /proc only for what changed */
	struct record_threads *threads;	/* thread states, with the processes */
	const struct record_opts *ro;
	struct bw w;
	bool full;		/* the last append failed: said once */
	bool start;		/* the next record is the first since (re)opening */
	struct record_exits *exits;	/* processes that end between samples, or NULL */
	long appended;
};

static int open_store(struct recorder *rc)
{
	char why[512] = "";
	int err = store_open_write(&rc->st, rc->ro->dir, &rc->ro->wo, why, sizeof(why));

	if (err) {
		err_msg(CMD, "cannot record into %s: %s", rc->ro->dir, why[0] ? why : store_strerror(err));
		return err;
	}
	rc->start = true;
	return 0;
}

static void append(struct recorder *rc, const struct sample *s)
{
	struct store_rec rec = { 0 };
	int err;

	rc->w.len = 0;
	sample_encode(s, &rc->w);
	if (rc->w.err) {
		err_errno(CMD, rc->w.err, "cannot encode a sample");
		rc->w.err = 0;
		return;
	}
	rec.t_ns = s->t_ns;
	rec.mono_ns = s->mono_ns;
	snprintf(rec.boot_id, sizeof(rec.boot_id), "%s", s->boot_id);
	rec.interval_ms = (uint32_t)llround(rc->ro->interval * 1000);
	rec.flags = rc->start ? STORE_REC_START : 0;
	rec.data = rc->w.p;
	rec.len = rc->w.len;
	err = store_append(rc->st, &rec);
	if (err) {
		if (!rc->full)
			err_msg(CMD, "cannot write to %s: %s; nothing half was written, retrying every sample",
				rc->ro->dir, store_strerror(err));
		rc->full = true;
		return;
	}
	if (rc->full)
		err_msg(CMD, "writing to %s again", rc->ro->dir);
	rc->full = false;
	rc->start = false;	/* and the exits' note is written */
	/* retention after every sample: a directory listing, cheap next to the sample */
	rc->appended++;
	if (rc->ro->max_bytes || rc->ro->max_age_s)
		store_retain(rc->st, rc->ro->max_bytes, rc->ro->max_age_s);
}

/* Before each sample: the task iterator's pass. */
/* Before each sample: the exits since the last one are drained first (a
 * process is then in this scan or in the next sample's exits, never both),
 * then the task iterator's pass. */
static void before_take(void *ctx, struct sample_want *w)
{
	struct recorder *rc = ctx;

	record_exits_drain(rc->exits);
	record_tasks_before(&rc->tasks, w);
}

/* After each sample: the kernel-log records since the previous one. */
static void after_take(void *ctx, struct sample_want *w, struct sample *taken)
{
	struct recorder *rc = ctx;
	int err;

	record_tasks_after(&rc->tasks, w);
	record_exits_give(rc->exits, taken, rc->start);
	err = kmsg_follow_read(&rc->kf, sample_loop_root(rc->lp), &taken->kmsg, RECORD_KMSG_MAX);
	taken->have_kmsg = err == 0;
	taken->kmsg_err = err;
	if (err && !rc->kmsg_said) {
		err_errno(CMD, err, "the kernel log is not recorded");
		rc->kmsg_said = true;
	}
	if (rc->threads)
		record_threads_take(rc->threads, CMD, sample_loop_root(rc->lp), taken);
}

/* Before each sample's scan: the processes that ended since the last one. */

int cmd_record(int argc, char **argv)
{
	struct record_opts ro = { .interval = 5, .count = -1 };
	struct recorder rc = { .ro = &ro };
	struct common_opts co;
	struct sample_want want;
	struct sample_loop lp;
	struct sample_step step;
	struct sigaction sa;
	bool reopen_failed = false;
	int err;

	common_opts_init(&co);
	if (parse(argc, argv, &co, &ro)) {
		opt_usage_hint(CMD);
		return EXIT_USAGE;
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	record_want(&want, !ro.no_procs);
	if (sample_loop_open(&lp, CMD, &co, &want))
		return EXIT_FAIL;
	if (open_store(&rc)) {
		sample_loop_close(&lp);
		return EXIT_FAIL;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_hup;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	lp.interval = ro.interval;
	lp.max = ro.count;
	kmsg_follow_init(&rc.kf);
	rc.lp = &lp;
	record_tasks_init(&rc.tasks, CMD, sample_loop_root(&lp), &want);
	if (!ro.no_procs && sample_loop_root(&lp) && sample_loop_root(&lp)->live)
		rc.exits = record_exits_open(CMD, sample_loop_root(&lp));
	if (!ro.no_procs && (rc.threads = record_threads_new()))
		record_threads_fed(rc.threads, record_tasks_states(&rc.tasks));
	if (!ro.no_procs && !rc.threads)
		err_errno(CMD, -ENOMEM, "thread states are not recorded");
	lp.hooks = (struct sample_hooks){ &rc, before_take, after_take };
	while ((err = sample_loop_next(&lp, &step)) == 0) {
		if (record_hup) {
			record_hup = 0;
			store_close(rc.st);
			rc.st = NULL;
			if (open_store(&rc)) {
				reopen_failed = true;
				break;
			}
		}
		append(&rc, step.newer);
	}
	store_close(rc.st);
	record_exits_close(rc.exits);
	kmsg_follow_close(&rc.kf);
	record_tasks_close(&rc.tasks);
	record_threads_free(rc.threads);
	bw_free(&rc.w);
	sample_loop_close(&lp);
	return err < 0 || reopen_failed ? EXIT_FAIL : EXIT_OK;
}
