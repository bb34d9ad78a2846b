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
	puts("Usage: triage df [-h] [-i] [-a] [--deleted|--no-deleted] [--json]\n"
	     "                 [--root DIR[,DIR...]]\n"
	     "                 [--from TIME [--to TIME] [--store DIR]]\n"
	     "Size, used and available space (or inodes) of mounted filesystems, from\n"
	     "/proc/self/mountinfo and statvfs(), then the space held by deleted files\n"
	     "that processes still have open (freed only when they close them).\n"
	     "  -h, --human-readable  sizes in powers of 1024 (4.0K, 17G)\n"
	     "  -i, --inodes          inodes instead of blocks\n"
	     "  -a, --all             also pseudo, duplicate and empty filesystems\n"
	     "  --deleted             always list deleted-but-open files\n"
	     "  --no-deleted          never (the table alone, as coreutils df)\n"
	     "By default deleted-but-open files are looked for only when a listed\n"
	     "filesystem is more than 90 % used (fs.full's threshold): finding them reads\n"
	     "every process's /proc/PID/fd, which costs ~30 us a process.\n"
	     "Pseudo filesystems (proc, sysfs, cgroup, devpts ...) are skipped by default,\n"
	     "as coreutils df does. Under --root DIR, sizes come from DIR/statvfs.\n"
	     "Without root, other users' open files are not seen (a count is printed).\n"
	     "A recorded window: its last sample, with the space the recorder read\n"
	     "(block-device and tmpfs filesystems; no open files).\n"
	     "Exit status: 0 ok, 1 mountinfo unreadable, 2 bad usage.");
}

enum deleted_mode { DELETED_AUTO, DELETED_ALWAYS, DELETED_NEVER };

/* fs.full's warning threshold: from here on, the space deleted files hold
 * is worth the scan of every process's fds */
#define DF_DELETED_AUTO_PCT 90.0

static bool any_full(const struct df_report *rep)
{
	for (size_t i = 0; i < rep->n; i++)
		if (rep->rows[i].ok && rep->rows[i].use_pct > DF_DELETED_AUTO_PCT)
			return true;
	return false;
}

/* The space of the sample's mounts: statvfs() of every mount live
 * (coreutils' df), the tree's statvfs file under --root; recorded, the
 * recorder's statvfs (block-device and tmpfs mounts only). Then the model,
 * and again with the deleted-but-open files (from /proc) when asked or when a
 * filesystem is nearly full; a recording holds no open files (said when
 * they were asked for or would have been looked for). */
static int spaces(const struct sample_loop *lp, struct sample *s, struct fd_scan *fds,
		  enum deleted_mode mode, bool all, struct df_report *rep, struct df_view *v)
{
	const struct root *r = sample_loop_root(lp);
	int err;

	if (r)
		mountinfo_statvfs(r, &s->mounts);
	else if (!s->have_statvfs)
		err_msg("df", "the recording holds no filesystem space (statvfs)");
	err = df_model(&s->mounts, NULL, all, rep);
	if (err || mode == DELETED_NEVER || (mode == DELETED_AUTO && !any_full(rep)))
		return err;
	if (!r) {
		err_msg("df", "the recording holds no open files: the space of deleted open files is not shown");
		return 0;
	}
	v->have_fds = proc_pid_fd_scan_all(r, FDS_DELETED | FDS_LAZY_COMM, fds) == 0;
	v->fds_denied = fds->denied;
	if (!v->have_fds)
		return 0;
	df_report_free(rep);
	return df_model(&s->mounts, fds, all, rep);
}

int cmd_df(int argc, char **argv)
{
	enum { OPT_HELP = OPT_COMMON__END, OPT_DELETED, OPT_NO_DELETED };
	static const struct option longopts[] = {
		{ "root", required_argument, 0, OPT_ROOT },
		{ "json", no_argument, 0, OPT_JSON },
		{ "no-color", no_argument, 0, OPT_NO_COLOR },
		{ "help", no_argument, 0, OPT_HELP },	/* -h is --human-readable */
		REPLAY_LONGOPTS,
		{ "human-readable", no_argument, 0, 'H' },
		{ "inodes", no_argument, 0, 'i' },
		{ "all", no_argument, 0, 'a' },
		{ "deleted", no_argument, 0, OPT_DELETED },
		{ "no-deleted", no_argument, 0, OPT_NO_DELETED },
		{ 0 },
	};
	struct common_opts co;
	struct sample_want want = { .parts = SAMPLE_BIT(MOUNTINFO), .uptime_optional = true };
	struct sample_loop lp;
	struct sample *s;
	struct fd_scan fds;
	struct df_report rep = { 0 };
	struct df_view v = { 0 };
	enum deleted_mode mode = DELETED_AUTO;
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
		case OPT_DELETED: mode = DELETED_ALWAYS; break;
		case OPT_NO_DELETED: mode = DELETED_NEVER; break;
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
	err = spaces(&lp, s, &fds, mode, all, &rep, &v);
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
