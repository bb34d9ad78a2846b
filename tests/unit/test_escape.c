/* core/escape: terminal, JSON and XML escaping of hostile text. */
#include "test.h"

#include "core/escape.h"

/* Capture what a stream writer produces. */
static char *capture(void (*fn)(FILE *, const char *, size_t), const char *s, size_t len)
{
	static char out[1024];
	FILE *f = fmemopen(out, sizeof(out), "w");

	fn(f, s, len);
	fclose(f);
	return out;
}

static void test_utf8_decode(void **state)
{
	uint32_t cp;
	(void)state;
	assert_int_equal(utf8_decode((const unsigned char *)"A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode((const unsigned char *)"\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(utf8_decode((const unsigned char *)"\xe2\x82\xac", 3, &cp), 3);
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(utf8_decode((const unsigned char *)"\xf0\x9f\x98\x80", 4, &cp), 4);
	/* overlong '/', surrogate, above U+10FFFF, truncated, lone continuation */
	assert_int_equal(utf8_decode((const unsigned char *)"\xc0\xaf", 2, &cp), 0);
	assert_int_equal(utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &cp), 0);
	assert_int_equal(utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &cp), 0);
	assert_int_equal(utf8_decode((const unsigned char *)"\xe2\x82", 2, &cp), 0);
	assert_int_equal(utf8_decode((const unsigned char *)"\x80", 1, &cp), 0);
}

static void test_term(void **state)
{
	char out[64];
	(void)state;
	const char evil[] = "a\x1b[31mred\x07\n\\\xff\xc2\x9b\xe2\x80\xae" "é";
	esc_term(out, sizeof(out), evil, sizeof(evil) - 1);
	assert_string_equal(out, "a\\e[31mred\\x07\\n\\\\\\xff\\x9b\\u{202e}é");
	assert_null(strchr(out, 0x1b));
	/* truncation stops on a whole escape */
	esc_term(out, 6, "\x1b\x1b\x1b", 3);
	assert_string_equal(out, "\\e\\e");
	assert_int_equal(esc_term_width("é\x01", 3), 5);
}

static void test_term_stream(void **state)
{
	(void)state;
	assert_string_equal(capture(esc_term_fputs, "x\ty", 3), "x\\ty");
}

/* util-linux dmesg's convention: \xNN for each byte of what must not reach a
 * terminal raw; tab, backslash and valid UTF-8 raw. */
static void test_hex(void **state)
{
	(void)state;
	assert_string_equal(capture(esc_hex_fputs, "a\tb\\c", 5), "a\tb\\c");
	assert_string_equal(capture(esc_hex_fputs, "\x1b[1m\x01\x7f\r\n", 8),
			    "\\x1b[1m\\x01\\x7f\\x0d\\x0a");
	assert_string_equal(capture(esc_hex_fputs, "\xc3\xa9 \xe2\x82\xac", 6), "\xc3\xa9 \xe2\x82\xac");
	/* invalid byte, C1 control U+0085, bidi override U+202E: every byte */
	assert_string_equal(capture(esc_hex_fputs, "\xff\xc2\x85\xe2\x80\xae", 6),
			    "\\xff\\xc2\\x85\\xe2\\x80\\xae");
	assert_string_equal(capture(esc_hex_fputs, "x\0y", 3), "x\\x00y");
}

static void test_json(void **state)
{
	(void)state;
	assert_string_equal(capture(esc_json_fputs, "a\"b\\c\n", 6), "\"a\\\"b\\\\c\\n\"");
	assert_string_equal(capture(esc_json_fputs, "\x1b\xff<", 3), "\"\\u001b\\\\xff<\"");
	assert_string_equal(capture(esc_json_fputs, "é", 2), "\"é\"");
	assert_string_equal(capture(esc_json_fputs, "\xe2\x80\xa8", 3), "\"\\u2028\"");
}

static void test_xml(void **state)
{
	(void)state;
	assert_string_equal(capture(esc_xml_fputs, "<script>&\"'", 11),
			    "&lt;script&gt;&amp;&quot;&#39;");
	assert_string_equal(capture(esc_xml_fputs, "\x01\xfe", 2), "\\x01\\xfe");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_term),
		cmocka_unit_test(test_term_stream),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_xml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
