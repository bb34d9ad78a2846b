/* sources/kmsg: /dev/kmsg records, dictionary lines, \xNN escapes, syslog(2) lines. */
#include "test.h"

#include "sources/kmsg.h"
#include "views/dmesg.h"

#define S(lit) lit, sizeof(lit) - 1

static const char *msg(const struct kmsg_log *l, size_t i)
{
	static char out[512];
	snprintf(out, sizeof(out), "%.*s", (int)l->recs[i].msg_len, l->text.p + l->recs[i].msg_off);
	return out;
}

static void test_record(void **state)
{
	struct kmsg_log l;
	size_t used;
	(void)state;
	kmsg_log_init(&l);
	/* prio 30 = facility 3 (daemon) << 3 | level 6 (info) */
	assert_int_equal(kmsg_parse_record(S("30,1234,5678901,-,caller=T1;hello world\n"), &l, &used), 0);
	assert_int_equal(used, 40);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.recs[0].facility, 3);
	assert_int_equal(l.recs[0].level, 6);
	assert_int_equal(l.recs[0].seq, 1234);
	assert_int_equal(l.recs[0].ts_usec, 5678901);
	assert_int_equal(l.recs[0].cont, 0);
	assert_string_equal(msg(&l, 0), "hello world");
	assert_int_equal(l.recs[0].dict_len, 0);
	kmsg_log_free(&l);
}

static void test_dict_and_escapes(void **state)
{
	struct kmsg_log l;
	size_t used;
	static const char rec[] = "3,5,1500000,c;a\\x09b \\x5c \\x1b[1m \\xZZ \\x4\n SUBSYSTEM=pci\n DEVICE=+pci:0000:00:1f.2\n";
	(void)state;
	kmsg_log_init(&l);
	assert_int_equal(kmsg_parse_record(rec, sizeof(rec) - 1, &l, &used), 0);
	assert_int_equal(used, sizeof(rec) - 1);	/* dictionary lines consumed too */
	assert_int_equal(l.recs[0].cont, 1);
	assert_int_equal(l.recs[0].level, 3);
	/* \x09 -> tab, \x5c -> backslash, \x1b -> ESC; bad escapes kept as text */
	assert_string_equal(msg(&l, 0), "a\tb \\ \x1b[1m \\xZZ \\x4");
	assert_int_equal(l.recs[0].dict_len, strlen("SUBSYSTEM=pci\nDEVICE=+pci:0000:00:1f.2\n"));
	assert_memory_equal(l.text.p + l.recs[0].dict_off, "SUBSYSTEM=pci\nDEVICE=+pci:0000:00:1f.2\n", l.recs[0].dict_len);
	kmsg_log_free(&l);
}

/* dmesg_print of every record of l (idx 0..n-1), optionally -x or -r. */
static const char *printed_as(const struct kmsg_log *l, bool decode, bool raw)
{
	static char out[2048];
	size_t idx[8];
	FILE *f = fmemopen(out, sizeof(out), "w");

	for (size_t i = 0; i < l->n && i < 8; i++)
		idx[i] = i;
	struct dmesg_view v = { .log = l, .idx = idx, .n = l->n < 8 ? l->n : 8, .decode = decode, .raw = raw };
	dmesg_print(f, &v);
	fclose(f);
	return out;
}

static const char *printed(const struct kmsg_log *l, bool decode)
{
	return printed_as(l, decode, false);
}

/* A message with the kernel's \x0a: util-linux 2.38 prints each further line
 * indented by the width of what precedes the message on the first line. */
/* kmsg_log_copy_rec: message, dictionary and header into another log (the
 * kernel-log follower keeps the classified records that way). */
static void test_copy_rec(void **state)
{
	struct kmsg_log a, b;
	static const char recs[] = "6,7,100,-;first\n"
				   "3,8,200,c;second\x09x\n SUBSYSTEM=pci\n";
	(void)state;
	kmsg_log_init(&a);
	kmsg_log_init(&b);
	assert_int_equal(kmsg_parse(S(recs), &a), 0);
	assert_int_equal(a.n, 2);
	assert_int_equal(kmsg_log_copy_rec(&b, &a, 1), 0);
	assert_int_equal(kmsg_log_copy_rec(&b, &a, 0), 0);
	assert_int_equal(b.n, 2);
	assert_string_equal(msg(&b, 0), "second\tx");
	assert_int_equal(b.recs[0].seq, 8);
	assert_int_equal(b.recs[0].level, 3);
	assert_int_equal(b.recs[0].cont, 1);
	assert_int_equal(b.recs[0].dict_len, a.recs[1].dict_len);
	assert_memory_equal(b.text.p + b.recs[0].dict_off, a.text.p + a.recs[1].dict_off, a.recs[1].dict_len);
	assert_string_equal(msg(&b, 1), "first");
	assert_int_equal(b.recs[1].dict_len, 0);
	assert_int_equal(b.recs[1].ts_usec, 100);
	kmsg_log_free(&a);
	kmsg_log_free(&b);
}

static void test_multiline(void **state)
{
	struct kmsg_log l;
	(void)state;
	kmsg_log_init(&l);
	assert_int_equal(kmsg_parse(S("6,1,2500000,-;amd_pstate: disabled by the BIOS.\\x0aPlease enable it.\n"
				      "4,2,123456789012,-;two\\x0a\\x09tabbed\\x0a\n"), &l), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(msg(&l, 0), "amd_pstate: disabled by the BIOS.\nPlease enable it.");
	assert_string_equal(printed(&l, false),
			    "[    2.500000] amd_pstate: disabled by the BIOS.\n"
			    "               Please enable it.\n"
			    /* 6 digits of seconds: a wider prefix, a wider indent; the
			     * final newline prints an empty line, unindented */
			    "[123456.789012] two\n"
			    "                \ttabbed\n"
			    "\n");
	assert_string_equal(printed(&l, true),
			    "kern  :info  : [    2.500000] amd_pstate: disabled by the BIOS.\n"
			    "                              Please enable it.\n"
			    "kern  :warn  : [123456.789012] two\n"
			    "                               \ttabbed\n"
			    "\n");
	/* -r: "<6>" widens the indent by 3 */
	assert_string_equal(printed_as(&l, false, true),
			    "<6>[    2.500000] amd_pstate: disabled by the BIOS.\n"
			    "                  Please enable it.\n"
			    "<4>[123456.789012] two\n"
			    "                   \ttabbed\n"
			    "\n");
	kmsg_log_free(&l);
}

/* Escaped bytes: decoded by the source, printed as util-linux does. */
static void test_print_escapes(void **state)
{
	struct kmsg_log l;
	(void)state;
	kmsg_log_init(&l);
	assert_int_equal(kmsg_parse(S("3,1,0,-;esc \\x1b[1m bs \\x5c cr \\x0d del \\x7f e \\xc3\\xa9 ff \\xff \\xZZ\n"), &l), 0);
	assert_string_equal(printed(&l, false),
			    "[    0.000000] esc \\x1b[1m bs \\ cr \\x0d del \\x7f e \xc3\xa9 ff \\xff \\xZZ\n");
	kmsg_log_free(&l);
}

static void test_bad_records(void **state)
{
	struct kmsg_log l;
	size_t used;
	(void)state;
	kmsg_log_init(&l);
	assert_int_equal(kmsg_parse_record(S("no semicolon here\n"), &l, &used), -EINVAL);
	assert_int_equal(used, 18);
	assert_int_equal(kmsg_parse_record(S("x,1,2,-;m\n"), &l, &used), -EINVAL);
	assert_int_equal(kmsg_parse_record(S("192,1,2,-;prio too big\n"), &l, &used), -EINVAL);
	assert_int_equal(kmsg_parse_record(S("6,1,2;no flags\n"), &l, &used), -EINVAL);
	assert_int_equal(kmsg_parse_record(S("6,1,99999999999999999999999,-;overflow\n"), &l, &used), -EINVAL);
	assert_int_equal(kmsg_parse_record("", 0, &l, &used), -ENODATA);
	assert_int_equal(l.n, 0);
	/* a buffer: good, bad, good (no final newline) */
	assert_int_equal(kmsg_parse(S("6,1,10,-;one\nbroken\n4,2,20,-;two"), &l), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.bad, 1);
	assert_string_equal(msg(&l, 1), "two");
	assert_int_equal(l.recs[1].ts_usec, 20);
	kmsg_log_free(&l);
}

static void test_syslog(void **state)
{
	struct kmsg_log l;
	(void)state;
	kmsg_log_init(&l);
	assert_int_equal(kmsg_parse_syslog(S("<6>[    0.000000] Linux version\n"
					     "<14>[12345.678901] from user\n"
					     "no prefix at all\n"
					     "<3>[   1.5] short fraction\n\n"), &l), 0);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.recs[0].level, 6);
	assert_int_equal(l.recs[0].ts_usec, 0);
	assert_string_equal(msg(&l, 0), "Linux version");
	assert_int_equal(l.recs[1].facility, 1);	/* 14 = 1 << 3 | 6 */
	assert_int_equal(l.recs[1].level, 6);
	assert_int_equal(l.recs[1].ts_usec, 12345678901ULL);
	assert_int_equal(l.recs[2].level, 4);	/* default_message_loglevel */
	assert_string_equal(msg(&l, 2), "no prefix at all");
	assert_int_equal(l.recs[3].ts_usec, 1500000);	/* "1.5" = 1 s + 500000 us */
	kmsg_log_free(&l);
}

static void test_fixture(void **state)
{
	struct root r;
	struct kmsg_log l;
	(void)state;
	kmsg_log_init(&l);
	assert_int_equal(root_open(&r, FIXTURES "kmsg"), 0);
	assert_int_equal(kmsg_read(&r, &l), 0);
	assert_int_equal(l.source, KMSG_FILE);
	assert_int_equal(l.n, 12);
	assert_int_equal(l.bad, 1);	/* "garbage line without semicolon" */
	assert_int_equal(l.recs[7].dict_len, strlen("SUBSYSTEM=cpu\n"));
	assert_string_equal(msg(&l, 8) + strlen(msg(&l, 8)) - 4, "end\n");	/* ends in \x0a */
	assert_int_equal(l.recs[9].facility, 1);	/* prio 12 */
	assert_int_equal(l.recs[9].level, 4);
	kmsg_log_free(&l);
	root_close(&r);
	assert_int_equal(kmsg_level_from_name("warn", 4), 4);
	assert_int_equal(kmsg_level_from_name("warning", 7), -1);
	assert_string_equal(kmsg_facility_name(23), "local7");
	assert_null(kmsg_facility_name(24));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record),
		cmocka_unit_test(test_dict_and_escapes),
		cmocka_unit_test(test_copy_rec),
		cmocka_unit_test(test_multiline),
		cmocka_unit_test(test_print_escapes),
		cmocka_unit_test(test_bad_records),
		cmocka_unit_test(test_syslog),
		cmocka_unit_test(test_fixture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
