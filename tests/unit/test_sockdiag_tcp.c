/* sources/nl_sockdiag: nl_sockdiag_dump_tcp's one AF_UNSPEC dump gives the
 * same table, in the same order, as the two per-family dumps, on sockets this
 * test makes in a network namespace of its own (root; skipped otherwise):
 * listeners and a connected pair in both families. */
#include "test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/root.h"
#include "sources/nl_sockdiag.h"

/* A listener on loopback port of family fam, and with connect a connected
 * pair to it (the accepted end kept too). fds gets every fd made. */
static int make_socks(int fam, uint16_t port, bool connect_too, int *fds)
{
	struct sockaddr_storage ss = { 0 };
	socklen_t len;
	int n = 0, l, c, one = 1;

	if (fam == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;

		a->sin_family = AF_INET;
		a->sin_port = htons(port);
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof(*a);
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons(port);
		a->sin6_addr = in6addr_loopback;
		len = sizeof(*a);
	}
	l = socket(fam, SOCK_STREAM, 0);
	assert_true(l >= 0);
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	assert_int_equal(bind(l, (struct sockaddr *)&ss, len), 0);
	assert_int_equal(listen(l, 8), 0);
	fds[n++] = l;
	if (connect_too) {
		c = socket(fam, SOCK_STREAM, 0);
		assert_true(c >= 0);
		assert_int_equal(connect(c, (struct sockaddr *)&ss, len), 0);
		fds[n++] = c;
		fds[n++] = accept(l, NULL, NULL);
		assert_true(fds[n - 1] >= 0);
	}
	return n;
}

static void test_unspec_same_as_two(void **state)
{
	struct sd_table one, two;
	struct root r;
	int fds[16], n = 0;
	(void)state;

	if (geteuid() != 0 || unshare(CLONE_NEWNET) != 0)
		skip();
	assert_int_equal(system("ip link set lo up"), 0);
	/* interleaved, so that one walk meets both families mixed */
	n += make_socks(AF_INET6, 4001, true, fds + n);
	n += make_socks(AF_INET, 4002, true, fds + n);
	n += make_socks(AF_INET6, 4003, false, fds + n);
	n += make_socks(AF_INET, 4004, false, fds + n);
	assert_int_equal(root_open(&r, "/"), 0);
	sd_table_init(&one, false);
	sd_table_init(&two, false);
	assert_int_equal(nl_sockdiag_dump_tcp(&r, ~0u, &one), 0);
	assert_int_equal(nl_sockdiag_dump(&r, AF_INET, IPPROTO_TCP, ~0u, &two, NULL), 0);
	assert_int_equal(nl_sockdiag_dump(&r, AF_INET6, IPPROTO_TCP, ~0u, &two, NULL), 0);
	/* 4 listeners, 2 pairs of ends */
	assert_int_equal(one.n, 8);
	assert_int_equal(two.n, one.n);
	for (size_t i = 0; i < one.n; i++) {
		assert_int_equal(one.s[i].family, two.s[i].family);
		assert_int_equal(one.s[i].state, two.s[i].state);
		assert_int_equal(one.s[i].sport, two.s[i].sport);
		assert_int_equal(one.s[i].dport, two.s[i].dport);
		assert_true(one.s[i].inode == two.s[i].inode);
	}
	assert_int_equal(one.s[0].family, AF_INET);
	assert_int_equal(one.s[one.n - 1].family, AF_INET6);
	sd_table_free(&one);
	sd_table_free(&two);
	for (int i = 0; i < n; i++)
		close(fds[i]);
	root_close(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unspec_same_as_two),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
