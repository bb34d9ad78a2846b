/* core/opts: the strict number parsers, the keyword lists of sar -n and
 * mpstat -I, and options with their optional word anywhere around the
 * interval and count (getopt_long permuting). */
#include "test.h"

#include "core/opts.h"

static void test_numbers(void **state)
{
	long l;
	double d;
	(void)state;
	assert_int_equal(opt_parse_long("42", 1, 100, &l), 0);
	assert_int_equal(l, 42);
	assert_int_not_equal(opt_parse_long("42x", 1, 100, &l), 0);
	assert_int_not_equal(opt_parse_long("", 1, 100, &l), 0);
	assert_int_not_equal(opt_parse_long("101", 1, 100, &l), 0);
	assert_int_not_equal(opt_parse_long("-1", 0, 100, &l), 0);
	assert_int_equal(opt_parse_double("0.5", 0.01, 10, &d), 0);
	assert_float_equal(d, 0.5, 1e-12);
	assert_int_not_equal(opt_parse_double("nan", 0.01, 10, &d), 0);
	assert_int_not_equal(opt_parse_double("0", 0.01, 10, &d), 0);
}

/* sar's shape: -u [ALL], -q [KW], -r [ALL] and -P LIST, then the numbers */
static int parse(int argc, char **argv, const char *words[3], double *ivl, long *count)
{
	static const struct option lo[] = { { 0 } };
	int c;

	optind = 0;	/* a new argv: getopt starts afresh */
	words[0] = words[1] = words[2] = "-";
	while ((c = getopt_long(argc, argv, "uqrP:", lo, NULL)) != -1) {
		const char *w = c == 'P' ? optarg : opt_optional_word(argc, argv);

		words[c == 'u' ? 0 : c == 'q' ? 1 : 2] = w ? w : "";
	}
	return opt_interval_count("t", argc, argv, &optind, ivl, count, 1);
}

static void test_optional_word(void **state)
{
	char *a[] = { "sar", "1", "-u", "ALL", "3", "-q", "-r", "ALL", NULL };
	char *b[] = { "sar", "-u", "1", "2", "-q", "CPU", NULL };
	char *c[] = { "sar", "2", "-P", "ALL", "-q", "1.5", NULL };
	char *d[] = { "sar", "1", "1", "2", "-u", NULL };
	const char *w[3];
	double ivl;
	long n;
	(void)state;
	assert_int_equal(parse(8, a, w, &ivl, &n), 0);
	assert_string_equal(w[0], "ALL");
	assert_string_equal(w[1], "");		/* the next word is an option */
	assert_string_equal(w[2], "ALL");
	assert_float_equal(ivl, 1, 1e-12);
	assert_int_equal(n, 3);
	assert_int_equal(parse(6, b, w, &ivl, &n), 0);
	assert_string_equal(w[0], "");		/* a number is the interval */
	assert_string_equal(w[1], "CPU");
	assert_int_equal(n, 2);
	/* 1.5 is a number, not -q's word: the count's place, refused there */
	assert_int_equal(parse(6, c, w, &ivl, &n), -EINVAL);
	assert_string_equal(w[2], "ALL");	/* -P's own argument */
	assert_string_equal(w[1], "");
	assert_int_equal(parse(5, d, w, &ivl, &n), -EINVAL);	/* a third number */
}

static void test_keywords(void **state)
{
	static const struct opt_kw kws[] = { { "DEV", 1 }, { "TCP", 2 }, { "ALL", 7 } };
	unsigned m = 0;
	char bad[16];
	(void)state;
	assert_int_equal(opt_parse_keywords("DEV,TCP", kws, 3, &m, bad, sizeof(bad)), 0);
	assert_int_equal(m, 3);
	assert_int_equal(opt_parse_keywords("ALL", kws, 3, &m, bad, sizeof(bad)), 0);
	assert_int_equal(m, 7);		/* ORed into what was there */
	m = 0;
	assert_int_equal(opt_parse_keywords("DEV,dev", kws, 3, &m, bad, sizeof(bad)), -EINVAL);
	assert_string_equal(bad, "dev");	/* exact case, as sysstat */
	assert_int_equal(m, 0);			/* nothing set on an error */
	assert_int_equal(opt_parse_keywords(",", kws, 3, &m, bad, sizeof(bad)), -EINVAL);
	assert_string_equal(bad, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_keywords),
		cmocka_unit_test(test_optional_word),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
