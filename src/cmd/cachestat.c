/* triage cachestat FILE|DIR...: how much of each file is in the page cache
 * (vmtouch's view), from cachestat(2), mincore(2) before Linux 6.5; without
 * a FILE, the system-wide form (cmd/cachestat_sys.c). */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cmd/bpf_cmd.h"
#include "cmd/cachestat_sys.h"
#include "core/err.h"
#include "core/opts.h"
#include "sources/file_cache.h"
#include "views/cachestat.h"

#define MAX_FILES 100000

static void help(void)
{
	puts("Usage: triage cachestat [--json] FILE|DIR...\n"
	     "How much of each file is in the page cache: its pages, those cached, and\n"
	     "(Linux 6.5+, the cachestat(2) syscall) dirty, under writeback, evicted and\n"
	     "recently evicted; before 6.5, mincore(2): cached pages only (\"-\" elsewhere).\n"
	     "A directory is walked (regular files, no symlinks followed, one filesystem).\n"
	     "Nothing is read, so nothing is brought into the cache.\n"
	     "Exit status: 0 ok, 1 a file could not be measured, 2 usage.\n"
	     "TRIAGE_CACHESTAT_MINCORE=1 forces the mincore(2) path.\n");
	cachestat_sys_help();
}

/* The system-wide form: no argument left, or a number first. */
static bool sys_form(int argc, char **argv, int first)
{
	double v;

	return first >= argc || !opt_parse_double(argv[first], 0, 1e12, &v);
}

static int parse_opt(struct bpf_cmd *bc, struct cachestat_sys_opts *o, int opt, const char *arg,
		     bool *sys_only)
{
	*sys_only = true;
	switch (opt) {
	case 'p': return bpf_cmd_pid(bc, arg, &o->pid);
	case 'd':
		if (!opt_parse_double(arg, 0.001, 1e9, &o->duration))
			return 0;
		err_msg("cachestat", "invalid duration '%s'", arg);
		return EXIT_USAGE;
	case 'T': o->timestamp = true; return 0;
	case 'v': bc->verbose = true; return 0;
	}
	opt_usage_hint("cachestat");
	return EXIT_USAGE;
}

struct walk {
	struct cachestat_row *rows;
	size_t n, cap;
	bool mincore;
	int failed;
};

static int add(struct walk *w, const char *path)
{
	struct cachestat_row *p;
	int fd, err;

	if (w->n >= MAX_FILES)
		return -E2BIG;
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		p = realloc(w->rows, w->cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		w->rows = p;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	err = file_cache_fd(fd, w->mincore, &w->rows[w->n].c);
	close(fd);
	if (err)
		return err;
	w->rows[w->n].path = strdup(path);
	if (!w->rows[w->n].path)
		return -ENOMEM;
	w->n++;
	return 0;
}

static void measure(struct walk *w, const char *arg, int depth, dev_t dev);

/* A directory's entries, depth-first: regular files, and directories on the
 * same filesystem; symlinks are not followed. */
static void walk_dir(struct walk *w, const char *dir, int depth, dev_t dev)
{
	char path[4096];
	struct dirent *d;
	DIR *dp = opendir(dir);

	if (!dp) {
		err_errno("cachestat", -errno, "cannot list %s", dir);
		w->failed = 1;
		return;
	}
	while ((d = readdir(dp)) && w->n < MAX_FILES) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, d->d_name) >= sizeof(path))
			continue;
		measure(w, path, depth + 1, dev);
	}
	closedir(dp);
}

/* arg on the command line (depth 0: followed if a symlink), or found in a
 * directory walk (dev: the walk's filesystem). */
static void measure(struct walk *w, const char *arg, int depth, dev_t dev)
{
	struct stat st;
	int err;

	if ((depth ? lstat(arg, &st) : stat(arg, &st)) != 0) {
		err_errno("cachestat", -errno, "cannot measure %s", arg);
		w->failed = 1;
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (depth < 32 && (!depth || st.st_dev == dev))
			walk_dir(w, arg, depth, st.st_dev);
		return;
	}
	if (!S_ISREG(st.st_mode))
		return;
	err = add(w, arg);
	if (err) {
		err_errno("cachestat", err, "cannot measure %s", arg);
		w->failed = 1;
	}
}

int cmd_cachestat(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "pid", required_argument, 0, 'p' },
		{ "duration", required_argument, 0, 'd' },
		{ "timestamp", no_argument, 0, 'T' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	const char *env = getenv("TRIAGE_CACHESTAT_MINCORE");
	struct cachestat_sys_opts so = { 0 };
	struct bpf_cmd bc;
	struct walk w = { 0 };
	bool sys_opts = false, sys_only;
	int c, rc;

	bpf_cmd_init(&bc, "cachestat");
	optind = 1;
	while ((c = getopt_long(argc, argv, "hp:d:Tv", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &bc.co))
			continue;
		if ((rc = parse_opt(&bc, &so, c, optarg, &sys_only)))
			return rc;
		sys_opts |= sys_only;
	}
	if (bc.co.help) {
		help();
		return EXIT_OK;
	}
	if (sys_form(argc, argv, optind)) {
		rc = cachestat_sys_run(&bc, &so, argc, argv, optind);
		bpf_cmd_end(&bc);
		return rc;
	}
	if (sys_opts) {
		err_msg("cachestat", "-p, -d, -T and -v are for the system-wide form (no FILE)");
		opt_usage_hint("cachestat");
		return EXIT_USAGE;
	}
	w.mincore = env && strcmp(env, "1") == 0;
	for (int i = optind; i < argc; i++)
		measure(&w, argv[i], 0, 0);
	if (bc.co.json)
		cachestat_print_json(stdout, w.rows, w.n);
	else
		cachestat_print(stdout, w.rows, w.n);
	for (size_t i = 0; i < w.n; i++)
		free((void *)w.rows[i].path);
	free(w.rows);
	return w.failed ? EXIT_FAIL : EXIT_OK;
}
