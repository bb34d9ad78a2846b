/* triage: Linux performance diagnosis from raw kernel data.
 * Dispatches to a subcommand; `triage` alone (or with only options) runs the
 * USE-method report when that command is built in. */
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "core/err.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
#define CMD(n, s) { #n, cmd_##n, s },
#include "cmd/commands.def"
#undef CMD
};

static const struct command *find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void usage(FILE *f)
{
	fputs("Usage: triage [OPTIONS]            USE-method report of the whole host\n"
	      "       triage COMMAND [OPTIONS]    one report, as the classic tool prints it\n"
	      "       triage COMMAND --help       that command's options\n\n"
	      "Commands:\n", f);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fputs("\nOptions every command takes:\n"
	      "  --root DIR[,DIR...]  read DIR/proc, DIR/sys ... instead of /; several\n"
	      "                       directories are successive snapshots, replayed\n"
	      "  --json               machine-readable output\n"
	      "  --no-color           no colour (NO_COLOR in the environment does the same)\n\n"
	      "Exit status of the commands: 0 ok, 1 could not do what was asked, 2 bad usage.\n"
	      "Exit status of the report: 0 nothing above info, 1 warning, 2 critical,\n"
	      "3 could not run.\n", f);
}

int main(int argc, char **argv)
{
	const struct command *c;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return EXIT_OK;
	}
	if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
		printf("triage %s\n", TRIAGE_VERSION);
		return EXIT_OK;
	}
	if (argc < 2 || argv[1][0] == '-') {
		c = find("triage");
		if (c)
			return c->fn(argc, argv);
		if (argc < 2) {
			usage(stderr);
			return EXIT_USAGE;
		}
		err_msg(NULL, "unknown option '%s'", argv[1]);
		fputs("Try 'triage --help'.\n", stderr);
		return EXIT_USAGE;
	}
	c = find(argv[1]);
	if (!c) {
		err_msg(NULL, "unknown command '%s'", argv[1]);
		fputs("Try 'triage --help'.\n", stderr);
		return EXIT_USAGE;
	}
	return c->fn(argc - 1, argv + 1);
}
