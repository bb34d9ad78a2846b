/* Option helpers shared by every subcommand: the common long options
 * (--root, --json, --no-color, --help) and strict number parsing. */
#ifndef TRIAGE_CORE_OPTS_H
#define TRIAGE_CORE_OPTS_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

struct common_opts {
	const char *root;	/* --root DIR[,DIR...]; NULL means "/" */
	bool json;		/* --json */
	bool color;		/* colour allowed: stdout a tty, no NO_COLOR, no --no-color */
	bool help;		/* -h / --help */
	const char *from;	/* --from TIME: replay the flight recorder's store */
	const char *to;		/* --to TIME */
	const char *store;	/* --store DIR (NULL: the default store) */
};

enum {
	OPT_ROOT = 0x1000,
	OPT_JSON,
	OPT_NO_COLOR,
	OPT_FROM,
	OPT_TO,
	OPT_STORE,
	OPT_COMMON__END,	/* subcommands number their own long-only options from here */
};

/* Put these in a subcommand's struct option array (then its own, then {0}). */
#define COMMON_LONGOPTS \
	{ "root", required_argument, 0, OPT_ROOT }, \
	{ "json", no_argument, 0, OPT_JSON }, \
	{ "no-color", no_argument, 0, OPT_NO_COLOR }, \
	{ "help", no_argument, 0, 'h' }

/* The replay options, in the commands that run on the sample loop
 * (sample/loop.h): --from TIME [--to TIME] [--store DIR]. Commands without
 * them refuse the options as unknown. */
#define REPLAY_LONGOPTS \
	{ "from", required_argument, 0, OPT_FROM }, \
	{ "to", required_argument, 0, OPT_TO }, \
	{ "store", required_argument, 0, OPT_STORE }

/* Defaults: root "/", text, colour when stdout is a terminal and NO_COLOR unset. */
void common_opts_init(struct common_opts *co);

/* Handle one getopt_long result if it is a common option. Returns true when
 * it was. ('h' is common: put "h" in the short options.) */
bool common_opt(int c, const char *arg, struct common_opts *co);

/* Strict parsing: the whole string, in [min, max]. Return 0 or -EINVAL/-ERANGE. */
int opt_parse_long(const char *s, long min, long max, long *out);
int opt_parse_double(const char *s, double min, double max, double *out);

/* A word of a comma-separated keyword option (sar -n DEV,TCP; mpstat -I
 * SUM,CPU) and the bits it sets. */
struct opt_kw {
	const char *kw;
	unsigned bits;
};

/* OR into *mask the bits of each comma-separated word of arg (exact case,
 * as sysstat). Returns 0, or -EINVAL with the first unknown word in bad
 * (badsz bytes; "" for an empty list). */
int opt_parse_keywords(const char *arg, const struct opt_kw *kws, size_t n, unsigned *mask,
		       char *bad, size_t badsz);

/* The classic trailing "[interval [count]]". Consumes argv[*optind...]:
 * interval > 0 (seconds, fractions allowed), count >= 1. When absent,
 * *interval = 0 and *count = default_count. Prints the error itself and
 * returns -EINVAL on a bad or extra argument. */
int opt_interval_count(const char *cmd, int argc, char **argv, int *optind,
		       double *interval, long *count, long default_count);

/* The optional argument of the option getopt_long just returned, as the
 * next word (sysstat's "sar -u ALL", "pidstat -U root"): argv[optind] when
 * it is neither an option nor a number (an interval or a count), and optind
 * moves past it; NULL otherwise. Commands let getopt_long permute (no '+'
 * in the short options) so that options and this word may come before,
 * between or after the interval and count, as sysstat and procps accept. */
const char *opt_optional_word(int argc, char **argv);

/* Print "Try 'triage CMD --help'." after a usage error. */
void opt_usage_hint(const char *cmd);

#endif
