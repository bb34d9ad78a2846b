/* triage mpstat [-P ALL|ON|N[,M...]] [-u] [-I SUM|CPU|SCPU|ALL] [interval [count]]:
 * sysstat 12.6's mpstat CPU report from /proc/stat and /proc/uptime under
 * the root, and its interrupt reports from /proc/stat (SUM "all"),
 * /proc/interrupts (SUM per CPU, CPU) and /proc/softirqs (SCPU); sysfs (or
 * cpuinfo) gives the number of CPUs. Without an interval, one report since
 * boot. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cmd/sysstat_host.h"
#include "core/err.h"
#include "core/err_read.h"
#include "core/json.h"
#include "core/opts.h"
#include "model/clock.h"
#include "model/cpu.h"
#include "model/interval.h"
#include "model/irq.h"
#include "sample/loop.h"
#include "sources/proc_stat.h"
#include "sources/sys_cpu.h"
#include "sources/sys_cpu_topo.h"
#include "views/mpstat.h"
#include "views/mpstat_irq.h"

#define CMD "mpstat"

enum { OPT_DEC = OPT_COMMON__END };

/* What a report reads of one sample, or of the first one kept for the
 * Average (the loop holds only the last two). */
struct snap {
	const struct proc_stat *st;
	const struct irq_table *intr, *soft;	/* -I: NULL when not had */
	double up_s;
	time_t when;		/* wall clock of the sample */
};

/* The first sample of the Average, copied. */
struct first {
	struct proc_stat st;
	struct irq_table intr, soft;
	bool have_intr, have_soft;
	struct snap v;
};

struct run {
	struct mpstat_select sel;
	struct sys_cpu_list list;
	struct sys_cpu_list nlist;	/* -N 0,1 */
	bool topo;			/* -T */
	struct sys_cpu_topo t;		/* -T, -n, -N: where each CPU sits */
	struct cpu_node_model nm;	/* -n, -N: the nodes of the report */
	bool use_p, json, iso;
	bool epoch;			/* -U: timestamps as seconds since the epoch (UTC) */
	bool hotplug;			/* -H: CPUs added after the start get rows too */
	bool stream;			/* --json, an interval, no count: JSON Lines */
	double interval;
	long count;
	int ncpu;
	struct json j;
	struct cpu_model m;
	bool util;			/* -u: the CPU report (the default without -I) */
	unsigned irq;			/* -I: MPSTAT_I_* */
	unsigned warned;		/* which -I source was said unavailable */
	struct irq_rates ri, rs;	/* -I models of the interval */
	struct mpstat_irq_report ir;
};

static void help(void)
{
	puts("Usage: triage mpstat [-u] [-P ALL|ON|N[,M-K...]] [--json] [--root DIR[,DIR...]]\n"
	     "                     [interval [count]]\n"
	     "Per-processor utilisation, as sysstat mpstat prints it (%usr = user - guest,\n"
	     "percentages of each CPU's own ticks). Without an interval: since boot.\n"
	     "  -u                 CPU utilisation (the default without -I)\n"
	     "  -I SUM|CPU|SCPU|ALL[,...]  interrupts per second: SUM the total (all from\n"
	     "                     /proc/stat; per CPU, with -P, from /proc/interrupts),\n"
	     "                     CPU each interrupt line per CPU (/proc/interrupts),\n"
	     "                     SCPU each softirq per CPU (/proc/softirqs)\n"
	     "  -P ALL|ON          every online CPU, after \"all\"\n"
	     "  -P 0,2-3           only these CPUs\n"
	     "  -n                 the NUMA node report (\"all\")\n"
	     "  -N ALL|N[,M-K]     the report of these NUMA nodes (sys/devices/system/node)\n"
	     "  -T                 CORE SOCK NODE of each CPU in the CPU report\n"
	     "  -A                 -n -u -I ALL, and -N ALL -P ALL unless given\n"
	     "  -H                 also CPUs hotplugged after the start (the CPU count is\n"
	     "                     read again from sysfs at every sample)\n"
	     "  -U                 timestamps in seconds since the epoch (UTC)\n"
	     "  -o JSON            the same as --json\n"
	     "      --dec=N        N decimal places (0, 1 or 2; default 2)\n"
	     "      --from TIME [--to TIME] [--store DIR]  the flight recorder's samples\n"
	     "With --root A,B,... or --from and no interval, each pair of snapshots (or\n"
	     "recorded samples) is one interval.\n"
	     "S_TIME_FORMAT=ISO prints dates as yyyy-mm-dd.\n"
	     "Exit status: 0 ok, 1 cannot read /proc, 2 bad usage.");
}

/* The -I files of one sample; a missing one is said once (bits in *warned)
 * and makes its reports unavailable. */
static void check_irq(const struct sample_loop *lp, const struct sample *s, unsigned what,
		      unsigned *warned)
{
	if ((what & (MPSTAT_I_SUM | MPSTAT_I_CPU)) && !sample_has(s, SAMPLE_INTERRUPTS)) {
		if (!(*warned & 1))
			sample_loop_say(lp, s, SAMPLE_INTERRUPTS,
					what & MPSTAT_I_CPU ? "-I CPU unavailable" : "-I SUM per CPU unavailable");
		*warned |= 1;
	}
	if ((what & MPSTAT_I_SCPU) && !sample_has(s, SAMPLE_SOFTIRQS)) {
		if (!(*warned & 2))
			sample_loop_say(lp, s, SAMPLE_SOFTIRQS, "-I SCPU unavailable");
		*warned |= 2;
	}
}

static struct snap snap_of(const struct sample *s)
{
	struct snap v = {
		.st = &s->stat,
		.intr = sample_has(s, SAMPLE_INTERRUPTS) ? &s->interrupts : NULL,
		.soft = sample_has(s, SAMPLE_SOFTIRQS) ? &s->softirqs : NULL,
		.up_s = s->up.up_s,
		.when = sample_wall(s),
	};

	return v;
}

static void first_free(struct first *f)
{
	proc_stat_free(&f->st);
	irq_table_free(&f->intr);
	irq_table_free(&f->soft);
	proc_stat_init(&f->st);
}

/* Keep s as the Average's first sample. */
static int first_keep(struct first *f, const struct sample *s)
{
	struct snap v = snap_of(s);
	int err;

	first_free(f);
	err = proc_stat_copy(&f->st, v.st);
	f->have_intr = v.intr != NULL;
	f->have_soft = v.soft != NULL;
	if (!err && v.intr)
		err = irq_table_copy(&f->intr, v.intr);
	if (!err && v.soft)
		err = irq_table_copy(&f->soft, v.soft);
	f->v = v;
	f->v.st = &f->st;
	f->v.intr = f->have_intr ? &f->intr : NULL;
	f->v.soft = f->have_soft ? &f->soft : NULL;
	return err;
}

static void stamp(const struct run *rn, time_t t, char *buf, size_t size)
{
	struct tm tm;

	if (rn->epoch) {
		snprintf(buf, size, "%lld", (long long)t);
		return;
	}
	localtime_r(&t, &tm);
	strftime(buf, size, rn->iso ? "%H:%M:%S" : "%X", &tm);
}

/* Seconds from a to b (a NULL: since boot), as model/interval.h takes them. */
static double dt_between(const struct snap *a, const struct snap *b)
{
	struct proc_uptime pa = { .up_s = a ? a->up_s : 0 }, pb = { .up_s = b->up_s };

	return interval_dt(a ? &pa : NULL, &pb);
}

/* The -I models of prev -> cur (prev NULL: since boot) into rn->ir, after
 * rn->m (SUM's "all" is its intr/s); a table unread in either sample is
 * unavailable (NULL). */
static int irq_compute(struct run *rn, const struct snap *prev, const struct snap *cur, double dt)
{
	int err = 0;

	rn->ir.what = rn->irq;
	rn->ir.all_intr_s = rn->m.intr_s;
	rn->ir.intr = rn->ir.soft = NULL;
	if (cur->intr && (!prev || prev->intr)) {
		err = irq_model(prev ? prev->intr : NULL, cur->intr, dt, &rn->ri);
		rn->ir.intr = err ? NULL : &rn->ri;
	}
	if (!err && cur->soft && (!prev || prev->soft)) {
		err = irq_model(prev ? prev->soft : NULL, cur->soft, dt, &rn->rs);
		rn->ir.soft = err ? NULL : &rn->rs;
	}
	return err;
}

/* The text of one report (or the average): -u (hdr: with its header), -I. */
static void print_text(struct run *rn, const char *plabel, const char *clabel, bool hdr)
{
	if (rn->util) {
		if (hdr)
			mpstat_print_header(stdout, plabel, &rn->sel);
		mpstat_print_rows(stdout, clabel, &rn->m, &rn->sel);
	}
	if (rn->sel.nodes)
		mpstat_print_nodes(stdout, plabel, clabel, hdr, &rn->m, &rn->sel);
	if (rn->irq)
		mpstat_irq_print(stdout, plabel, clabel, &rn->ir, &rn->sel);
	fflush(stdout);
}

/* The models of prev -> cur (prev NULL: since boot): CPUs, nodes, -I. */
static int compute(struct run *rn, const struct snap *prev, const struct snap *cur)
{
	double dt = dt_between(prev, cur);
	int err = cpu_model_compute(prev ? prev->st : NULL, cur->st, rn->ncpu, dt, &rn->m);

	if (!err && rn->sel.nodes)
		err = cpu_model_nodes(prev ? prev->st : NULL, cur->st, &rn->m, rn->t.node,
				      rn->t.ncpu, rn->t.nnodes, &rn->nm);
	if (!err && rn->irq)
		err = irq_compute(rn, prev, cur, dt);
	return err;
}

/* One report: model, then text or JSON. hdr: print the column header. */
static int report(struct run *rn, const struct snap *prev, const struct snap *cur,
		  const char *plabel, const char *clabel, bool hdr)
{
	int err = compute(rn, prev, cur);

	if (err)
		return err;
	if (rn->json) {
		if (rn->stream)
			json_init(&rn->j, stdout, false);
		mpstat_json_report(&rn->j, clabel, prev == NULL, &rn->m, &rn->sel,
				   rn->irq ? &rn->ir : NULL);
		if (rn->stream)
			json_end(&rn->j);
		return 0;
	}
	print_text(rn, plabel, clabel, hdr);
	return 0;
}

static int win_rows(void)
{
	struct winsize w;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) != -1 && w.ws_row > 2)
		return w.ws_row - 2;
	return 3600 * 24;	/* sysstat get_win_height(): a pipe or a file */
}

/* One interval's report (hdr: the header unless the table repeats it). */
static int interval_report(struct run *rn, const struct snap *prev, const struct snap *cur, long *lines,
			   long rows)
{
	bool hdr = rn->use_p || rn->irq || rn->sel.nodes;
	char pl[64], cl[64];

	if (!hdr) {
		/* sysstat: header again after a screenful */
		hdr = *lines / rows > 0;
		if (hdr)
			*lines %= rows;
		(*lines)++;
	}
	stamp(rn, prev->when, pl, sizeof(pl));
	stamp(rn, cur->when, cl, sizeof(cl));
	return report(rn, prev, cur, pl, cl, hdr);
}

static int hotplugged(struct run *rn, struct sample_loop *lp, int ncpu);

/* The intervals after the first sample, then the Average (first against
 * the last sample). A recorded restart has no interval across it: the
 * Average starts again from the sample after it. Returns 1 after an
 * Average the JSON caller must close, 0, -errno. */
static int intervals(struct run *rn, struct sample_loop *lp, struct first *f)
{
	struct sample_step st;
	struct snap prev, cur, last = f->v;
	long n = 0, rows = win_rows(), lines = rows;
	int err;

	while ((err = sample_loop_next(lp, &st)) == 0) {
		err = sample_loop_require(lp, st.newer, SAMPLE_BIT(STAT));
		if (err)
			break;
		check_irq(lp, st.newer, rn->irq, &rn->warned);
		if (!st.older) {
			err = first_keep(f, st.newer);
			if (err)
				break;
			last = f->v;
			continue;
		}
		if (rn->hotplug && st.newer->ncpu.nr > rn->ncpu) {
			err = hotplugged(rn, lp, st.newer->ncpu.nr);
			if (err)
				break;
		}
		prev = snap_of(st.older);
		cur = snap_of(st.newer);
		err = interval_report(rn, &prev, &cur, &lines, rows);
		if (!err)
			err = cpu_model_carry(&sample_loop_newest(lp)->stat, &st.older->stat);
		if (err)
			break;
		last = cur;
		n++;
	}
	if (err > 0)
		err = 0;
	if (err || n == 0)
		return err;
	err = compute(rn, &f->v, &last);
	if (err)
		return err;
	if (rn->json)
		return 1;	/* the caller closes the document with the average */
	print_text(rn, "Average:", "Average:", rn->use_p || rn->irq || rn->sel.nodes);
	return 0;
}

/* -T, -n, -N: where each CPU sits. Without sys/devices/system/node (a
 * kernel without NUMA, a capture without it), every CPU is in node 0, as
 * the machine has one memory node, after one message. */
static int topo_read(struct run *rn, const struct root *r)
{
	int err;

	if (!rn->topo && !rn->sel.nodes)
		return 0;
	err = sys_cpu_topo_read(r, rn->ncpu, &rn->t);
	if (err == -ENOMEM)
		return err;
	if (err || !rn->t.nnodes) {
		if (err && !r)
			err_msg(CMD, "the recording has no CPU topology (sys/devices/system/cpu/cpuN/topology, "
				"sys/devices/system/node): every CPU taken as node 0");
		else if (err)
			err_read(CMD, r, ROOT_SYS, "devices/system/node", err, 0,
				 "every CPU taken as node 0");
		for (int c = 0; c < rn->t.ncpu; c++)
			rn->t.node[c] = 0;
		rn->t.nnodes = 1;
	}
	rn->sel.topo = rn->topo ? &rn->t : NULL;
	rn->sel.node_m = &rn->nm;
	return 0;
}

/* -H: CPUs were added (sysfs has a higher cpuN): rows for them from now
 * on, and their place in the topology. */
static int hotplugged(struct run *rn, struct sample_loop *lp, int ncpu)
{
	rn->ncpu = ncpu;
	if (!rn->topo && !rn->sel.nodes)
		return 0;
	sys_cpu_topo_free(&rn->t);
	memset(&rn->t, 0, sizeof(rn->t));
	return topo_read(rn, sample_loop_root(lp));
}

/* The machine, from the first sample: CPU count, -P check, topology,
 * banner. */
static int start(struct run *rn, struct sample_loop *lp, const struct sample *s)
{
	struct sysstat_host h;
	int err;

	/* mpstat's cpu_nr: the highest cpuN directory of sysfs + 1 */
	rn->ncpu = s->ncpu.nr;
	if (rn->ncpu < 1)
		rn->ncpu = 1;
	if (rn->sel.list && rn->sel.list->nbits > rn->ncpu) {
		err_msg(CMD, "-P: no CPU %d on this machine (%d CPU)", rn->sel.list->nbits - 1, rn->ncpu);
		return -EDOM;	/* a usage error, found once the machine is known */
	}
	err = topo_read(rn, sample_loop_root(lp));
	if (err)
		return err;
	sysstat_host_of(s, sample_wall(s), &h);
	h.b.date_fmt = rn->iso ? "%Y-%m-%d" : "%x";	/* the JSON "date" too */
	json_init(&rn->j, stdout, true);
	if (!rn->stream)
		sysstat_banner_begin(stdout, rn->json ? &rn->j : NULL, "mpstat", &h.b);
	return 0;
}

static int run(struct run *rn, struct sample_loop *lp)
{
	struct sample_step st;
	struct first f;
	char label[64];
	int err;

	memset(&f, 0, sizeof(f));
	proc_stat_init(&f.st);
	lp->interval = rn->interval;
	lp->max = rn->count < 0 ? -1 : rn->count + 1;
	err = sample_loop_next(lp, &st);
	if (err > 0)
		err = -ENODATA;
	if (!err)
		err = sample_loop_require(lp, st.newer, SAMPLE_BIT(STAT));
	if (err)
		goto out;
	check_irq(lp, st.newer, rn->irq, &rn->warned);
	err = start(rn, lp, st.newer);
	if (err)
		goto out;
	if (rn->count == 0) {
		struct snap v = snap_of(st.newer);

		stamp(rn, v.when, label, sizeof(label));
		err = report(rn, NULL, &v, label, label, true);
		if (rn->json)
			mpstat_json_end(&rn->j, NULL, &rn->sel, NULL);
		goto out;
	}
	err = first_keep(&f, st.newer);
	if (!err)
		err = intervals(rn, lp, &f);
	if (rn->json && rn->stream && err == 1)
		mpstat_json_average_line(&rn->j, stdout, &rn->m, &rn->sel, rn->irq ? &rn->ir : NULL);
	else if (rn->json && !rn->stream)
		mpstat_json_end(&rn->j, err == 1 ? &rn->m : NULL, &rn->sel,
				err == 1 && rn->irq ? &rn->ir : NULL);
	if (err == 1)
		err = 0;
out:
	first_free(&f);
	irq_rates_free(&rn->ri);
	irq_rates_free(&rn->rs);
	return err;
}

/* -I SUM|CPU|SCPU|ALL[,...] (repeatable) */
static int parse_i(const char *arg, struct run *rn)
{
	static const struct opt_kw kws[] = {
		{ "SUM", MPSTAT_I_SUM }, { "CPU", MPSTAT_I_CPU }, { "SCPU", MPSTAT_I_SCPU },
		{ "ALL", MPSTAT_I_SUM | MPSTAT_I_CPU | MPSTAT_I_SCPU },
	};
	char bad[64];

	if (opt_parse_keywords(arg, kws, sizeof(kws) / sizeof(kws[0]), &rn->irq, bad, sizeof(bad))) {
		err_msg(CMD, "-I wants SUM, CPU, SCPU or ALL, not '%s'", *bad ? bad : arg);
		return -EINVAL;
	}
	return 0;
}

static int parse_p(const char *arg, struct run *rn)
{
	rn->use_p = true;
	if (!strcmp(arg, "ALL") || !strcmp(arg, "ON") || !strcmp(arg, "all")) {
		rn->sel.all = true;
		rn->sel.every = true;
		return 0;
	}
	if (sys_cpu_list_parse(arg, strlen(arg), &rn->list) || rn->list.count == 0) {
		err_msg(CMD, "-P wants ALL, ON or a CPU list like 0,2-3, not '%s'", arg);
		return -EINVAL;
	}
	rn->sel.all = false;
	rn->sel.every = false;
	rn->sel.list = &rn->list;
	return 0;
}

/* -N ALL|N[,M-K]: the nodes' report */
static int parse_n(const char *arg, struct run *rn)
{
	rn->sel.nodes = true;
	if (!strcmp(arg, "ALL") || !strcmp(arg, "all")) {
		rn->sel.node_every = true;
		return 0;
	}
	if (sys_cpu_list_parse(arg, strlen(arg), &rn->nlist) || rn->nlist.count == 0) {
		err_msg(CMD, "-N wants ALL or a node list like 0,2-3, not '%s'", arg);
		return -EINVAL;
	}
	rn->sel.node_every = false;
	rn->sel.node_list = &rn->nlist;
	return 0;
}

/* The flags of the command line that other options look at. */
struct mp_flags {
	bool u, a, n_set;
	struct common_opts co;
};

/* One option. Returns 0 or -EINVAL (said). */
static int mp_opt(int c, const char *arg, struct run *rn, struct mp_flags *fl)
{
	long dec;

	if (common_opt(c, arg, &fl->co))
		return 0;
	switch (c) {
	case 'u': fl->u = true; return 0;
	case 'A': fl->a = true; return 0;
	case 'n': rn->sel.nodes = true; return 0;
	case 'T': rn->topo = true; return 0;
	case 'H': rn->hotplug = true; return 0;
	case 'U': rn->epoch = true; return 0;
	case 'I': return parse_i(arg, rn);
	case 'P': return parse_p(arg, rn);
	case 'N': fl->n_set = true; return parse_n(arg, rn);
	case 'o':	/* sysstat's -o JSON */
		if (strcmp(arg, "JSON") != 0) {
			err_msg(CMD, "-o %s: only -o JSON is known", arg);
			return -EINVAL;
		}
		fl->co.json = true;
		return 0;
	case OPT_DEC:
		if (opt_parse_long(arg, 0, 2, &dec)) {
			err_msg(CMD, "--dec wants 0, 1 or 2, not '%s'", arg);
			return -EINVAL;
		}
		rn->sel.dec = (int)dec;
		return 0;
	}
	return -EINVAL;
}

/* -A: -n -u -I ALL, and -N ALL -P ALL unless given (sysstat 12.6). */
static void finish_opts(struct run *rn, const struct mp_flags *fl)
{
	if (fl->a) {
		rn->sel.nodes = true;
		rn->irq = MPSTAT_I_SUM | MPSTAT_I_CPU | MPSTAT_I_SCPU;
		if (!rn->use_p)
			parse_p("ALL", rn);
		if (!fl->n_set)
			rn->sel.node_every = true;
	}
	/* the CPU report: -u, -A, or no other report asked */
	rn->util = fl->u || fl->a || (!rn->irq && !rn->sel.nodes);
	rn->sel.no_util = !rn->util;
}

int cmd_mpstat(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		REPLAY_LONGOPTS,
		{ "dec", required_argument, 0, OPT_DEC },
		{ 0 },
	};
	struct mp_flags fl = { 0 };
	struct sample_want want = { 0 };
	struct sample_loop lp;
	struct run rn = { .sel = { .all = true, .dec = 2 } };
	const char *tf = getenv("S_TIME_FORMAT");
	int c, err, ret = EXIT_USAGE;

	common_opts_init(&fl.co);
	cpu_model_init(&rn.m);
	optind = 1;
	while ((c = getopt_long(argc, argv, "hAunTHUP:I:N:o:", longopts, NULL)) != -1)
		if (mp_opt(c, optarg, &rn, &fl))
			goto usage;
	if (fl.co.help) {
		help();
		ret = EXIT_OK;
		goto out;
	}
	if (opt_interval_count(CMD, argc, argv, &optind, &rn.interval, &rn.count, 0))
		goto usage;
	finish_opts(&rn, &fl);
	rn.json = fl.co.json;
	rn.iso = tf && !strcmp(tf, "ISO");
	want.parts = SAMPLE_BIT(STAT) | SAMPLE_KERNEL_ID |
		     (rn.irq & (MPSTAT_I_SUM | MPSTAT_I_CPU) ? SAMPLE_BIT(INTERRUPTS) : 0) |
		     (rn.irq & MPSTAT_I_SCPU ? SAMPLE_BIT(SOFTIRQS) : 0);
	err = sample_loop_open(&lp, CMD, &fl.co, &want);
	if (err) {
		ret = sample_loop_exit(err);
		goto out;
	}
	/* Replay without an interval: every pair of snapshots (or recorded
	 * samples) is an interval. */
	if (sample_loop_replay(&lp) && rn.interval == 0)
		rn.count = sample_loop_left(&lp);
	/* --json, an interval, no count: JSON Lines (a replay is bounded) */
	rn.stream = rn.json && rn.count < 0 && !sample_loop_replay(&lp);
	err = run(&rn, &lp);
	sample_loop_close(&lp);
	ret = err == -EDOM ? EXIT_USAGE : err ? EXIT_FAIL : EXIT_OK;
	goto out;
usage:
	opt_usage_hint(CMD);
out:
	sys_cpu_list_free(&rn.list);
	sys_cpu_list_free(&rn.nlist);
	sys_cpu_topo_free(&rn.t);
	cpu_node_model_free(&rn.nm);
	cpu_model_free(&rn.m);
	return ret;
}
