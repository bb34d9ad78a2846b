/* core/opts: the strict number parsers and the keyword lists of sar -n and
 * mpstat -I. */
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
