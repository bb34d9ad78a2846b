/* triage slabtop -o [-s SORT]: procps slabtop's one-shot screen, from
 * /proc/slabinfo under the root. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "core/err.h"
#include "core/opts.h"
#include "core/sampler.h"
#include "model/slab.h"
#include "sources/proc_slabinfo.h"
#include "views/slabtop.h"

static void help(void)
{
	puts("Usage: triage slabtop [-o] [-s SORT] [--json] [--root DIR]\n"
	     "Kernel slab caches, as procps slabtop -o: the summary, then one line per cache.\n"
	     "  -o, --once       one screen and exit (the only mode; accepted for procps)\n"
	     "  -s, --sort KEY   a active objects, b objects per slab, c cache size,\n"
	     "                   l slabs, v active slabs, n name, o objects (default),\n"
	     "                   p pages per slab, s object size, u use\n"
	     "/proc/slabinfo is readable by root only.");
}

static int report(const struct common_opts *co, char key)
{
	struct sampler smp;
	struct proc_slabinfo s;
	struct slab_summary m;
	char path[4200];
	long page = sysconf(_SC_PAGESIZE);
	int err;

	if (sampler_open_last(&smp, "slabtop", co->root))
		return EXIT_FAIL;
	err = proc_slabinfo_read(sampler_root(&smp), &s);
	root_path(sampler_root(&smp), ROOT_PROC, "slabinfo", path, sizeof(path));
	sampler_close(&smp);
	if (err == -EACCES || err == -EPERM) {
		err_msg("slabtop", "cannot read %s: permission denied (root only)", path);
		return EXIT_FAIL;
	}
	if (err == -EINVAL) {
		err_msg("slabtop", "%s: not slabinfo version 2.x", path);
		return EXIT_FAIL;
	}
	if (err) {
		err_errno("slabtop", -err, "cannot read %s", path);
		return EXIT_FAIL;
	}
	slab_sort(&s, key, page > 0 ? (unsigned long)page : 4096);
	slab_summary(&s, &m);
	if (co->json)
		slabtop_print_json(stdout, &s, &m, page > 0 ? (unsigned long)page : 4096);
	else
		slabtop_print(stdout, &s, &m, page > 0 ? (unsigned long)page : 4096);
	proc_slabinfo_free(&s);
	return EXIT_OK;
}

int cmd_slabtop(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "once", no_argument, 0, 'o' },
		{ "sort", required_argument, 0, 's' },
		{ 0 },
	};
	struct common_opts co;
	char key = 'o';
	int c;

	common_opts_init(&co);
	optind = 1;
	while ((c = getopt_long(argc, argv, "hos:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &co))
			continue;
		switch (c) {
		case 'o': break;
		case 's':
			if (optarg[0] == '\0' || optarg[1] != '\0' || !slab_sort_valid(optarg[0])) {
				err_msg("slabtop", "bad sort key '%s' (one of a b c l v n o p s u)", optarg);
				return EXIT_USAGE;
			}
			key = optarg[0];
			break;
		default: opt_usage_hint("slabtop"); return EXIT_USAGE;
		}
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	if (optind < argc) {
		err_msg("slabtop", "unexpected argument '%s'", argv[optind]);
		opt_usage_hint("slabtop");
		return EXIT_USAGE;
	}
	return report(&co, key);
}
