/* triage df [-h] [-i] [-a]: capacity and inodes of every real filesystem, as
 * coreutils df prints them, and the space deleted-but-open files still hold. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/opts.h"
#include "model/df.h"
#include "sample/loop.h"
#include "sources/mountinfo.h"
#include "sources/proc_pid_fd.h"
#include "views/df.h"

static void help(void)
{
	puts("Usage: triage df [-h] [-i] [-a] [--json] [--root DIR[,DIR...]]\n"
	     "                 [--from TIME [--to TIME] [--store DIR]]\n"
	     "Size, used and available space (or inodes) of mounted filesystems, from\n"
	     "/proc/self/mountinfo and statvfs(), then the space held by deleted files\n"
	     "that processes still have open (freed only when they close them).\n"
	     "  -h, --human-readable  sizes in powers of 1024 (4.0K, 17G)\n"
	     "  -i, --inodes          inodes instead of blocks\n"
	     "  -a, --all             also pseudo, duplicate and empty filesystems\n"
	     "Pseudo filesystems (proc, sysfs, cgroup, devpts ...) are skipped by default,\n"
	     "as coreutils df does. Under --root DIR, sizes come from DIR/statvfs.\n"
	     "Without root, other users' open files are not seen (a count is printed).\n"
	     "A recorded window: its last sample, with the space the recorder read\n"
	     "(block-device and tmpfs filesystems; no open files).\n"
	     "Exit status: 0 ok, 1 mountinfo unreadable, 2 bad usage.");
}

/* The space of the sample's mounts and the open deleted files: statvfs()
 * of every mount live (coreutils' df), the tree's statvfs file under
 * --root, deleted files from /proc; recorded, the recorder's statvfs
 * (block-device and tmpfs mounts only) and no open files (said). */
static void spaces(const struct sample_loop *lp, struct sample *s, struct fd_scan *fds,
		   struct df_view *v)
{
	const struct root *r = sample_loop_root(lp);

	if (r) {
		mountinfo_statvfs(r, &s->mounts);
		v->have_fds = proc_pid_fd_scan_all(r, FDS_DELETED | FDS_LAZY_COMM, fds) == 0;
		v->fds_denied = fds->denied;
		return;
	}
	if (!s->have_statvfs)
		err_msg("df", "the recording holds no filesystem space (statvfs)");
	err_msg("df", "the recording holds no open files: the space of deleted open files is not shown");
}

int cmd_df(int argc, char **argv)
{
	enum { OPT_HELP = OPT_COMMON__END };
	static const struct option longopts[] = {
		{ "root", required_argument, 0, OPT_ROOT },
		{ "json", no_argument, 0, OPT_JSON },
		{ "no-color", no_argument, 0, OPT_NO_COLOR },
		{ "help", no_argument, 0, OPT_HELP },	/* -h is --human-readable */
		REPLAY_LONGOPTS,
		{ "human-readable", no_argument, 0, 'H' },
		{ "inodes", no_argument, 0, 'i' },
		{ "all", no_argument, 0, 'a' },
		{ 0 },
	};
	struct common_opts co;
	struct sample_want want = { .parts = SAMPLE_BIT(MOUNTINFO), .uptime_optional = true };
	struct sample_loop lp;
	struct sample *s;
	struct fd_scan fds;
	struct df_report rep = { 0 };
	struct df_view v = { 0 };
	int c, err, rc = EXIT_FAIL, all = 0;

	common_opts_init(&co);
	optind = 1;
	/* -h is --human-readable here, as in df (also inside "-ih"); --help
	 * is the long option only, with its own value */
	while ((c = getopt_long(argc, argv, "hia", longopts, NULL)) != -1) {
		if (c != 'h' && common_opt(c, optarg, &co))
			continue;
		switch (c) {
		case 'h': /* fall through: -h is --human-readable, as in df */
		case 'H': v.human = true; break;
		case 'i': v.inodes = true; break;
		case 'a': all = 1; break;
		case OPT_HELP: co.help = true; break;
		default: opt_usage_hint("df"); return EXIT_USAGE;
		}
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	if (optind < argc) {
		err_msg("df", "unexpected argument '%s'", argv[optind]);
		opt_usage_hint("df");
		return EXIT_USAGE;
	}
	err = sample_loop_open(&lp, "df", &co, &want);
	if (err)
		return sample_loop_exit(err);
	fd_scan_init(&fds);
	/* several snapshots (--root A,B): the last one, as uptime does; a
	 * recorded window: its last sample */
	err = sample_loop_last(&lp, &s);
	if (!err)
		err = sample_loop_require(&lp, s, SAMPLE_BIT(MOUNTINFO));
	if (err)
		goto out;
	spaces(&lp, s, &fds, &v);
	err = df_model(&s->mounts, v.have_fds ? &fds : NULL, all, &rep);
	if (err)
		goto out;
	v.rep = &rep;
	v.mi = &s->mounts;
	if (co.json)
		df_print_json(stdout, &v);
	else
		df_print(stdout, &v);
	rc = EXIT_OK;
out:
	df_report_free(&rep);
	fd_scan_free(&fds);
	sample_loop_close(&lp);
	return rc;
}
