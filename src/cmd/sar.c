/* triage sar -n DEV|EDEV|SOCK|TCP|ETCP|SOFT|ALL[,...] [-P ALL|CPUS] [interval [count]]
 * sysstat 12.6's sar network reports, sampled live (sar's own daily files
 * are not read): a table per activity and interval, then "Average:". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/sar_sys.h"
#include "cmd/sysstat_host.h"
#include "core/err.h"
#include "core/err_read.h"
#include "core/json.h"
#include "core/opts.h"
#include "model/interval.h"
#include "model/net.h"
#include "sample/codec.h"
#include "sample/loop.h"
#include "store/store.h"
#include "sources/proc_net_dev.h"
#include "sources/proc_net_softnet.h"
#include "sources/proc_net_snmp.h"
#include "sources/proc_net_sockstat.h"
#include "sources/proc_stat.h"
#include "sources/proc_uptime.h"
#include "sources/sys_class_net.h"
#include "sources/sys_cpu.h"
#include "views/sar.h"
#include "views/sysstat_banner.h"

#define CMD "sar"

/* The keywords of the activities in acts that read /proc/net/snmp, for a
 * message: "TCP and ETCP", "IP, TCP and UDP". */
static void snmp_names(unsigned acts, char *buf, size_t size)
{
	static const struct { unsigned a; const char *n; } v[] = {
		{ SAR_IP, "IP" }, { SAR_EIP, "EIP" }, { SAR_ICMP, "ICMP" }, { SAR_EICMP, "EICMP" },
		{ SAR_TCP, "TCP" }, { SAR_ETCP, "ETCP" }, { SAR_UDP, "UDP" },
	};
	size_t k = 0, total = 0, len = 0;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		total += (acts & v[i].a) != 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]) && len < size; i++) {
		if (!(acts & v[i].a))
			continue;
		k++;
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					k == 1 ? "" : k == total ? " and " : ", ", v[i].n);
	}
}

#define MAX_IFACES 64

struct sar_opts {
	struct common_opts co;
	unsigned acts;			/* -n: SAR_DEV ... */
	unsigned sys;			/* the system reports: SAR_CPU ... */
	char *iface_list;		/* --iface=LIST, split in place */
	const char *ifaces[MAX_IFACES];	/* only these interfaces (none: all) */
	size_t nifaces;
	bool all_cpus;			/* -P ALL */
	struct sys_cpu_list cpus;	/* -P LIST: these CPUs (SOFT) */
	double interval;
	long count;
	bool sysstat_window;		/* -s / -e given: clock times on the recording's day */
	char from_buf[40], to_buf[40];	/* -s, -e with that day */
};

/* A view of one sample (cmd/sar_sys.h): the parts are shallow copies of the
 * loop's sample, the links array is its own. */
struct sar_sample {
	struct proc_uptime up;
	time_t when;
	struct proc_net_dev nd;
	struct sys_class_net_if *links;	/* one per nd.ifs */
	size_t nlinks;
	int nd_err, snmp_err, sock_err, sn_err;
	struct proc_net_softnet sn;
	struct proc_net_snmp snmp;
	struct proc_net_sockstat sock;
	struct proc_stat st;
	bool have_st;
	struct sar_sys_sample sys;
};

static void help(void)
{
	puts("Usage: triage sar [-A] [-u [ALL]] [-P ALL|CPUS] [-q [LOAD|CPU|IO|MEM|PSI|ALL]]\n"
	     "                  [-r [ALL]] [-S] [-B] [-W] [-w] [-b] [-d] [-H] [-v]\n"
	     "                  [-n KEYWORD[,KEYWORD...]] [interval [count]]\n"
	     "sysstat's sar reports, sampled live (or from --root snapshots): one table\n"
	     "per activity and interval, then the averages. Without a report: -u.\n"
	     "  -u [ALL]  CPU utilisation (ALL: %usr %sys %irq %soft %guest ... as mpstat)\n"
	     "  -P ALL|CPUS  -u and SOFT per CPU too (all of them, or a list: 0,2-3)\n"
	     "  -q [KW]   LOAD: run queue, task list, load averages, blocked; CPU, IO,\n"
	     "            MEM: pressure stall (PSI); PSI = CPU,IO,MEM; ALL = all four\n"
	     "  -r [ALL]  memory (ALL adds anon pages, slab, kernel stack, page tables, vmalloc)\n"
	     "  -S        swap space         -H  huge pages       -v  kernel tables\n"
	     "  -B        paging             -W  swapping         -w  task creation, switches\n"
	     "  -b        I/O of the physical disks (512-byte blocks)\n"
	     "  -I [SUM|ALL]  interrupts/s: the sum (ALL: and every /proc/interrupts line),\n"
	     "            with -P a column per CPU\n"
	     "  -m CPU    CPU clock (MHz, /proc/cpuinfo), with -P per CPU\n"
	     "  -y        serial lines (/proc/tty/driver/serial, root only): interrupts/s, errors/s\n"
	     "  -F [MOUNT]  filesystems on /dev devices: free, used, inodes (by mount point)\n"
	     "  -d        block devices: tps, kB/s, request size, queue, await, %util\n"
	     "  -A        every report (-bBdFHSvwWy -I ALL -m ALL -q ALL -r ALL -u ALL -P ALL -n ALL)\n"
	     "  -n DEV    per interface: packets, kB, compressed, multicast, %ifutil\n"
	     "  -n EDEV   per interface: errors, collisions, drops, carrier, frame, FIFO\n"
	     "  -n SOCK   sockets in use: total, TCP, UDP, RAW, IP fragments, TIME_WAIT\n"
	     "  -n TCP    TCP opens (active, passive), segments in and out per second\n"
	     "  -n ETCP   TCP failed attempts, resets, retransmits, bad segments, RSTs sent\n"
	     "  -n IP, EIP, ICMP, EICMP, UDP, SOCK6   the other /proc/net/snmp and\n"
	     "            sockstat6 tables of sar\n"
	     "  -n SOFT   softnet per CPU (/proc/net/softnet_stat): packets processed,\n"
	     "            dropped (backlog full), squeezes (budget ran out), RPS IPIs,\n"
	     "            flow-limit drops per second, and the backlog length\n"
	     "  -n ALL    every -n keyword\n"
	     "  --iface=IF[,IF...]  DEV and EDEV for these interfaces only\n"

	     "Without an interval: one report of the averages since boot.\n"
	     "  -f DIR -s HH:MM[:SS] -e HH:MM[:SS]  the flight recorder's store DIR over that\n"
	     "            window (clock times of the day of its newest record, as sar's -s/-e\n"
	     "            on one day's file); the same as --store DIR --from T --to T\n"
	     "Exit status: 0 ok, 1 nothing could be read, 2 bad usage.");
}

static int parse_keywords(const char *arg, unsigned *acts)
{
	static const struct opt_kw kws[] = {
		{ "DEV", SAR_DEV }, { "EDEV", SAR_EDEV }, { "SOCK", SAR_SOCK },
		{ "TCP", SAR_TCP }, { "ETCP", SAR_ETCP }, { "IP", SAR_IP }, { "EIP", SAR_EIP },
		{ "ICMP", SAR_ICMP }, { "EICMP", SAR_EICMP }, { "UDP", SAR_UDP },
		{ "SOCK6", SAR_SOCK6 }, { "SOFT", SAR_SOFT },
		{ "ALL", SAR_DEV | SAR_EDEV | SAR_SOCK | SAR_SNMP | SAR_SOCK6 | SAR_SOFT },
	};
	char bad[64];

	if (opt_parse_keywords(arg, kws, sizeof(kws) / sizeof(kws[0]), acts, bad, sizeof(bad))) {
		err_msg(CMD, "-n %s: not supported (DEV, EDEV, SOCK, IP, EIP, ICMP, EICMP, TCP, "
			"ETCP, UDP, SOCK6, SOFT, ALL)", *bad ? bad : arg);
		return -EINVAL;
	}
	return 0;
}

/* -P ALL or a CPU list in the kernel's cpulist syntax ("0,2-3"). */
static int parse_cpus(const char *arg, struct sar_opts *o)
{
	if (!strcmp(arg, "ALL")) {
		o->all_cpus = true;
		return 0;
	}
	if (!arg[0] || sys_cpu_list_parse(arg, strlen(arg), &o->cpus)) {
		err_msg(CMD, "-P %s: not a CPU list (ALL, or numbers and ranges: 0,2-3)", arg);
		return -EINVAL;
	}
	return 0;
}

static int parse_q(const char *w, unsigned *sys)
{
	static const struct opt_kw kws[] = {
		{ "LOAD", SAR_QUEUE }, { "CPU", SAR_PSI_CPU }, { "IO", SAR_PSI_IO },
		{ "MEM", SAR_PSI_MEM }, { "PSI", SAR_PSI_CPU | SAR_PSI_IO | SAR_PSI_MEM },
		{ "ALL", SAR_QUEUE | SAR_PSI_CPU | SAR_PSI_IO | SAR_PSI_MEM },
	};
	char bad[64];

	if (!w) {
		*sys |= SAR_QUEUE;
		return 0;
	}
	if (opt_parse_keywords(w, kws, sizeof(kws) / sizeof(kws[0]), sys, bad, sizeof(bad))) {
		err_msg(CMD, "-q %s: not supported (LOAD, CPU, IO, MEM, PSI, ALL)", *bad ? bad : w);
		return -EINVAL;
	}
	return 0;
}

/* -m: CPU (and ALL, which is CPU here); the others need sensors, cpufreq
 * statistics or USB, which are not built in */
static int parse_pwr(const char *arg, unsigned *sys)
{
	static const struct opt_kw kws[] = {
		{ "CPU", SAR_PWR_CPU }, { "ALL", SAR_PWR_CPU },
	};
	char bad[64];

	if (opt_parse_keywords(arg, kws, sizeof(kws) / sizeof(kws[0]), sys, bad, sizeof(bad))) {
		err_msg(CMD, "-m %s: not supported (CPU, ALL; FREQ, FAN, IN, TEMP and USB are not built in)",
			*bad ? bad : arg);
		return -EINVAL;
	}
	return 0;
}

/* -I: nothing or SUM (the sum row), ALL (and every line) */
static int parse_irq(const char *w, unsigned *sys)
{
	if (w && strcmp(w, "SUM") != 0 && strcmp(w, "ALL") != 0) {
		err_msg(CMD, "-I %s: not supported (SUM, ALL; --int is not built in)", w);
		return -EINVAL;
	}
	*sys |= SAR_IRQ | (w && !strcmp(w, "ALL") ? SAR_IRQ_ALL : 0);
	return 0;
}

/* -u and -r: nothing or ALL; -F: nothing or MOUNT */
static int parse_word(int c, const char *w, const char *kw, unsigned bit, unsigned kw_bit,
		      unsigned *sys)
{
	if (w && strcmp(w, kw) != 0) {
		err_msg(CMD, "-%c %s: not supported (-%c or -%c %s)", c, w, c, c, kw);
		return -EINVAL;
	}
	*sys |= bit | (w ? kw_bit : 0);
	return 0;
}

#define SAR_SYS_ALL (SAR_CPU | SAR_CPU_ALL | SAR_TASK | SAR_SWPG | SAR_PAGE | SAR_IO | SAR_MEM | \
		     SAR_MEM_ALL | SAR_SWAP | SAR_HUGE | SAR_KTAB | SAR_QUEUE | SAR_PSI_CPU | \
		     SAR_PSI_IO | SAR_PSI_MEM | SAR_DISK | SAR_IRQ | SAR_IRQ_ALL | SAR_PWR_CPU | SAR_FS | SAR_TTY)
#define SAR_NET_ALL (SAR_DEV | SAR_EDEV | SAR_SOCK | SAR_SNMP | SAR_SOCK6 | SAR_SOFT)

/* The options without an argument: their report bits. */
static unsigned flag_bits(int c)
{
	switch (c) {
	case 'S': return SAR_SWAP;
	case 'B': return SAR_PAGE;
	case 'W': return SAR_SWPG;
	case 'w': return SAR_TASK;
	case 'b': return SAR_IO;
	case 'd': return SAR_DISK;
	case 'H': return SAR_HUGE;
	case 'v': return SAR_KTAB;
	case 'y': return SAR_TTY;
	default: return 0;
	}
}

static int parse_one(int c, int argc, char **argv, struct sar_opts *o)
{
	switch (c) {
	case 'P':
		return parse_cpus(optarg, o);
	case 'n':
		return parse_keywords(optarg, &o->acts);
	case 'u':
		return parse_word(c, opt_optional_word(argc, argv), "ALL", SAR_CPU, SAR_CPU_ALL, &o->sys);
	case 'r':
		return parse_word(c, opt_optional_word(argc, argv), "ALL", SAR_MEM, SAR_MEM_ALL, &o->sys);
	case 'q':
		return parse_q(opt_optional_word(argc, argv), &o->sys);
	case 'I':
		return parse_irq(opt_optional_word(argc, argv), &o->sys);
	case 'm':
		return parse_pwr(optarg, &o->sys);
	case 'F':
		return parse_word(c, opt_optional_word(argc, argv), "MOUNT", SAR_FS, SAR_FS_MOUNT, &o->sys);
	case 'A':
		o->sys |= SAR_SYS_ALL;
		o->acts |= SAR_NET_ALL;
		o->all_cpus = true;
		return 0;
	default:
		if (!flag_bits(c))
			return -EINVAL;
		o->sys |= flag_bits(c);
		return 0;
	}
}

static int parse_opts(int argc, char **argv, struct sar_opts *o)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		REPLAY_LONGOPTS,
		{ "iface", required_argument, 0, OPT_COMMON__END },
		{ 0 },
	};
	char *t, *save = NULL;
	int c;

	common_opts_init(&o->co);
	optind = 1;
	while ((c = getopt_long(argc, argv, "hn:P:uqrSBWwbdHvAIm:Fyf:s:e:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &o->co))
			continue;
		/* sysstat's -f FILE -s HH:MM:SS -e HH:MM:SS: the store and its window */
		if (c == 'f' || c == 's' || c == 'e') {
			*(c == 'f' ? &o->co.store : c == 's' ? &o->co.from : &o->co.to) = optarg;
			o->sysstat_window |= c != 'f';
			continue;
		}
		if (c == OPT_COMMON__END) {
			free(o->iface_list);
			o->iface_list = strdup(optarg);
			if (!o->iface_list)
				return -ENOMEM;
			o->nifaces = 0;
			for (t = strtok_r(o->iface_list, ",", &save); t && o->nifaces < MAX_IFACES;
			     t = strtok_r(NULL, ",", &save))
				o->ifaces[o->nifaces++] = t;
			continue;
		}
		if (parse_one(c, argc, argv, o))
			return -EINVAL;
	}
	if (o->co.help)
		return 0;
	/* sysstat: without a report option, -u */
	if (!o->acts && !o->sys)
		o->sys = SAR_CPU;
	/* -f or -e without -s (sar -f FILE): from the recording's start */
	if ((o->co.store || o->co.to) && !o->co.from)
		o->co.from = "@0";
	return opt_interval_count(CMD, argc, argv, &optind, &o->interval, &o->count, 1);
}

static void sar_sample_free(struct sar_sample *s)
{
	free(s->links);
	sar_sys_sample_free(&s->sys);
	memset(s, 0, sizeof(*s));
}

/* Say once why an activity is unavailable (bit in *warned). */
static void warn_once(const struct sample_loop *lp, const struct sample *smp, unsigned *warned,
		      unsigned bit, enum sample_part part, const char *what)
{
	char lost[96];

	if (*warned & bit)
		return;
	*warned |= bit;
	snprintf(lost, sizeof(lost), "%s unavailable", what);
	sample_loop_say(lp, smp, part, lost);
}

/* Each interface's link attributes, in net/dev's order (unknown when the
 * sample has none: sys_class_net_read's "unknown"). */
static int links_of(const struct sample *smp, struct sar_sample *s)
{
	struct sys_class_net_if *l = calloc(s->nd.n ? s->nd.n : 1, sizeof(*l));

	if (!l)
		return -ENOMEM;
	s->links = l;
	s->nlinks = s->nd.n;
	for (size_t i = 0; i < s->nd.n; i++) {
		l[i].speed_mbps = -1;
		if (i < smp->nlinks && !strcmp(smp->links[i].name, s->nd.ifs[i].name))
			l[i] = smp->links[i].link;
	}
	return 0;
}

static int part_err(const struct sample *smp, enum sample_part part)
{
	if (sample_has(smp, part))
		return 0;
	return smp->err[part] ? smp->err[part] : -ENOENT;
}

/* The view of the loop's sample smp; only proc/uptime is required. */
static int sample_of(const struct sample_loop *lp, struct sample *smp, const struct sar_opts *o,
		     struct sar_sample *s, unsigned *warned, struct sar_sys_run *sys)
{
	memset(s, 0, sizeof(*s));
	s->up = smp->up;
	s->have_st = sample_has(smp, SAMPLE_STAT);
	s->st = smp->stat;
	s->when = sample_wall(smp);
	s->nd_err = s->snmp_err = s->sock_err = s->sn_err = -ENOENT;
	if (o->acts & (SAR_DEV | SAR_EDEV)) {
		s->nd_err = part_err(smp, SAMPLE_NET_DEV);
		s->nd = smp->netdev;
		if (!s->nd_err)
			s->nd_err = links_of(smp, s);
		if (s->nd_err)
			warn_once(lp, smp, warned, 1, SAMPLE_NET_DEV, "DEV and EDEV");
	}
	if (o->acts & SAR_SNMP) {
		s->snmp_err = part_err(smp, SAMPLE_SNMP);
		s->snmp = smp->snmp;
		if (s->snmp_err) {
			char what[64];

			snmp_names(o->acts, what, sizeof(what));
			warn_once(lp, smp, warned, 2, SAMPLE_SNMP, what);
		}
	}
	if (o->acts & (SAR_SOCK | SAR_SOCK6)) {
		s->sock_err = part_err(smp, SAMPLE_SOCKSTAT);
		s->sock = smp->sockstat;
		if (s->sock_err)
			warn_once(lp, smp, warned, 4, SAMPLE_SOCKSTAT, "SOCK");
	}
	if (o->acts & SAR_SOFT) {
		s->sn_err = part_err(smp, SAMPLE_SOFTNET);
		s->sn = smp->softnet;
		if (s->sn_err)
			warn_once(lp, smp, warned, 8, SAMPLE_SOFTNET, "SOFT");
	}
	if (o->sys & (SAR_CPU | SAR_TASK) && !s->have_st)
		warn_once(lp, smp, warned, 16, SAMPLE_STAT, "-u and -w");
	sar_sys_of(sys, lp, smp, &s->sys);
	return 0;
}

/* A bare clock time ("03:00", "03:00:00"): sysstat's -s / -e form. */
static bool clock_only(const char *t)
{
	return t && t[0] && strspn(t, "0123456789:") == strlen(t) && strchr(t, ':');
}

/* sar's -s / -e: clock times of the recording's day (sysstat's files hold
 * one day; a store may hold several: the day of its newest record, as sar
 * reads today's file), written as "YYYY-MM-DD HH:MM:SS" for --from/--to.
 * A store that cannot be read is left to the loop to say. */
static void sysstat_day(struct sar_opts *o)
{
	struct store *st;
	struct store_hist h;
	char why[256], day[16];
	struct tm tm;
	time_t t;

	if (!o->sysstat_window || (!clock_only(o->co.from) && !clock_only(o->co.to)))
		return;
	if (store_open_read(&st, o->co.store ? o->co.store : STORE_DEFAULT_DIR, why, sizeof(why)))
		return;
	memset(&h, 0, sizeof(h));
	if (store_history(st, &h) == 0 && h.nranges) {
		t = (time_t)(h.ranges[h.nranges - 1].to_ns / 1000000000LL);
		if (localtime_r(&t, &tm) && strftime(day, sizeof(day), "%Y-%m-%d", &tm)) {
			if (clock_only(o->co.from)) {
				snprintf(o->from_buf, sizeof(o->from_buf), "%s %s", day, o->co.from);
				o->co.from = o->from_buf;
			}
			if (clock_only(o->co.to)) {
				snprintf(o->to_buf, sizeof(o->to_buf), "%s %s", day, o->co.to);
				o->co.to = o->to_buf;
			}
		}
	}
	store_hist_free(&h);
	store_close(st);
}

/* What the loop asks each sample for. */
static void sar_want(const struct sar_opts *o, struct sample_want *w)
{
	memset(w, 0, sizeof(*w));
	w->parts = SAMPLE_BIT(STAT) | SAMPLE_KERNEL_ID;
	if (o->acts & (SAR_DEV | SAR_EDEV)) {
		w->parts |= SAMPLE_BIT(NET_DEV);
		w->links = true;
	}
	if (o->acts & SAR_SNMP)
		w->parts |= SAMPLE_BIT(SNMP);
	if (o->acts & (SAR_SOCK | SAR_SOCK6))
		w->parts |= SAMPLE_BIT(SOCKSTAT) | SAMPLE_BIT(SOCKSTAT6);
	if (o->acts & SAR_SOFT)
		w->parts |= SAMPLE_BIT(SOFTNET);
	sar_sys_want(o->sys, w);
}

/* The model of one interval prev -> cur (prev NULL: since boot) into r;
 * rows must hold cur->nd.n entries. */
static bool iface_wanted(const struct sar_opts *o, const char *name)
{
	if (!o->nifaces)
		return true;
	for (size_t i = 0; i < o->nifaces; i++)
		if (!strcmp(o->ifaces[i], name))
			return true;
	return false;
}

static void compute(const struct sar_opts *o, const struct sar_sample *prev,
		    const struct sar_sample *cur, double dt, struct sar_if_row *rows,
		    struct sar_report *r)
{
	size_t n = 0;

	memset(r, 0, sizeof(*r));
	r->have_dev = !cur->nd_err && (!prev || !prev->nd_err);
	if (r->have_dev) {
		for (size_t i = 0; i < cur->nd.n; i++) {
			const struct net_dev_if *c = &cur->nd.ifs[i];
			const struct net_dev_if *p = prev ? proc_net_dev_find(&prev->nd, c->name) : NULL;

			if (!iface_wanted(o, c->name))
				continue;
			rows[n].name = c->name;
			rows[n].speed_mbps = cur->links[i].speed_mbps;
			net_model_dev(p, c, &cur->links[i], dt, &rows[n].dev);
			net_model_edev(p, c, dt, &rows[n].edev);
			n++;
		}
		r->ifs = rows;
		r->nifs = n;
	}
	r->have_snmp = !cur->snmp_err && (!prev || !prev->snmp_err);
	if (r->have_snmp) {
		/* since boot: every counter from zero */
		static const struct proc_net_snmp zero_snmp = { .have = { [0 ... SNMP__COUNT - 1] = true } };
		const struct proc_net_snmp *ps = prev ? &prev->snmp : &zero_snmp;

		net_model_tcp(ps, &cur->snmp, dt, &r->tcp);
		net_model_etcp(ps, &cur->snmp, dt, &r->etcp);
		for (int t = 0; t < NET_SNMP_TABLE__COUNT; t++)
			net_model_snmp_table(ps, &cur->snmp, (enum net_snmp_table)t, dt, r->snmp[t]);
	}
	r->have_sock = !cur->sock_err;
	if (r->have_sock)
		net_model_sock(&cur->sock, &r->sock);
	/* sockstat6 is optional (no IPv6): SOCK6 then unavailable */
	r->have_sock6 = !cur->sock_err && cur->sock.have[SOCKSTAT_TCP6_INUSE];
	if (r->have_sock6)
		net_model_sock6(&cur->sock, &r->sock6);
}

struct sar_run {
	const struct sar_opts *o;
	struct sar_sys_run sys;
	struct sar_sys_report sys_rep;
	bool compact;		/* one one-row report: its header once (sysstat) */
	struct json j;
	struct sar_if_row *rows;
	size_t cap;
	struct sar_cpu_row *soft;	/* SOFT: "all" + one per CPU of the sample */
	size_t soft_cap;
	struct net_sock_mean mean;
	struct net_sock6_mean mean6;
	long intervals;
	bool arr_open;		/* JSON: "statistics" still open */
	bool stream;		/* --json live without a count: JSON Lines (no banner) */
};

static int rows_reserve(struct sar_run *run, size_t n)
{
	struct sar_if_row *v;

	if (n <= run->cap)
		return 0;
	v = realloc(run->rows, n * sizeof(*v));
	if (!v)
		return -ENOMEM;
	run->rows = v;
	run->cap = n;
	return 0;
}

static bool cpu_wanted(const struct sar_opts *o, int cpu)
{
	return o->all_cpus || sys_cpu_list_has(&o->cpus, cpu);
}

/* SOFT of prev -> cur into r: the "all" row, then the CPUs -P asked for. */
static int compute_soft(struct sar_run *run, const struct sar_sample *prev,
			const struct sar_sample *cur, double dt, struct sar_report *r)
{
	const struct proc_net_softnet *ps = prev ? &prev->sn : NULL;
	size_t n = 1;

	r->have_soft = !cur->sn_err && (!prev || !prev->sn_err);
	if (!r->have_soft)
		return 0;
	if (!run->soft || cur->sn.n + 1 > run->soft_cap) {
		struct sar_cpu_row *v = realloc(run->soft, (cur->sn.n + 1) * sizeof(*v));

		if (!v)
			return -ENOMEM;
		run->soft = v;
		run->soft_cap = cur->sn.n + 1;
	}
	run->soft[0].cpu = -1;
	softnet_model_all(ps, &cur->sn, dt, &run->soft[0].soft);
	for (size_t i = 0; i < cur->sn.n; i++) {
		const struct softnet_cpu *c = &cur->sn.cpus[i];

		if (!cpu_wanted(run->o, c->cpu))
			continue;
		run->soft[n].cpu = c->cpu;
		softnet_model_cpu(ps, c, dt, &run->soft[n].soft);
		n++;
	}
	r->soft = run->soft;
	r->nsoft = n;
	return 0;
}

/* The system reports of prev -> cur into r->sys. */
static int compute_sys(struct sar_run *run, const struct sar_sample *prev,
		       const struct sar_sample *cur, double dt, bool average, struct sar_report *r)
{
	if (!run->o->sys)
		return 0;
	r->sys_acts = run->o->sys;
	r->sys = &run->sys_rep;
	return sar_sys_compute(&run->sys, prev ? &prev->sys : NULL,
			       prev && prev->have_st ? &prev->st : NULL, &cur->sys,
			       cur->have_st ? &cur->st : NULL, dt, average, &run->sys_rep);
}

/* One interval's tables. prev NULL: since boot. */
static int report(struct sar_run *run, const struct sar_sample *prev, const struct sar_sample *cur)
{
	unsigned acts = run->o->acts;
	double dt = interval_dt(prev ? &prev->up : NULL, &cur->up);
	char pl[16], cl[16];
	struct sar_report r;

	if (rows_reserve(run, cur->nd.n))
		return -ENOMEM;
	compute(run->o, prev, cur, dt, run->rows, &r);
	if (compute_soft(run, prev, cur, dt, &r) || compute_sys(run, prev, cur, dt, false, &r))
		return -ENOMEM;
	if (r.have_sock)
		net_sock_mean_add(&run->mean, &r.sock);
	if (r.have_sock6)
		net_sock6_mean_add(&run->mean6, &r.sock6);
	run->intervals++;
	/* sysstat: -y alone with one serial line prints its header once */
	if (run->intervals == 1 && !acts && run->o->sys == SAR_TTY && r.sys->have_tty)
		run->compact = r.sys->tty->n == 1;
	if (run->stream) {
		json_line_begin(&run->j, stdout);
		sar_json(&run->j, NULL, acts, cur->when, dt, &r);
		json_line_end(&run->j);
	} else if (run->o->co.json) {
		sar_json(&run->j, NULL, acts, cur->when, dt, &r);
	} else {
		sysstat_time_hms(prev ? prev->when : cur->when - (time_t)cur->up.up_s, pl, sizeof(pl));
		sysstat_time_hms(cur->when, cl, sizeof(cl));
		sar_print(stdout, acts, run->compact && run->intervals > 1 ? NULL : pl, cl, &r);
	}
	fflush(stdout);
	return 0;
}

/* "Average:": rates from the first sample to the last (sysstat), the SOCK
 * gauges averaged over the intervals shown. */
static int average(struct sar_run *run, const struct sar_sample *first, const struct sar_sample *last)
{
	double dt = interval_dt(first ? &first->up : NULL, &last->up);
	struct sar_report r;

	if (rows_reserve(run, last->nd.n))
		return -ENOMEM;
	compute(run->o, first, last, dt, run->rows, &r);
	if (compute_soft(run, first, last, dt, &r) || compute_sys(run, first, last, dt, true, &r))
		return -ENOMEM;
	if (r.have_sock)
		net_sock_mean_get(&run->mean, &r.sock);
	if (r.have_sock6)
		net_sock6_mean_get(&run->mean6, &r.sock6);
	if (run->stream) {	/* the last line: {"average": {...}} */
		json_line_begin(&run->j, stdout);
		json_obj_begin(&run->j, NULL);
		sar_json(&run->j, "average", run->o->acts, 0, dt, &r);
		json_obj_end(&run->j);
		json_line_end(&run->j);
	} else if (run->o->co.json) {
		json_arr_end(&run->j);	/* "statistics" comes before "average" */
		run->arr_open = false;
		sar_json(&run->j, "average", run->o->acts, 0, dt, &r);
	} else
		sar_print(stdout, run->o->acts, run->compact ? NULL : "Average:", "Average:", &r);
	return 0;
}

static void banner(struct sar_run *run, const struct sample *smp)
{
	struct sysstat_host h;

	if (run->stream)
		return;
	sysstat_host_of(smp, sample_wall(smp), &h);
	if (run->o->co.json)
		json_init(&run->j, stdout, true);
	sysstat_banner_begin(stdout, run->o->co.json ? &run->j : NULL, "sar", &h.b);
	run->arr_open = run->o->co.json;
}

static bool anything(const struct sar_opts *o, const struct sar_sample *s)
{
	return ((o->acts & (SAR_DEV | SAR_EDEV)) && !s->nd_err) ||
	       ((o->acts & SAR_SNMP) && !s->snmp_err) ||
	       ((o->acts & SAR_SOCK) && !s->sock_err) ||
	       ((o->acts & SAR_SOCK6) && !s->sock_err && s->sock.have[SOCKSTAT_TCP6_INUSE]) ||
	       ((o->acts & SAR_SOFT) && !s->sn_err) ||
	       sar_sys_anything(o->sys, &s->sys, s->have_st ? &s->st : NULL);
}

/* The first sample of the Average, deep: the loop keeps only two. */
struct sar_first {
	struct sample copy;
	struct sar_sample v;
};

static int first_keep(struct sar_run *run, const struct sample_loop *lp, const struct sample *smp,
		      struct sar_first *f, unsigned *warned)
{
	int err;

	sar_sample_free(&f->v);
	sample_free(&f->copy);
	err = sample_copy(smp, &f->copy);
	if (!err)
		err = sample_of(lp, &f->copy, run->o, &f->v, warned, &run->sys);
	return err;
}

/* The intervals after the first sample, then the Average (first against
 * the last; after a recorded restart, from the sample after it). */
static int intervals(struct sar_run *run, struct sample_loop *lp, struct sar_first *f,
		     unsigned *warned)
{
	struct sample_step st;
	struct sar_sample ring[2], *prev = &f->v;
	int k = 0, err;

	memset(ring, 0, sizeof(ring));
	while ((err = sample_loop_next(lp, &st)) == 0) {
		if (!st.older) {
			err = first_keep(run, lp, st.newer, f, warned);
			prev = &f->v;
			if (err)
				break;
			continue;
		}
		sar_sample_free(&ring[k]);
		err = sample_of(lp, sample_loop_newest(lp), run->o, &ring[k], warned, &run->sys);
		if (!err)
			err = report(run, prev, &ring[k]);
		if (err)
			break;
		prev = &ring[k];
		k = !k;
	}
	if (err > 0)
		err = 0;
	if (!err && run->intervals > 0)
		err = average(run, &f->v, prev);
	sar_sample_free(&ring[0]);
	sar_sample_free(&ring[1]);
	return err;
}

static int run_loop(struct sar_run *run, struct sample_loop *lp)
{
	const struct sar_opts *o = run->o;
	struct sar_first f;
	struct sample_step st;
	unsigned warned = 0;
	int err;

	memset(&f, 0, sizeof(f));
	sample_init(&f.copy);
	lp->interval = o->interval;
	lp->max = o->count < 0 ? -1 : o->count + 1;
	err = sample_loop_next(lp, &st);
	if (err > 0)
		err = -ENODATA;
	if (err)
		goto out;
	err = first_keep(run, lp, st.newer, &f, &warned);
	if (err)
		goto out;
	if (!anything(o, &f.v)) {
		err = -ENOENT;
		goto out;
	}
	run->stream = o->co.json && o->count < 0 && o->interval > 0 && !sample_loop_replay(lp);
	banner(run, st.newer);
	if (!sample_loop_replay(lp) && o->interval == 0) {
		/* no interval: the averages since boot, once */
		err = report(run, NULL, &f.v);
		if (!err)
			err = average(run, NULL, &f.v);
	} else {
		err = intervals(run, lp, &f, &warned);
	}
	if (o->co.json && !run->stream) {
		if (run->arr_open)
			json_arr_end(&run->j);
		json_obj_end(&run->j);
		json_end(&run->j);
	}
out:
	sar_sample_free(&f.v);
	sample_free(&f.copy);
	return err;
}

/* sysstat prints the header once, then a row per interval and the average
 * row, when a single report of one row is asked for (-u without -P, -q, -r
 * ...); every other selection repeats the tables with their headers. */
static bool compact(const struct sar_opts *o)
{
	unsigned sys = o->sys & ~(unsigned)(SAR_CPU_ALL | SAR_MEM_ALL | SAR_IRQ_ALL);
	/* -I prints its header again for "Average:" even with the sum alone */
	unsigned multi = SAR_DISK | SAR_IRQ | SAR_FS | SAR_TTY |
			 ((o->all_cpus || o->cpus.count) ? SAR_CPU | SAR_PWR_CPU : 0);

	if (o->acts || __builtin_popcount(sys) != 1)
		return o->sys == 0 && __builtin_popcount(o->acts) == 1 &&
		       !(o->acts & (SAR_DEV | SAR_EDEV | SAR_SOFT));
	return !(sys & multi);
}

int cmd_sar(int argc, char **argv)
{
	struct sar_opts o;
	struct sar_run run;
	struct sample_want want;
	struct sample_loop lp;
	int err;

	memset(&o, 0, sizeof(o));
	memset(&run, 0, sizeof(run));
	err = parse_opts(argc, argv, &o);
	if (o.co.help || err) {
		free(o.iface_list);
		sys_cpu_list_free(&o.cpus);
		if (o.co.help) {
			help();
			return EXIT_OK;
		}
		opt_usage_hint(CMD);
		return EXIT_USAGE;
	}
	run.o = &o;
	run.compact = compact(&o);
	sar_sys_run_init(&run.sys, o.sys);
	run.sys.all_cpus = o.all_cpus;
	run.sys.cpus = &o.cpus;
	sar_want(&o, &want);
	sysstat_day(&o);
	err = sample_loop_open(&lp, CMD, &o.co, &want);
	if (err) {
		sar_sys_run_free(&run.sys);
		free(o.iface_list);
		sys_cpu_list_free(&o.cpus);
		return sample_loop_exit(err);
	}
	/* replayed snapshots or recorded samples without an interval: every
	 * step between them */
	if (sample_loop_replay(&lp) && o.interval == 0)
		o.count = sample_loop_left(&lp);
	err = run_loop(&run, &lp);
	sample_loop_close(&lp);
	free(run.rows);
	free(run.soft);
	sar_sys_run_free(&run.sys);
	free(o.iface_list);
	sys_cpu_list_free(&o.cpus);
	return err ? EXIT_FAIL : EXIT_OK;
}
