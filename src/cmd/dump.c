/* triage dump --from TIME [--to TIME] [--store DIR] [--format csv|json]
 *            [--select GROUP[,GROUP...]] [-i SECONDS]:
 * the recorded figures for other tools (below's dump): per recorded
 * interval, the figures of each group (model/dump.h) at the newer sample's
 * time. CSV takes one group (its own header); JSON any (one document). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/json.h"
#include "core/opts.h"
#include "model/dump.h"
#include "sample/loop.h"
#include "views/dump.h"

#define CMD "dump"

enum { OPT_FORMAT = OPT_COMMON__END, OPT_SELECT };

struct dump_opts {
	bool csv;
	unsigned mask;
	double interval;
};

static void help(void)
{
	puts("Usage: triage dump --from TIME [--to TIME] [--store DIR] [--format csv|json]\n"
	     "                   [--select GROUP[,GROUP...]] [-i SECONDS]\n"
	     "The recorded figures, per recorded interval, for other tools.\n"
	     "  --format csv|json  csv (default): one group, a header then one row per\n"
	     "                     interval and instance; json: one document {\"rows\": [...]}\n"
	     "  --select GROUPS    cpu (mpstat's %), mem (free's kB), disk (iostat -x),\n"
	     "                     net (sar -n DEV/EDEV), load, psi (% of time), proc (pidstat\n"
	     "                     -u -r -d per process), exits (the processes that ended in\n"
	     "                     the interval: pid ppid uid start_time exit_time (epoch s)\n"
	     "                     utime/stime_ticks (their life) cpu/usr/sys_pct (their share\n"
	     "                     of the interval) minflt majflt maxrss_kb read/write_bytes\n"
	     "                     exit_code signal); default cpu (csv) or all (json)\n"
	     "  -i SECONDS         a coarser step than the recording's\n"
	     "Times as for --from everywhere (see triage --help). Also --root A,B,... for\n"
	     "snapshots. Exit status: 0 ok, 1 no recording there or nothing in the window,\n"
	     "2 bad usage.");
}

static int parse(int argc, char **argv, struct common_opts *co, struct dump_opts *d)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		REPLAY_LONGOPTS,
		{ "format", required_argument, 0, OPT_FORMAT },
		{ "select", required_argument, 0, OPT_SELECT },
		{ "interval", required_argument, 0, 'i' },
		{ 0 },
	};
	static const struct opt_kw kws[] = {
		{ "cpu", 1u << DUMP_CPU }, { "mem", 1u << DUMP_MEM }, { "disk", 1u << DUMP_DISK },
		{ "net", 1u << DUMP_NET }, { "load", 1u << DUMP_LOAD }, { "psi", 1u << DUMP_PSI },
		{ "proc", 1u << DUMP_PROC }, { "exits", 1u << DUMP_EXITS }, { "all", (1u << DUMP__N) - 1 },
	};
	bool json = false;
	char bad[64];
	int c;

	optind = 1;
	d->csv = true;
	while ((c = getopt_long(argc, argv, "hi:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, co))
			continue;
		switch (c) {
		case OPT_FORMAT:
			if (!strcmp(optarg, "csv") || !strcmp(optarg, "json")) {
				json = !strcmp(optarg, "json");
				break;
			}
			err_msg(CMD, "--format takes csv or json, not '%s'", optarg);
			return -EINVAL;
		case OPT_SELECT:
			if (opt_parse_keywords(optarg, kws, sizeof(kws) / sizeof(kws[0]), &d->mask, bad, sizeof(bad))) {
				err_msg(CMD, "--select: unknown group '%s' (cpu, mem, disk, net, load, psi, proc, exits, all)",
					bad);
				return -EINVAL;
			}
			break;
		case 'i':
			if (opt_parse_double(optarg, 0.01, 86400, &d->interval)) {
				err_msg(CMD, "bad interval '%s'", optarg);
				return -EINVAL;
			}
			break;
		default:
			return -EINVAL;
		}
	}
	if (optind < argc) {
		err_msg(CMD, "unexpected argument '%s'", argv[optind]);
		return -EINVAL;
	}
	d->csv = !json && !co->json;
	if (!d->mask)
		d->mask = d->csv ? 1u << DUMP_CPU : (1u << DUMP__N) - 1;
	if (d->csv && (d->mask & (d->mask - 1))) {
		err_msg(CMD, "CSV holds one group: --select one of cpu, mem, disk, net, load, psi, proc, exits");
		return -EINVAL;
	}
	return 0;
}

static int run(struct sample_loop *lp, const struct dump_opts *d)
{
	struct dump_rows rows = { 0 };
	struct sample_step st;
	struct json j;
	int err, g = __builtin_ctz(d->mask);

	json_init(&j, stdout, true);
	if (d->csv)
		dump_csv_header(stdout, (enum dump_group)g);
	else
		dump_json_begin(&j);
	lp->interval = d->interval;
	while ((err = sample_loop_next(lp, &st)) == 0) {
		time_t t = sample_wall(st.newer);

		if (!st.older)
			continue;
		rows.n = 0;
		err = dump_model(st.older, st.newer, st.elapsed, d->mask, &rows);
		if (err)
			break;
		for (size_t i = 0; i < rows.n; i++) {
			if (d->csv)
				dump_csv_row(stdout, t, &rows.v[i]);
			else
				dump_json_row(&j, t, &rows.v[i]);
		}
	}
	if (!d->csv)
		dump_json_end(&j);
	dump_rows_free(&rows);
	return err < 0 ? err : 0;
}

int cmd_dump(int argc, char **argv)
{
	struct common_opts co;
	struct dump_opts d = { 0 };
	struct sample_want want = { .parts = SAMPLE_HOST_ALL, .blocks = true, .procs = true,
				    .scan = { .want = PROC_PID_IO | PROC_PID_STATM } };
	struct sample_loop lp;
	int err;

	common_opts_init(&co);
	if (parse(argc, argv, &co, &d)) {
		opt_usage_hint(CMD);
		return EXIT_USAGE;
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	if (!co.from && !co.to && !co.store && !co.root) {
		err_msg(CMD, "say which recording: --from TIME (and --to, --store), or --root snapshots");
		opt_usage_hint(CMD);
		return EXIT_USAGE;
	}
	err = sample_loop_open(&lp, CMD, &co, &want);
	if (err)
		return sample_loop_exit(err);
	if (!sample_loop_replay(&lp))
		lp.max = 1;
	err = run(&lp, &d);
	sample_loop_close(&lp);
	return err ? EXIT_FAIL : EXIT_OK;
}
