/* views/filetop.c and views/tcptop.c on literal tables: sort keys, row
 * limits, nameless pipes and sockets, escaped names, KB rounding, both
 * address families, and the JSON lines. */
#include "test.h"

#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "views/filetop.h"
#include "views/tcptop.h"

static char *file_out(struct filetop_view *v, struct filetop_table *t, uint64_t lost)
{
	char *buf = NULL;
	size_t len = 0;

	v->f = open_memstream(&buf, &len);
	assert_non_null(v->f);
	filetop_sort(v, t);
	filetop_print(v, t, "0.10 0.20 0.30 1/100 42", lost);
	fclose(v->f);
	return buf;
}

static void test_filetop(void **state)
{
	struct filetop_row r[3] = {
		{ .k = { .ino = 11, .dev = (8u << 20) | 1, .pid = 10, .tid = 10 },
		  .v = { .reads = 1, .rbytes = 5000, .comm = "cat", .name = "a.txt", .type = 'R', .fmt = S_IFREG >> 12 } },
		{ .k = { .ino = 12, .pid = 20, .tid = 21 },
		  .v = { .writes = 3, .wbytes = 3072, .comm = "w\x1b[31m", .name = "b\x1b[2J", .type = 'R', .fmt = S_IFREG >> 12 } },
		{ .k = { .ino = 777, .pid = 30, .tid = 30 },
		  .v = { .reads = 9, .writes = 9, .comm = "sh", .type = 'O', .fmt = S_IFIFO >> 12 } },
	};
	struct filetop_table t = { .r = r, .n = 3, .cap = 3 };
	struct filetop_view v = { .maxrows = 0 };
	char *out;

	(void)state;
	/* all: calls + bytes: 5001, 3075, 18 */
	out = file_out(&v, &t, 0);
	assert_int_equal(t.r[0].k.pid, 10);
	assert_int_equal(t.r[2].k.pid, 30);
	assert_non_null(strstr(out, "loadavg: 0.10 0.20 0.30 1/100 42\n"));
	assert_non_null(strstr(out, "PID     TID     COMM             READS  WRITES R_Kb    W_Kb    T FILE\n"));
	assert_non_null(strstr(out, "10      10      cat              1      0      4       0       R a.txt\n"));
	assert_non_null(strstr(out, " O pipe:[777]\n"));
	assert_null(strchr(out, '\x1b'));	/* escaped comm and name */
	free(out);
	/* by writes, two rows, one lost call */
	assert_int_equal(filetop_sort_parse("writes", &v.sort), 0);
	assert_int_equal(filetop_sort_parse("bogus", &v.sort), -EINVAL);
	v.sort = FILETOP_SORT_WRITES;
	v.maxrows = 2;
	out = file_out(&v, &t, 1);
	assert_int_equal(t.r[0].k.pid, 30);
	assert_int_equal(t.r[1].k.pid, 20);
	assert_null(strstr(out, "a.txt"));
	assert_non_null(strstr(out, "(1 calls not counted"));
	free(out);
	v.json = true;
	out = file_out(&v, &t, 2);
	assert_non_null(strstr(out, "{\"pid\":30,\"tid\":30,\"comm\":\"sh\",\"reads\":9,\"writes\":9,"));
	assert_non_null(strstr(out, "\"file\":\"pipe:[777]\""));
	assert_non_null(strstr(out, "\"w_kb\":3,\"type\":\"R\""));
	assert_non_null(strstr(out, "\"more\":1,\"lost\":2}\n"));
	assert_null(strchr(out, '\x1b'));
	free(out);
}

static char *tcp_out(struct tcptop_view *v, struct tcptop_table *t, const char *load)
{
	char *buf = NULL;
	size_t len = 0;

	v->f = open_memstream(&buf, &len);
	assert_non_null(v->f);
	tcptop_sort(t);
	tcptop_print(v, t, load, 0);
	fclose(v->f);
	return buf;
}

static void test_tcptop(void **state)
{
	struct tcptop_row r[2] = {
		{ .k = { .pid = 5, .family = AF_INET, .lport = 47123, .rport = 5000 },
		  .v = { .rx = 2097152, .tx = 4096, .comm = "server" } },
		{ .k = { .pid = 6, .family = AF_INET6, .lport = 6000, .rport = 443 },
		  .v = { .rx = 1023, .tx = 1 << 30, .comm = "client" } },
	};
	struct tcptop_table t = { .r = r, .n = 2, .cap = 2 };
	struct tcptop_view v = { 0 };
	char *out;

	(void)state;
	inet_pton(AF_INET, "127.0.0.1", r[0].k.laddr);
	inet_pton(AF_INET, "10.0.0.2", r[0].k.raddr);
	inet_pton(AF_INET6, "::1", r[1].k.laddr);
	inet_pton(AF_INET6, "2001:db8::2", r[1].k.raddr);
	out = tcp_out(&v, &t, NULL);
	assert_int_equal(t.r[0].k.pid, 6);	/* 1 GiB first */
	assert_null(strstr(out, "loadavg"));	/* -S */
	assert_non_null(strstr(out, "PID     COMM         LADDR                 RADDR                  RX_KB  TX_KB\n"));
	assert_non_null(strstr(out, "5       server       127.0.0.1:47123       10.0.0.2:5000           2048      4\n"));
	assert_non_null(strstr(out, "6       client       [::1]:6000            [2001:db8::2]:443          0 1048576\n"));
	free(out);
	v.json = true;
	out = tcp_out(&v, &t, "x");
	assert_non_null(strstr(out, "\"pid\":5,\"comm\":\"server\",\"family\":4,\"laddr\":\"127.0.0.1\","
				    "\"lport\":47123,\"raddr\":\"10.0.0.2\",\"rport\":5000,"
				    "\"rx_bytes\":2097152,\"tx_bytes\":4096,\"rx_kb\":2048,\"tx_kb\":4"));
	assert_non_null(strstr(out, "\"family\":6,\"laddr\":\"::1\""));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filetop),
		cmocka_unit_test(test_tcptop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
