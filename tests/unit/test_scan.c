/* sources/scan.h: the bounded hex scanner the maps, perf-map, kallsyms and
 * kmsg readers share. */
#include "test.h"

#include "sources/scan.h"

static void test_hex(void **state)
{
	const char *s, *e;
	uint64_t v;
	(void)state;
	s = "7f3a-x";
	e = scan_hex(s, s + 6, &v);
	assert_ptr_equal(e, s + 4);
	assert_true(v == 0x7f3a);
	s = "FFFFffffFFFFffff ";	/* 16 digits, either case: the most */
	e = scan_hex(s, s + 17, &v);
	assert_ptr_equal(e, s + 16);
	assert_true(v == UINT64_MAX);
	s = "10000000000000000";	/* 17 digits: more than 64 bits */
	assert_null(scan_hex(s, s + 17, &v));
	s = "-1";
	assert_null(scan_hex(s, s + 2, &v));	/* no digit */
	s = "abc";
	e = scan_hex(s, s + 2, &v);		/* stops at end, not at the NUL */
	assert_ptr_equal(e, s + 2);
	assert_true(v == 0xab);
	assert_int_equal(scan_xdigit('g'), -1);
	assert_int_equal(scan_xdigit('F'), 15);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hex),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
