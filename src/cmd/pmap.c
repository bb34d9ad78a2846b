/* triage pmap [-x] PID...: procps pmap's default and -x screens, from
 * /proc/PID/smaps under the root. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/json.h"
#include "core/opts.h"
#include "core/sampler.h"
#include "sources/proc_pid.h"
#include "sources/proc_pid_smaps_list.h"
#include "views/pmap.h"

static void help(void)
{
	puts("Usage: triage pmap [-x] [--json] [--root DIR] PID...\n"
	     "The memory map of processes, as procps pmap, from /proc/PID/smaps.\n"
	     "  -x, --extended   Kbytes, RSS and Dirty of every mapping, and their totals\n"
	     "Another user's process needs root (ptrace read access).");
}

/* the joined command line, else "[comm]" as pmap prints a kernel thread */
static void cmdline(const struct root *r, int pid, char *out, size_t size)
{
	struct proc_pid_stat st;
	ssize_t n = proc_pid_cmdline_read(r, pid, 0, out, size);

	if (n > 0)
		return;
	if (proc_pid_stat_read(r, pid, 0, &st) == 0)
		snprintf(out, size, "[%s]", st.comm);
	else
		out[0] = '\0';
}

static int one(const struct root *r, int pid, bool ext, struct json *j)
{
	struct smaps_list l;
	struct pmap_view v = { .pid = pid, .maps = &l, .extended = ext };
	char cmd[4096], path[4200], rel[32];
	int bad = 0, err = proc_pid_smaps_list_read(r, pid, &l, &bad);

	snprintf(rel, sizeof(rel), "%d/smaps", pid);
	root_path(r, ROOT_PROC, rel, path, sizeof(path));
	if (err == -ENOENT || err == -ESRCH) {
		err_msg("pmap", "no process %d (no %s)", pid, path);
		return -1;
	}
	if (err == -EACCES || err == -EPERM) {
		err_msg("pmap", "cannot read %s: permission denied (%s)", path,
			geteuid() ? "another user's process: run as root" : "no ptrace access to it");
		return -1;
	}
	if (err == -EINVAL) {
		err_msg("pmap", "%s: malformed line %d", path, bad);
		return -1;
	}
	if (err) {
		err_errno("pmap", err, "cannot read %s", path);
		return -1;
	}
	cmdline(r, pid, cmd, sizeof(cmd));
	v.cmdline = cmd;
	if (j)
		pmap_json(j, &v);
	else
		pmap_print(stdout, &v);
	proc_pid_smaps_list_free(&l);
	return 0;
}

static int run(const struct common_opts *co, bool ext, int npids, char **pids)
{
	struct sampler smp;
	struct json j;
	int failed = 0;

	if (sampler_open_last(&smp, "pmap", co->root))
		return EXIT_FAIL;
	if (co->json) {
		json_init(&j, stdout, true);
		json_obj_begin(&j, NULL);
		json_str(&j, "command", "pmap");
		json_arr_begin(&j, "processes");
	}
	for (int i = 0; i < npids; i++)
		failed |= one(sampler_root(&smp), atoi(pids[i]), ext, co->json ? &j : NULL) != 0;
	if (co->json) {
		json_arr_end(&j);
		json_obj_end(&j);
		json_end(&j);
	}
	sampler_close(&smp);
	return failed ? EXIT_FAIL : EXIT_OK;
}

static int pid_ok(const char *s)
{
	char *e;
	long v;

	errno = 0;
	v = strtol(s, &e, 10);
	return !errno && e != s && *e == '\0' && v > 0 && v <= 4194304;
}

int cmd_pmap(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "extended", no_argument, 0, 'x' },
		{ 0 },
	};
	struct common_opts co;
	bool ext = false;
	int c;

	common_opts_init(&co);
	optind = 1;
	while ((c = getopt_long(argc, argv, "hx", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &co))
			continue;
		switch (c) {
		case 'x': ext = true; break;
		default: opt_usage_hint("pmap"); return EXIT_USAGE;
		}
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	if (optind >= argc) {
		err_msg("pmap", "a PID is needed");
		opt_usage_hint("pmap");
		return EXIT_USAGE;
	}
	for (int i = optind; i < argc; i++) {
		if (!pid_ok(argv[i])) {
			err_msg("pmap", "bad PID '%s'", argv[i]);
			return EXIT_USAGE;
		}
	}
	return run(&co, ext, argc - optind, argv + optind);
}
