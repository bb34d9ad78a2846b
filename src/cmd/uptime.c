/* triage uptime [-p] [-s]: procps-ng's uptime, from /proc/uptime,
 * /proc/loadavg and run/utmp under the root. */
#include <errno.h>
#include <stdio.h>
#include <time.h>

#include "core/err.h"
#include "core/opts.h"
#include "sample/loop.h"
#include "sources/utmp.h"
#include "views/uptime.h"

static void help(void)
{
	puts("Usage: triage uptime [-p] [-s] [--json] [--root DIR[,DIR...]]\n"
	     "                     [--from TIME [--to TIME] [--store DIR]]\n"
	     "Time, how long the system has been up, users logged in, load averages.\n"
	     "  -p, --pretty   uptime in words\n"
	     "  -s, --since    boot time, yyyy-mm-dd HH:MM:SS\n"
	     "Several snapshots: the last one; a recorded window: its last sample.");
}

int cmd_uptime(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		REPLAY_LONGOPTS,
		{ "pretty", no_argument, 0, 'p' },
		{ "since", no_argument, 0, 's' },
		{ 0 },
	};
	struct common_opts co;
	struct sample_want want = { .parts = SAMPLE_BIT(UPTIME) | SAMPLE_BIT(LOADAVG) };
	struct sample_loop lp;
	struct sample *s;
	struct uptime_report rep = { 0 };
	const struct root *r;
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
	err = sample_loop_open(&lp, "uptime", &co, &want);
	if (err)
		return sample_loop_exit(err);
	/* several snapshots (--root A,B): the last one; recorded: the window's last */
	err = sample_loop_last(&lp, &s);
	if (!err)
		err = sample_loop_require(&lp, s, SAMPLE_BIT(LOADAVG));
	if (err)
		goto out;
	r = sample_loop_root(&lp);
	rep.now = s->recorded ? sample_wall(s) : time(NULL);
	rep.up_s = s->up.up_s;
	if (r) {
		rep.users = utmp_count_users(r);
	} else {
		rep.users = 0;
		err_msg("uptime", "the recording holds no run/utmp: the user count is 0");
	}
	if (rep.users < 0)
		rep.users = 0;
	for (int i = 0; i < 3; i++)
		rep.load[i] = s->load.load[i];
	rep.running = s->load.running;
	rep.tasks = s->load.tasks;
	if (co.json)
		uptime_print_json(stdout, &rep);
	else if (pretty)
		uptime_print_pretty(stdout, &rep);
	else if (since)
		uptime_print_since(stdout, &rep);
	else
		uptime_print(stdout, &rep);
out:
	sample_loop_close(&lp);
	return err ? EXIT_FAIL : EXIT_OK;
}
