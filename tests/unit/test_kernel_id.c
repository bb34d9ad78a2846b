/* sources/kernel_id: one-line sysctl values, fixtures, missing files. */
#include "test.h"

#include "sources/kernel_id.h"

static void test_parse_line(void **state)
{
	char out[8];
	(void)state;
	kernel_id_parse_line("6.1.0\n", out, sizeof(out));
	assert_string_equal(out, "6.1.0");
	kernel_id_parse_line("averylonghostname\n", out, sizeof(out));
	assert_string_equal(out, "averylo");	/* truncated to 7 + NUL */
	kernel_id_parse_line("", out, sizeof(out));
	assert_string_equal(out, "");
}

static void test_read(void **state)
{
	struct root r;
	struct kernel_id id;
	(void)state;
	assert_int_equal(root_open(&r, FIXTURES "cpu64/t0"), 0);
	/* osrelease and hostname present, ostype missing: "Linux" */
	assert_int_equal(kernel_id_read(&r, &id), -ENOENT);
	assert_string_equal(id.release, "6.1.0-64cpu");
	assert_string_equal(id.hostname, "big64");
	assert_string_equal(id.sysname, "Linux");
	root_close(&r);
	assert_int_equal(root_open(&r, FIXTURES "swap"), 0);	/* no proc/ at all */
	assert_int_equal(kernel_id_read(&r, &id), -ENOENT);
	assert_string_equal(id.release, "?");
	assert_string_equal(id.hostname, "?");
	root_close(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_line),
		cmocka_unit_test(test_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
