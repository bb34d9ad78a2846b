/* triage dmesg [-T|-x|-r] [-l LEVELS] [--tail N]: the kernel log as util-linux
 * dmesg prints it, from /dev/kmsg (syslog(2) when that can't be opened). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/opts.h"
#include "core/sampler.h"
#include "model/kmsg_time.h"
#include "sources/kmsg.h"
#include "sources/proc_uptime.h"
#include "views/dmesg.h"

enum { OPT_TAIL = OPT_COMMON__END };

static void help(void)
{
	puts("Usage: triage dmesg [-T] [-x] [-r] [-l LIST] [--tail N] [--json] [--root DIR]\n"
	     "The kernel ring buffer, as util-linux dmesg prints it.\n"
	     "  -T, --ctime        human-readable timestamps (boot time + record time;\n"
	     "                     inaccurate after a suspend/resume)\n"
	     "  -x, --decode       facility and level prefix (\"kern  :info  : \")\n"
	     "  -r, --raw          syslog priority prefix (\"<6>\"; not with -T or -x)\n"
	     "  -l, --level LIST   only these levels: emerg,alert,crit,err,warn,notice,\n"
	     "                     info,debug; \"err+\" means err and more severe,\n"
	     "                     \"+info\" info and less severe\n"
	     "      --tail N       only the last N records (after the level filter)\n"
	     "Reads /dev/kmsg; falls back to syslog(2) when it can't be opened. With\n"
	     "kernel.dmesg_restrict=1 only root (CAP_SYSLOG) may read the log.\n"
	     "Exit status: 0 ok, 1 the log could not be read, 2 bad usage.");
}

/* "err,warn", "err+", "+info" -> bit mask of levels. Returns 0 or -EINVAL. */
static int parse_levels(const char *s, unsigned *mask)
{
	*mask = 0;
	while (*s) {
		const char *e = strchr(s, ',');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		int plus_before = n && s[0] == '+', plus_after = n && s[n - 1] == '+';
		int lv = kmsg_level_from_name(s + plus_before, n - plus_before - plus_after);
		if (lv < 0 || (plus_before && plus_after))
			return -EINVAL;
		if (plus_after)	/* this level and the more severe ones (lower numbers) */
			*mask |= (2u << lv) - 1;
		else if (plus_before)	/* this level and the less severe ones */
			*mask |= 0xffu & ~((1u << lv) - 1);
		else
			*mask |= 1u << lv;
		s += n;
		if (*s == ',')
			s++;
	}
	return *mask ? 0 : -EINVAL;
}

static void explain_read_error(const struct root *r, int err)
{
	char v[16] = "";

	if ((err == -EPERM || err == -EACCES) && r->live &&
	    root_read(r, ROOT_PROC, "sys/kernel/dmesg_restrict", v, sizeof(v)) > 0 &&
	    v[0] == '1' && geteuid() != 0) {
		err_msg("dmesg", "cannot read the kernel log: kernel.dmesg_restrict=1 and not root "
			"(run as root, or with CAP_SYSLOG)");
		return;
	}
	char path[4200];
	err_errno("dmesg", err, "cannot read the kernel log (%s)",
		  root_path(r, ROOT_DEV, "kmsg", path, sizeof(path)));
}

struct dmesg_args {
	int ctime, decode, raw;
	unsigned levels;	/* bit mask; 0 = all */
	long tail;		/* -1 = all */
};

static int run(const struct common_opts *co, const struct dmesg_args *a)
{
	struct sampler smp;
	const struct root *r;
	struct kmsg_log log;
	struct proc_uptime up;
	size_t *idx = NULL, n = 0, first;
	time_t *wall = NULL;
	int err, rc = EXIT_FAIL;

	kmsg_log_init(&log);
	/* several snapshots (--root A,B): the last one, as uptime does */
	err = sampler_open_last(&smp, "dmesg", co->root);
	if (err)
		return EXIT_FAIL;
	r = sampler_root(&smp);
	err = kmsg_read(r, &log);
	if (err) {
		explain_read_error(r, err);
		goto out;
	}
	idx = malloc((log.n + 1) * sizeof(*idx));
	if (!idx)
		goto out;
	for (size_t i = 0; i < log.n; i++)
		if (!a->levels || (a->levels & (1u << log.recs[i].level)))
			idx[n++] = i;
	first = a->tail >= 0 && (size_t)a->tail < n ? n - (size_t)a->tail : 0;
	if (a->ctime) {
		char path[4200];
		err = proc_uptime_read(r, &up);
		if (err) {
			err_errno("dmesg", err, "-T: cannot read %s",
				  root_path(r, ROOT_PROC, "uptime", path, sizeof(path)));
			goto out;
		}
		wall = malloc((n - first + 1) * sizeof(*wall));
		if (!wall)
			goto out;
		double now = (double)time(NULL);
		for (size_t i = first; i < n; i++)
			wall[i - first] = kmsg_time_wall(now, up.up_s, log.recs[idx[i]].ts_usec);
	}
	struct dmesg_view v = {
		.log = &log, .idx = idx + first, .n = n - first, .wall = wall, .decode = a->decode,
		.raw = a->raw,
	};
	if (co->json)
		dmesg_print_json(stdout, &v);
	else
		dmesg_print(stdout, &v);
	rc = EXIT_OK;
out:
	free(wall);
	free(idx);
	kmsg_log_free(&log);
	sampler_close(&smp);
	return rc;
}

int cmd_dmesg(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "ctime", no_argument, 0, 'T' },
		{ "decode", no_argument, 0, 'x' },
		{ "raw", no_argument, 0, 'r' },
		{ "level", required_argument, 0, 'l' },
		{ "tail", required_argument, 0, OPT_TAIL },
		{ 0 },
	};
	struct common_opts co;
	struct dmesg_args a = { .tail = -1 };
	int c;

	common_opts_init(&co);
	optind = 1;
	while ((c = getopt_long(argc, argv, "hTxrl:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &co))
			continue;
		switch (c) {
		case 'T': a.ctime = 1; break;
		case 'x': a.decode = 1; break;
		case 'r': a.raw = 1; break;
		case 'l':
			if (parse_levels(optarg, &a.levels)) {
				err_msg("dmesg", "unknown level in '%s'", optarg);
				opt_usage_hint("dmesg");
				return EXIT_USAGE;
			}
			break;
		case OPT_TAIL:
			if (opt_parse_long(optarg, 0, 100000000, &a.tail)) {
				err_msg("dmesg", "bad --tail count '%s'", optarg);
				opt_usage_hint("dmesg");
				return EXIT_USAGE;
			}
			break;
		default: opt_usage_hint("dmesg"); return EXIT_USAGE;
		}
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	if (a.raw && (a.decode || a.ctime)) {	/* util-linux: mutually exclusive */
		err_msg("dmesg", "-r cannot be combined with %s", a.decode ? "-x" : "-T");
		opt_usage_hint("dmesg");
		return EXIT_USAGE;
	}
	if (optind < argc) {
		err_msg("dmesg", "unexpected argument '%s'", argv[optind]);
		opt_usage_hint("dmesg");
		return EXIT_USAGE;
	}
	return run(&co, &a);
}
