#include "core/opts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"

void common_opts_init(struct common_opts *co)
{
	const char *nc = getenv("NO_COLOR");

	co->root = NULL;
	co->json = false;
	co->help = false;
	co->from = co->to = co->store = NULL;
	co->color = isatty(STDOUT_FILENO) && !(nc && *nc);
}

bool common_opt(int c, const char *arg, struct common_opts *co)
{
	switch (c) {
	case OPT_ROOT:
		co->root = arg;
		return true;
	case OPT_JSON:
		co->json = true;
		return true;
	case OPT_NO_COLOR:
		co->color = false;
		return true;
	case OPT_FROM:
		co->from = arg;
		return true;
	case OPT_TO:
		co->to = arg;
		return true;
	case OPT_STORE:
		co->store = arg;
		return true;
	case 'h':
		co->help = true;
		return true;
	}
	return false;
}

int opt_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return -EINVAL;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int opt_parse_double(const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	if (!s || !*s)
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (*end || !isfinite(v))
		return -EINVAL;
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int opt_interval_count(const char *cmd, int argc, char **argv, int *optind,
		       double *interval, long *count, long default_count)
{
	*interval = 0;
	*count = default_count;
	if (*optind < argc) {
		if (opt_parse_double(argv[*optind], 0.01, 86400.0 * 365, interval)) {
			err_msg(cmd, "invalid interval '%s': want a number of seconds above 0",
				argv[*optind]);
			return -EINVAL;
		}
		(*optind)++;
		*count = -1;	/* an interval without a count runs until interrupted */
	}
	if (*optind < argc) {
		if (opt_parse_long(argv[*optind], 1, 1L << 40, count)) {
			err_msg(cmd, "invalid count '%s': want a whole number of at least 1",
				argv[*optind]);
			return -EINVAL;
		}
		(*optind)++;
	}
	if (*optind < argc) {
		err_msg(cmd, "unexpected argument '%s'", argv[*optind]);
		return -EINVAL;
	}
	return 0;
}

const char *opt_optional_word(int argc, char **argv)
{
	const char *w = optind < argc ? argv[optind] : NULL;
	double num;

	if (!w || !w[0] || w[0] == '-' || opt_parse_double(w, -1e300, 1e300, &num) == 0)
		return NULL;
	optind++;
	return w;
}

void opt_usage_hint(const char *cmd)
{
	fprintf(stderr, "Try 'triage %s --help'.\n", cmd);
}

int opt_parse_keywords(const char *arg, const struct opt_kw *kws, size_t n, unsigned *mask,
		       char *bad, size_t badsz)
{
	char buf[256], *t, *save = NULL;
	unsigned got = 0;

	snprintf(bad, badsz, "%s", "");
	if (strlen(arg) >= sizeof(buf)) {
		snprintf(bad, badsz, "%.32s...", arg);
		return -EINVAL;
	}
	snprintf(buf, sizeof(buf), "%s", arg);
	for (t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		size_t i;

		for (i = 0; i < n && strcmp(t, kws[i].kw) != 0; i++)
			;
		if (i == n) {
			snprintf(bad, badsz, "%s", t);
			return -EINVAL;
		}
		got |= kws[i].bits;
	}
	if (!got)
		return -EINVAL;
	*mask |= got;
	return 0;
}
