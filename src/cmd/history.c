/* triage history [--store DIR] [--json]: what the flight recorder's store
 * holds: the recorded ranges, their interval, what separates them (gaps,
 * recorder restarts, reboots, damage), the damage, the size on disk. */
#include <errno.h>
#include <stdio.h>

#include "core/err.h"
#include "core/opts.h"
#include "store/store.h"
#include "views/history.h"

static void help(void)
{
	puts("Usage: triage history [--store DIR] [--json]\n"
	     "What the flight recorder (triage record) has stored: each range of samples\n"
	     "without a break, its interval and record count, and what began it (the first\n"
	     "record kept, a gap, a recorder restart, a reboot, an interval change, damage);\n"
	     "the damaged time ranges; the size on disk. Times are local (TZ).\n"
	     "  --store DIR    the store (default " STORE_DEFAULT_DIR ")\n"
	     "  --json         one JSON document\n"
	     "Exit status: 0 ok (damage is reported, not an error), 1 the store cannot be\n"
	     "read (missing, not a store, permission, newer format), 2 bad usage.");
}

int cmd_history(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "store", required_argument, 0, OPT_STORE },
		{ 0 },
	};
	struct common_opts co;
	const char *dir = STORE_DEFAULT_DIR;
	struct store *st;
	struct store_hist h;
	char why[512];
	int c, err;

	common_opts_init(&co);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == OPT_STORE) {
			dir = optarg;
			continue;
		}
		if (common_opt(c, optarg, &co))
			continue;
		opt_usage_hint("history");
		return EXIT_USAGE;
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	if (optind < argc) {
		err_msg("history", "unexpected argument '%s'", argv[optind]);
		opt_usage_hint("history");
		return EXIT_USAGE;
	}
	if (co.root)
		err_msg("history", "--root does not apply to a store; use --store DIR");
	err = store_open_read(&st, dir, why, sizeof(why));
	if (err) {
		err_msg("history", "%s", why);
		return EXIT_FAIL;
	}
	err = store_history(st, &h);
	if (err) {
		err_errno("history", err, "cannot read %s", dir);
		store_close(st);
		return EXIT_FAIL;
	}
	if (co.json)
		history_print_json(stdout, dir, &h);
	else
		history_print(stdout, dir, &h);
	store_hist_free(&h);
	store_close(st);
	return EXIT_OK;
}
