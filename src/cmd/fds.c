/* triage fds [-p PID] [--top N]: who holds the most file descriptors, against
 * their RLIMIT_NOFILE, the system file table, and every deleted-but-open file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/err.h"
#include "core/opts.h"
#include "core/sampler.h"
#include "model/fds.h"
#include "sources/proc_pid_fd.h"
#include "sources/proc_pid_limits.h"
#include "sources/proc_sys_fs.h"
#include "views/fds.h"

enum { OPT_TOP = OPT_COMMON__END };

static void help(void)
{
	puts("Usage: triage fds [-p PID] [--top N] [--json] [--root DIR]\n"
	     "Open file descriptors: the system file table (file-nr against file-max),\n"
	     "the processes holding the most descriptors with their share of the soft\n"
	     "and hard RLIMIT_NOFILE and a count by type, and every file that was\n"
	     "deleted but is still open (what lsof +L1 lists) with its size and holder.\n"
	     "  -p, --pid PID   only this process\n"
	     "      --top N     how many processes to list (default 10)\n"
	     "Without root, other users' descriptors can't be read: they are counted\n"
	     "as unreadable.\n"
	     "Exit status: 0 ok, 1 PID missing or unreadable, 2 bad usage.");
}

struct fds_args {
	long pid;	/* 0: all */
	long top;
};

static int scan(const struct root *r, const struct fds_args *a, struct fd_scan *s)
{
	char rel[32], path[4200];
	int err;

	if (!a->pid) {
		err = proc_pid_fd_scan_all(r, FDS_DELETED | FDS_LAZY_COMM, s);
		if (err)
			err_errno("fds", err, "cannot list %s", root_path(r, ROOT_PROC, "", path, sizeof(path)));
		return err;
	}
	snprintf(rel, sizeof(rel), "%ld/fd", a->pid);
	err = proc_pid_fd_scan_pid(r, (pid_t)a->pid, FDS_DELETED | FDS_LAZY_COMM, s);
	fd_scan_finish(s);
	if (err == -ENOENT || err == -ESRCH)
		err_msg("fds", "no process with PID %ld", a->pid);
	else if (err == -EACCES)
		err_msg("fds", "cannot read %s: Permission denied (%s)",
			root_path(r, ROOT_PROC, rel, path, sizeof(path)),
			geteuid() ? "another user's process: run as root" : "no ptrace access to it");
	else if (err)
		err_errno("fds", err, "cannot read %s", root_path(r, ROOT_PROC, rel, path, sizeof(path)));
	return err;
}

static int run(const struct common_opts *co, const struct fds_args *a)
{
	struct sampler smp;
	const struct root *r;
	struct fd_scan s;
	struct fds_view v = { 0 };
	struct fds_row *rows = NULL;
	size_t *idx = NULL;
	int err, rc = EXIT_FAIL;

	/* several snapshots (--root A,B): the last one, as uptime does */
	err = sampler_open_last(&smp, "fds", co->root);
	if (err)
		return EXIT_FAIL;
	r = sampler_root(&smp);
	fd_scan_init(&s);
	if (scan(r, a, &s))
		goto out;
	idx = calloc((size_t)a->top + 1, sizeof(*idx));
	rows = calloc((size_t)a->top + 1, sizeof(*rows));
	if (!idx || !rows)
		goto out;
	v.nrows = fds_model_top(&s, (size_t)a->top, idx);
	for (size_t i = 0; i < v.nrows; i++) {
		struct proc_pid_limits lim;
		const struct fd_proc *p = &s.procs[idx[i]];
		int le = proc_pid_limits_read(r, p->pid, &lim);
		fds_model_row(&rows[i], p, le ? NULL : &lim);
	}
	/* names of the processes shown */
	for (size_t i = 0; i < v.nrows; i++)
		fd_scan_comm(r, fd_scan_proc_mut(&s, rows[i].p->pid));
	for (size_t i = 0; i < s.ndels; i++) {
		struct fd_proc *p = fd_scan_proc_mut(&s, s.dels[i].pid);
		if (p)
			fd_scan_comm(r, p);
	}
	v.scan = &s;
	v.rows = rows;
	v.one_pid = a->pid != 0;
	v.have_file_nr = proc_sys_fs_read(r, &v.file_nr) == 0;
	if (v.have_file_nr)
		v.file_nr_pct = fds_model_file_nr_pct(&v.file_nr);
	else if (!a->pid)
		err_msg("fds", "file-nr unavailable (no proc/sys/fs/file-nr)");
	if (co->json)
		fds_print_json(stdout, &v);
	else
		fds_print(stdout, &v);
	rc = EXIT_OK;
out:
	free(rows);
	free(idx);
	fd_scan_free(&s);
	sampler_close(&smp);
	return rc;
}

int cmd_fds(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "pid", required_argument, 0, 'p' },
		{ "top", required_argument, 0, OPT_TOP },
		{ 0 },
	};
	struct common_opts co;
	struct fds_args a = { .top = 10 };
	int c;

	common_opts_init(&co);
	optind = 1;
	while ((c = getopt_long(argc, argv, "hp:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &co))
			continue;
		switch (c) {
		case 'p':
			if (opt_parse_long(optarg, 1, 0x7fffffff, &a.pid)) {
				err_msg("fds", "bad PID '%s'", optarg);
				opt_usage_hint("fds");
				return EXIT_USAGE;
			}
			break;
		case OPT_TOP:
			if (opt_parse_long(optarg, 1, 1000000, &a.top)) {
				err_msg("fds", "bad --top count '%s'", optarg);
				opt_usage_hint("fds");
				return EXIT_USAGE;
			}
			break;
		default: opt_usage_hint("fds"); return EXIT_USAGE;
		}
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	if (optind < argc) {
		err_msg("fds", "unexpected argument '%s'", argv[optind]);
		opt_usage_hint("fds");
		return EXIT_USAGE;
	}
	return run(&co, &a);
}
