/* triage pid PID [-d SECONDS]: everything about one process over a short
 * interval: command line, state and wchan, CPU and the busiest threads,
 * context switches, memory (RSS, PSS, swap), faults, I/O, age, fds against
 * RLIMIT_NOFILE, sockets and listeners, its cgroup, OOM score, namespaces,
 * and what the evidence suggests. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/pid_common.h"
#include "core/err.h"
#include "core/json.h"
#include "core/opts.h"
#include "core/sampler.h"
#include "model/pidinfo.h"
#include "sources/proc_meminfo.h"
#include "sources/sys_cpu.h"
#include "views/pid.h"

struct pid_opts {
	struct common_opts co;
	double dur;	/* -d: seconds between the two samples */
	long pid;
};

static void help(void)
{
	puts("Usage: triage pid PID [-d SECONDS] [--json] [--root DIR]\n"
	     "Everything about one process over a short interval (default 1 s):\n"
	     "command line, state and wchan, CPU and its busiest threads, context\n"
	     "switches, memory (RSS, PSS, swap from smaps_rollup), page faults, I/O,\n"
	     "start time and age, file descriptors against RLIMIT_NOFILE by type,\n"
	     "deleted files, TCP/UDP sockets by state and listening ports with their\n"
	     "accept queue, its cgroup (limits, throttling, memory events, PSI),\n"
	     "oom_score, namespaces, and what the evidence suggests.\n"
	     "  -d, --duration SECONDS  interval between the two samples (default 1)\n"
	     "Without root, another user's fds, smaps, io and namespaces are listed as\n"
	     "unavailable. Exit status: 0 ok, 1 no such process, 2 bad usage.");
}

static int parse(int argc, char **argv, struct pid_opts *o)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "duration", required_argument, 0, 'd' },
		{ 0 },
	};
	int c;

	common_opts_init(&o->co);
	o->dur = 1.0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "hd:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &o->co))
			continue;
		if (c != 'd')
			return -EINVAL;
		if (opt_parse_double(optarg, 0.01, 3600, &o->dur)) {
			err_msg("pid", "invalid duration '%s': want seconds above 0", optarg);
			return -EINVAL;
		}
	}
	if (o->co.help)
		return 0;
	if (optind >= argc) {
		err_msg("pid", "missing PID");
		return -EINVAL;
	}
	if (opt_parse_long(argv[optind], 1, 0x7fffffff, &o->pid)) {
		err_msg("pid", "invalid PID '%s': want a process ID above 0", argv[optind]);
		return -EINVAL;
	}
	if (++optind < argc) {
		err_msg("pid", "unexpected argument '%s'", argv[optind]);
		return -EINVAL;
	}
	return 0;
}

static void params(const struct root *r, const struct pid_snap *a, const struct pid_snap *b,
		   struct pid_params *p)
{
	struct proc_meminfo mi;
	struct sys_cpu_count cc;
	long pg = sysconf(_SC_PAGESIZE), hz = sysconf(_SC_CLK_TCK);

	memset(p, 0, sizeof(*p));
	p->hz = hz > 0 ? hz : 100;
	p->page_kb = pg >= 1024 ? pg / 1024 : 4;
	if (proc_meminfo_read(r, &mi) == 0)
		p->mem_total_kb = mi.v[MI_MEM_TOTAL];
	sys_cpu_count_read(r, NULL, &cc);
	p->ncpus = cc.online;
	p->dt_s = a && !a->up_err && !b->up_err ? b->up.up_s - a->up.up_s : NAN;
}

int pid_model_take(const struct root *r, int pid, const struct pid_snap *a, const struct pid_snap *b,
		   struct pidinfo *m, struct sd_table *own)
{
	struct pid_params p;
	int err;

	params(r, a, b, &p);
	err = pidinfo_model(a, b, pid, &p, m);
	if (!err)
		err = pidinfo_model_sockets(b, m, own);
	return err;
}

int pid_report_write(FILE *f, const struct root *r, int pid, bool json, const struct pid_snap *a,
		     const struct pid_snap *b)
{
	struct pidinfo *m = calloc(1, sizeof(*m));
	struct pid_report rep = { .pid = pid, .snap = b, .cmdline = "" };
	struct pid_clock clk = { 0 };
	struct proc_verdicts verdicts;
	struct sd_table own;
	int err;

	if (!m)
		return -ENOMEM;
	sd_table_init(&own, false);
	err = pid_model_take(r, pid, a, b, m, &own);
	if (err)
		goto out;
	if (m->rec->cmdline)
		rep.cmdline = m->rec->cmdline;
	if (!isnan(m->age_s))
		rep.start = pid_clock_at(&clk, b->up.up_s) - (time_t)(m->age_s + 0.5);
	rep.m = m;
	rules_proc(m, &verdicts);
	rep.verdicts = &verdicts;
	if (json) {
		struct json j;

		json_init(&j, f, true);
		pid_print_json(&j, &rep);
		json_end(&j);
	} else {
		pid_print(f, &rep);
	}
out:
	sd_table_free(&own);
	free(m);
	return err;
}

static int report(const struct root *r, const struct pid_opts *o, const struct pid_snap *a,
		  const struct pid_snap *b)
{
	return pid_report_write(stdout, r, (int)o->pid, o->co.json, a, b);
}

static int run(struct sampler *smp, const struct pid_opts *o)
{
	struct pid_snap *s = calloc(2, sizeof(*s));
	const struct root *r = sampler_root(smp);
	char where[4200];
	bool one = !smp->replay && !r->live;
	int err;

	if (!s)
		return -ENOMEM;
	err = pid_snap_take(r, (int)o->pid, one, &s[0]);
	if (err) {
		root_path(r, ROOT_PROC, "", where, sizeof(where));
		if (err == -ESRCH)
			err_msg("pid", "no process %ld (nothing in %s%ld)", o->pid, where, o->pid);
		else
			err_errno("pid", err, "cannot read %s", where);
		goto out;
	}
	if (one) {
		err = report(r, o, NULL, &s[0]);
		goto out;
	}
	if (sampler_wait(smp, o->dur)) {
		err = report(r, o, NULL, &s[0]);	/* interrupted: what we have */
		goto out;
	}
	r = sampler_root(smp);
	err = pid_snap_take(r, (int)o->pid, true, &s[1]);
	if (err == -ESRCH)
		err_msg("pid", "process %ld exited during the interval", o->pid);
	else if (err)
		err_errno("pid", err, "cannot read the second sample");
	else
		err = report(r, o, &s[0], &s[1]);
out:
	pid_snap_free(&s[0]);
	pid_snap_free(&s[1]);
	free(s);
	return err;
}

int cmd_pid(int argc, char **argv)
{
	struct pid_opts o;
	struct sampler smp;
	int err;

	if (parse(argc, argv, &o)) {
		opt_usage_hint("pid");
		return EXIT_USAGE;
	}
	if (o.co.help) {
		help();
		return EXIT_OK;
	}
	err = sampler_open_cmd(&smp, "pid", o.co.root);
	if (err)
		return EXIT_FAIL;
	err = run(&smp, &o);
	sampler_close(&smp);
	return err ? EXIT_FAIL : EXIT_OK;
}
