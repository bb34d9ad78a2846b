/* sources/nl_sockdiag: the dump parser on recorded dumps (tests/fixtures/sock,
 * recorded on this machine with `triage ss -a -i --save-dump DIR` while
 * tests/helpers/sockload.py held: a listener with backlog 5 and 7 pending
 * connections, 3 CLOSE-WAIT, 2 established pairs, an IPv6 pair with 1000
 * unread bytes, two UDP sockets) and on synthetic messages; model/sock. */
#include "test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>

#include "model/sock.h"
#include "sources/nl_sockdiag.h"

static const struct sd_sock *find(const struct sd_table *t, uint8_t state, uint16_t sport, uint32_t rq)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->s[i].state == state && (!sport || t->s[i].sport == sport) && t->s[i].rqueue == rq)
			return &t->s[i];
	return NULL;
}

static void test_replay(void **state)
{
	struct root r;
	struct sd_table t;
	struct sock_counts c;
	const struct sd_sock *s;
	(void)state;
	assert_int_equal(root_open(&r, FIXTURES "sock"), 0);
	sd_table_init(&t, true);
	assert_int_equal(nl_sockdiag_dump(&r, AF_INET, IPPROTO_TCP, ~0u, &t, NULL), 0);
	assert_int_equal(nl_sockdiag_dump(&r, AF_INET6, IPPROTO_TCP, ~0u, &t, NULL), 0);
	assert_int_equal(nl_sockdiag_dump(&r, AF_INET, IPPROTO_UDP, ~0u, &t, NULL), 0);
	assert_int_equal(nl_sockdiag_dump(&r, AF_INET6, IPPROTO_UDP, ~0u, &t, NULL), 0);
	assert_int_equal(t.n, 32);
	assert_int_equal(t.truncated, 0);
	sock_model_count(&t, &c);
	assert_int_equal(c.total[0][0], 27);	/* TCP over IPv4: 32 - 3 (v6) - 2 (udp) */
	assert_int_equal(c.total[0][1], 2 + 1);	/* TCP over IPv6: listener + pair */
	assert_int_equal(c.total[1][0], 2);	/* UDP */
	assert_int_equal(c.tcp_by_state[SD_LISTEN], 5);
	assert_int_equal(c.tcp_by_state[SD_ESTABLISHED], 18);
	assert_int_equal(c.tcp_by_state[SD_CLOSE_WAIT], 3);
	assert_int_equal(c.tcp_by_state[SD_FIN_WAIT2], 3);
	assert_int_equal(c.tcp_by_state[SD_SYN_SENT], 1);
	/* the full listener: 6 in the accept queue (backlog 5 admits 5 + 1) */
	assert_int_equal(c.listen_queued, 1);
	assert_int_equal(c.listen_full, 1);
	s = find(&t, SD_LISTEN, 0, 6);
	assert_non_null(s);
	assert_int_equal(s->wqueue, 5);
	assert_int_equal(s->src[0], 127);
	assert_int_equal(s->src[3], 1);
	assert_float_equal(sock_model_accept_fill(s), 120.0, 1e-9);	/* 6 / 5 x 100 */
	assert_true(s->inode != 0);
	/* IPv6: 1000 bytes unread on the accepted side, from ::1 */
	s = find(&t, SD_ESTABLISHED, 0, 1000);
	assert_non_null(s);
	assert_int_equal(s->family, AF_INET6);
	assert_int_equal(s->src[15], 1);
	/* tcp_info was recorded: established sockets have cwnd 10 and an rtt */
	s = find(&t, SD_ESTABLISHED, 0, 0);
	assert_non_null(s);
	assert_int_not_equal(s->info, 0);
	assert_int_equal(t.info[s->info - 1].snd_cwnd, 10);
	assert_true(t.info[s->info - 1].rtt_us > 0);
	sd_table_free(&t);
	root_close(&r);
}

/* One SOCK_DIAG_BY_FAMILY message with a congestion control name and a
 * tcp_info attribute, then DONE. */
static size_t build(unsigned char *buf, size_t info_len)
{
	struct nlmsghdr *h = (void *)buf;
	struct inet_diag_msg *m = NLMSG_DATA(h);
	struct rtattr *c = (void *)((char *)m + NLMSG_ALIGN(sizeof(*m)));
	struct rtattr *a;
	struct tcp_info ti = { 0 };
	size_t len;

	memset(buf, 0, 1024);
	m->idiag_family = AF_INET;
	m->idiag_state = SD_CLOSE_WAIT;
	m->id.idiag_sport = htons(8080);
	m->id.idiag_dport = htons(51000);
	m->id.idiag_src[0] = htonl(0x7f000001);
	m->id.idiag_dst[0] = htonl(0x0a000002);
	m->idiag_rqueue = 1;
	m->idiag_wqueue = 7;
	m->idiag_uid = 1000;
	m->idiag_inode = 424242;
	ti.tcpi_rtt = 1500;
	ti.tcpi_rttvar = 250;
	ti.tcpi_snd_cwnd = 7;
	ti.tcpi_total_retrans = 3;
	c->rta_type = INET_DIAG_CONG;
	c->rta_len = (unsigned short)RTA_LENGTH(6);
	memcpy(RTA_DATA(c), "cubic", 6);
	a = (void *)((char *)c + RTA_ALIGN(c->rta_len));
	a->rta_type = INET_DIAG_INFO;
	a->rta_len = (unsigned short)RTA_LENGTH(info_len);
	memcpy(RTA_DATA(a), &ti, info_len);
	len = NLMSG_ALIGN(sizeof(*m)) + RTA_ALIGN(c->rta_len) + RTA_ALIGN(a->rta_len);
	h->nlmsg_len = (uint32_t)NLMSG_LENGTH(len);
	h->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	h = (void *)(buf + NLMSG_ALIGN(h->nlmsg_len));
	h->nlmsg_len = NLMSG_LENGTH(4);
	h->nlmsg_type = NLMSG_DONE;
	return (size_t)((unsigned char *)h - buf) + NLMSG_ALIGN(h->nlmsg_len);
}

static void test_synthetic(void **state)
{
	_Alignas(struct nlmsghdr) unsigned char buf[1024];
	struct sd_table t;
	bool done = false;
	size_t len;
	(void)state;
	sd_table_init(&t, true);
	len = build(buf, sizeof(struct tcp_info));
	assert_int_equal(nl_sockdiag_parse(buf, len, IPPROTO_TCP, &t, &done), 0);
	assert_true(done);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.s[0].sport, 8080);
	assert_int_equal(t.s[0].dport, 51000);
	assert_int_equal(t.s[0].src[0], 127);
	assert_int_equal(t.s[0].dst[0], 10);
	assert_int_equal(t.s[0].dst[3], 2);
	assert_int_equal(t.s[0].uid, 1000);
	assert_int_equal(t.s[0].inode, 424242);
	assert_int_equal(t.s[0].wqueue, 7);
	assert_int_equal(t.info[0].rtt_us, 1500);
	assert_int_equal(t.info[0].snd_cwnd, 7);
	assert_int_equal(t.info[0].total_retrans, 3);
	assert_string_equal(t.info[0].cong, "cubic");
	/* an old kernel's short tcp_info, ending before tcpi_total_retrans:
	 * that field reads as 0 */
	len = build(buf, offsetof(struct tcp_info, tcpi_total_retrans));
	done = false;
	assert_int_equal(nl_sockdiag_parse(buf, len, IPPROTO_TCP, &t, &done), 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.info[1].rtt_us, 1500);
	assert_int_equal(t.info[1].total_retrans, 0);
	/* a truncated message is counted and skipped; a cut buffer stops quietly */
	len = build(buf, sizeof(struct tcp_info));
	((struct nlmsghdr *)buf)->nlmsg_len = NLMSG_LENGTH(8);
	done = false;
	assert_int_equal(nl_sockdiag_parse(buf, NLMSG_LENGTH(8), IPPROTO_TCP, &t, &done), 0);
	assert_int_equal(t.truncated, 1);
	assert_int_equal(nl_sockdiag_parse(buf, 10, IPPROTO_TCP, &t, &done), 0);
	assert_int_equal(t.n, 2);
	/* misaligned input is copied, same result */
	len = build(buf + 0, sizeof(struct tcp_info));
	{
		unsigned char *odd = malloc(len + 1);
		memcpy(odd + 1, buf, len);
		done = false;
		assert_int_equal(nl_sockdiag_parse(odd + 1, len, IPPROTO_TCP, &t, &done), 0);
		assert_int_equal(t.n, 3);
		free(odd);
	}
	sd_table_free(&t);
}

/* 100,000 sockets (one recv() chunk replayed) stay compact: the table is
 * fixed-size records, under 16 MiB with the doubling slack. */
static void test_many(void **state)
{
	_Alignas(struct nlmsghdr) unsigned char buf[1024];
	struct sd_table t;
	bool done;
	size_t len = build(buf, sizeof(struct tcp_info));
	(void)state;
	sd_table_init(&t, false);
	for (int i = 0; i < 100000; i++) {
		done = false;
		assert_int_equal(nl_sockdiag_parse(buf, len, IPPROTO_TCP, &t, &done), 0);
	}
	assert_int_equal(t.n, 100000);
	assert_int_equal(t.ninfo, 0);	/* tcp_info not kept unless asked */
	assert_true(t.cap * sizeof(*t.s) <= 16u << 20);
	assert_true(sizeof(struct sd_sock) <= 96);
	sd_table_free(&t);
}

static void test_error(void **state)
{
	_Alignas(struct nlmsghdr) unsigned char buf[64] = { 0 };
	struct nlmsghdr *h = (void *)buf;
	struct nlmsgerr *e = NLMSG_DATA(h);
	struct sd_table t;
	bool done = false;
	(void)state;
	sd_table_init(&t, false);
	h->nlmsg_len = NLMSG_LENGTH(sizeof(*e));
	h->nlmsg_type = NLMSG_ERROR;
	e->error = -EPERM;
	assert_int_equal(nl_sockdiag_parse(buf, h->nlmsg_len, IPPROTO_TCP, &t, &done), -EPERM);
	assert_true(done);
	sd_table_free(&t);
}

static void test_states(void **state)
{
	uint32_t m;
	(void)state;
	assert_int_equal(nl_sockdiag_state_mask("close-wait", &m), 0);
	assert_int_equal(m, 1u << SD_CLOSE_WAIT);
	assert_int_equal(nl_sockdiag_state_mask("connected", &m), 0);
	assert_false(m & (1u << SD_LISTEN));
	assert_true(m & (1u << SD_TIME_WAIT));
	assert_int_equal(nl_sockdiag_state_mask("bogus", &m), -EINVAL);
	assert_string_equal(nl_sockdiag_state_name(SD_ESTABLISHED, IPPROTO_TCP), "ESTAB");
	assert_string_equal(nl_sockdiag_state_name(SD_CLOSE, IPPROTO_UDP), "UNCONN");
	assert_string_equal(nl_sockdiag_state_name(99, IPPROTO_TCP), "UNKNOWN");
}

static void test_summary_model(void **state)
{
	struct ss_summary s = { .tcp_alloc = 10, .tcp_tw = 2, .tcp4_inuse = 5, .tcp6_inuse = 1,
				.udp4 = 3, .udp6 = 1, .raw4 = 1 };
	(void)state;
	sock_model_summary(&s);
	assert_int_equal(s.tcp_closed, 6);	/* 10 - (5 + 1 - 2) */
	assert_int_equal(s.tcp_shown, 12);	/* 10 + 2 */
	assert_int_equal(s.inet4, 9);		/* 1 + 3 + 5 */
	assert_int_equal(s.inet6, 2);
	assert_int_equal(s.inet, 11);
	s.tcp_alloc = 1;
	sock_model_summary(&s);
	assert_int_equal(s.tcp_closed, 0);	/* 1 - 4 < 0: clamped */
}

/* TIME-WAIT per destination, the busiest first; other states and UDP not
 * counted; the fourth destination drops out of a top 3. */
static void test_tw_dests(void **state)
{
	struct sd_sock v[40];
	struct sd_table t = { .s = v };
	struct sock_dest d[3];
	(void)state;
	memset(v, 0, sizeof(v));
	for (int i = 0; i < 40; i++) {
		v[i].family = AF_INET;
		v[i].proto = IPPROTO_TCP;
		v[i].state = 6;	/* TIME-WAIT */
		v[i].dst[0] = 10;
		/* 20 to 10.0.0.1:5432, 10 to 10.0.0.2:5432, 6 to 10.0.0.1:80, 4 to 10.0.0.3:53 */
		v[i].dst[3] = i < 20 ? 1 : i < 30 ? 2 : i < 36 ? 1 : 3;
		v[i].dport = i < 30 ? 5432 : i < 36 ? 80 : 53;
	}
	v[39].state = 1;	/* an established one: not counted */
	v[38].proto = IPPROTO_UDP;
	t.n = 40;
	assert_int_equal(sock_model_tw_dests(&t, d, 3), 3);
	assert_int_equal(d[0].n, 20);
	assert_int_equal(d[0].port, 5432);
	assert_int_equal(d[0].addr[3], 1);
	assert_int_equal(d[1].n, 10);
	assert_int_equal(d[1].addr[3], 2);
	assert_int_equal(d[2].n, 6);
	assert_int_equal(d[2].port, 80);
	assert_int_equal(sock_model_tw_dests(&t, d, 1), 1);
	assert_int_equal(d[0].n, 20);
	t.n = 0;
	assert_int_equal(sock_model_tw_dests(&t, d, 3), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replay),
		cmocka_unit_test(test_synthetic),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_error),
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_summary_model),
		cmocka_unit_test(test_tw_dests),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
