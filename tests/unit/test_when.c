/* core/when: the --from / --to syntax, with TZ set and a fixed now.
 * Expected values computed by hand (python3 calendar.timegm). */
#include "test.h"

#include <time.h>

#include "core/when.h"

/* 2026-12-03 12:00:00 UTC */
#define NOW 1796299200
#define NS 1000000000ll

static int64_t p(const char *s)
{
	int64_t t = 0;
	char why[200];
	assert_int_equal(when_parse(s, NOW, &t, why, sizeof(why)), 0);
	return t / NS;
}

static void bad(const char *s)
{
	int64_t t;
	char why[200];
	assert_int_equal(when_parse(s, NOW, &t, why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "unknown time"));
	assert_non_null(strstr(why, "YYYY-MM-DD HH:MM[:SS]"));
}

static void test_utc(void **state)
{
	(void)state;
	setenv("TZ", "UTC0", 1);
	tzset();
	assert_int_equal(p("2026-12-03 03:00"), 1796266800);
	assert_int_equal(p("2026-12-03 03:00:07"), 1796266807);
	assert_int_equal(p("2026-12-03T03:00"), 1796266800);
	assert_int_equal(p("2026-12-03"), 1796266800 - 3 * 3600);
	assert_int_equal(p("03:00"), 1796266800);		/* today */
	assert_int_equal(p("03:00:00"), 1796266800);		/* sysstat's -s form */
	assert_int_equal(p("3:00"), 1796266800);
	assert_int_equal(p("yesterday 23:00"), 1796252400);
	assert_int_equal(p("yesterday"), 1796252400 - 23 * 3600);
	assert_int_equal(p("today 03:00"), 1796266800);
	assert_int_equal(p("-2h"), NOW - 7200);
	assert_int_equal(p("-30m"), NOW - 1800);
	assert_int_equal(p("-90s"), NOW - 90);
	assert_int_equal(p("-1d"), NOW - 86400);
	assert_int_equal(p("-1h30m"), NOW - 5400);
	assert_int_equal(p("@1796300000"), 1796300000);
	assert_int_equal(p("now"), NOW);
	int64_t t;
	assert_int_equal(when_parse("@1796300000.25", NOW, &t, NULL, 0), 0);
	assert_true(t == 1796300000ll * NS + 250000000);
	/* the first of a month: yesterday is the last of the previous one */
	assert_int_equal(when_parse("yesterday 23:00", 1796083200 /* 2026-12-01 00:00 */, &t, NULL, 0), 0);
	assert_true(t / NS == 1796083200 - 3600);
}

/* Local time: Central European, no tzdata needed (a POSIX TZ string). */
static void test_local(void **state)
{
	(void)state;
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	/* 03:00 CET (winter, UTC+1) is 02:00 UTC */
	assert_int_equal(p("2026-12-03 03:00"), 1796266800 - 3600);
	assert_int_equal(p("03:00"), 1796266800 - 3600);
	assert_int_equal(p("yesterday 23:00"), 1796252400 - 3600);
	/* summer: 2026-07-01 12:00 CEST is 10:00 UTC */
	assert_int_equal(p("2026-07-01 12:00"), 1782900000);
	/* relative and epoch times do not depend on TZ */
	assert_int_equal(p("-2h"), NOW - 7200);
	assert_int_equal(p("@1796300000"), 1796300000);
	/* near midnight: "today" is the local date (00:30 CET on the 4th is
	 * 23:30 UTC on the 3rd) */
	int64_t t;
	assert_int_equal(when_parse("01:00", 1796340600, &t, NULL, 0), 0);
	assert_true(t / NS == 1796342400);	/* 2026-12-04 00:00 UTC */
	setenv("TZ", "UTC0", 1);
	tzset();
}

static void test_bad(void **state)
{
	(void)state;
	setenv("TZ", "UTC0", 1);
	tzset();
	bad("");
	bad("tomorrow");
	bad("25:00");
	bad("03:60");
	bad("03:00:61");
	bad("03:0");
	bad("2026-13-01 00:00");
	bad("2026-02-30 00:00");
	bad("2026-12-03 03:00 extra");
	bad("-2x");
	bad("-");
	bad("-h");
	bad("@");
	bad("@12x");
	bad("yesterday 3");
	bad("03:00:00:00");
}

static void test_window(void **state)
{
	int64_t f, t;
	char why[200];
	(void)state;
	setenv("TZ", "UTC0", 1);
	tzset();
	assert_int_equal(when_window("03:00", "04:00", NOW, &f, &t, why, sizeof(why)), 0);
	assert_true(f / NS == 1796266800 && t / NS == 1796266800 + 3600);
	assert_int_equal(when_window(NULL, NULL, NOW, &f, &t, why, sizeof(why)), 0);
	assert_true(f == INT64_MIN && t / NS == NOW);
	assert_int_equal(when_window("04:00", "03:00", NOW, &f, &t, why, sizeof(why)), -EINVAL);
	assert_string_equal(why, "--from 04:00 is after --to 03:00");
	assert_int_equal(when_window("-2h", "bogus", NOW, &f, &t, why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "--to: unknown time 'bogus'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utc),
		cmocka_unit_test(test_local),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_window),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
