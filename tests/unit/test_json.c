/* core/json: nesting, commas, escaping and unknown values. */
#include <math.h>
#include "test.h"

#include "core/fmt.h"
#include "core/json.h"

static void test_compact(void **state)
{
	char out[512] = { 0 };
	FILE *f = fmemopen(out, sizeof(out), "w");
	struct json j;
	(void)state;

	json_init(&j, f, false);
	json_obj_begin(&j, NULL);
	json_str(&j, "name", "a\"b");
	json_int(&j, "n", -3);
	json_double(&j, "pct", 12.345, 2);
	json_double(&j, "unknown", NAN, 2);
	json_arr_begin(&j, "list");
	json_uint(&j, NULL, 1);
	json_obj_begin(&j, NULL);
	json_bool(&j, "ok", true);
	json_obj_end(&j);
	json_arr_end(&j);
	json_arr_begin(&j, "empty");
	json_arr_end(&j);
	json_str(&j, "nul", NULL);
	json_obj_end(&j);
	json_end(&j);
	fclose(f);
	assert_string_equal(out, "{\"name\":\"a\\\"b\",\"n\":-3,\"pct\":12.35,\"unknown\":null,"
				 "\"list\":[1,{\"ok\":true}],\"empty\":[],\"nul\":null}\n");
}

static void test_pretty(void **state)
{
	char out[512] = { 0 };
	FILE *f = fmemopen(out, sizeof(out), "w");
	struct json j;
	(void)state;

	json_init(&j, f, true);
	json_obj_begin(&j, NULL);
	json_int(&j, "a", 1);
	json_arr_begin(&j, "b");
	json_int(&j, NULL, 2);
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
	fclose(f);
	assert_string_equal(out, "{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}\n");
}

/* Never "-0.00": a value that rounds to zero prints unsigned. */
static void test_negative_zero(void **state)
{
	char s[64], out[128] = { 0 };
	FILE *f = fmemopen(out, sizeof(out), "w");
	struct json j;
	(void)state;

	assert_string_equal(fmt_fixed(s, sizeof(s), 2, -1e-7), "0.00");
	assert_string_equal(fmt_fixed(s, sizeof(s), 2, -0.0), "0.00");
	assert_string_equal(fmt_fixed(s, sizeof(s), 2, -0.004), "0.00");
	assert_string_equal(fmt_fixed(s, sizeof(s), 2, -0.006), "-0.01");
	assert_string_equal(fmt_fixed(s, sizeof(s), 0, -0.4), "0");
	assert_string_equal(fmt_fixed(s, sizeof(s), 0, -1.0), "-1");
	assert_string_equal(fmt_fixed(s, sizeof(s), 1, -10.04), "-10.0");
	assert_string_equal(fmt_fixed(s, sizeof(s), 2, 0.0), "0.00");
	assert_string_equal(fmt_fixed(s, sizeof(s), 2, 3.14159), "3.14");
	json_init(&j, f, false);
	json_obj_begin(&j, NULL);
	json_double(&j, "a", -1e-9, 2);
	json_double(&j, "b", -0.5, 0);
	json_double(&j, "c", -2.5, 1);
	json_obj_end(&j);
	json_end(&j);
	fclose(f);
	assert_string_equal(out, "{\"a\":0.00,\"b\":0,\"c\":-2.5}\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compact),
		cmocka_unit_test(test_pretty),
		cmocka_unit_test(test_negative_zero),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
