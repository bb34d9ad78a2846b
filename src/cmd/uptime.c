/* triage uptime [-p] [-s]: procps-ng's uptime, from /proc/uptime,
 * /proc/loadavg and run/utmp under the root. */
#include <errno.h>
#include <stdio.h>
#include <time.h>

#include "core/err.h"
#include "core/opts.h"
#include "core/sampler.h"
#include "sources/proc_loadavg.h"
#include "sources/proc_uptime.h"
#include "sources/utmp.h"
#include "views/uptime.h"

static void help(void)
{
	puts("Usage: triage uptime [-p] [-s] [--json] [--root DIR]\n"
	     "Time, how long the system has been up, users logged in, load averages.\n"
	     "  -p, --pretty   uptime in words\n"
	     "  -s, --since    boot time, yyyy-mm-dd HH:MM:SS");
}

int cmd_uptime(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "pretty", no_argument, 0, 'p' },
		{ "since", no_argument, 0, 's' },
		{ 0 },
	};
	struct common_opts co;
	struct sampler smp;
	struct proc_uptime up;
	struct proc_loadavg la;
	struct uptime_report rep = { 0 };
	char path[4200];
	int c, err, pretty = 0, since = 0;

	common_opts_init(&co);
	optind = 1;
	while ((c = getopt_long(argc, argv, "hps", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &co))
			continue;
		switch (c) {
		case 'p': pretty = 1; break;
		case 's': since = 1; break;
		default: opt_usage_hint("uptime"); return EXIT_USAGE;
		}
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	if (optind < argc) {
		err_msg("uptime", "unexpected argument '%s'", argv[optind]);
		opt_usage_hint("uptime");
		return EXIT_USAGE;
	}
	err = sampler_open_last(&smp, "uptime", co.root);
	if (err)
		return EXIT_FAIL;
	const struct root *r = sampler_root(&smp);
	err = proc_uptime_read(r, &up);
	if (err) {
		err_errno("uptime", err, "cannot read %s", root_path(r, ROOT_PROC, "uptime", path, sizeof(path)));
		goto out;
	}
	err = proc_loadavg_read(r, &la);
	if (err) {
		err_errno("uptime", err, "cannot read %s", root_path(r, ROOT_PROC, "loadavg", path, sizeof(path)));
		goto out;
	}
	rep.now = time(NULL);
	rep.up_s = up.up_s;
	rep.users = utmp_count_users(r);
	if (rep.users < 0)
		rep.users = 0;
	for (int i = 0; i < 3; i++)
		rep.load[i] = la.load[i];
	rep.running = la.running;
	rep.tasks = la.tasks;
	if (co.json)
		uptime_print_json(stdout, &rep);
	else if (pretty)
		uptime_print_pretty(stdout, &rep);
	else if (since)
		uptime_print_since(stdout, &rep);
	else
		uptime_print(stdout, &rep);
out:
	sampler_close(&smp);
	return err ? EXIT_FAIL : EXIT_OK;
}
