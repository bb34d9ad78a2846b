/* tcp.refused with the reset probe's counts (o->resets): the port in the
 * resource and the summary, one evidence line per port with its clients;
 * traced but nothing refused here; not traced (the counters' line). And the
 * collector's grouping of the probe's (port, client) rows. */
#include "test.h"

#include <arpa/inet.h>

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "analysis/rules.h"
#include "bpf/tcpreset_api.h"
#include "cmd/triage_collect_resets.h"

/* 400 refused connects a second for 5 s, answered by our own resets. */
static struct obs *refusing(void)
{
	struct obs *o = obs_new();

	assert_non_null(o);
	o->have = ~0u;
	o->intervals = 5;
	o->interval_s = 1;
	o->window_s = 5;
	series_init(&o->host.tcp_attempt_fails);
	series_init(&o->host.tcp_out_rsts);
	for (int i = 0; i < 5; i++) {
		series_push(&o->host.tcp_attempt_fails, 400);
		series_push(&o->host.tcp_out_rsts, 400);
	}
	return o;
}

static const struct finding *find(const struct findings *fs, enum rule_id r)
{
	for (int i = 0; i < fs->n; i++)
		if (fs->v[i].rule == r)
			return &fs->v[i];
	return NULL;
}

static void add_port(struct obs_resets *r, int port, double n, const char *a, double an, const char *b, double bn,
		     int nclients)
{
	struct obs_reset_port *p = &r->ports[r->nports++];

	p->port = port;
	p->n = n;
	p->nclients = nclients;
	snprintf(p->clients[0].addr, sizeof(p->clients[0].addr), "%s", a);
	p->clients[0].n = an;
	if (b) {
		snprintf(p->clients[1].addr, sizeof(p->clients[1].addr), "%s", b);
		p->clients[1].n = bn;
	}
}

static void test_named(void **state)
{
	struct obs *o = refusing();
	struct findings fs = { 0 };
	const struct finding *f;

	(void)state;
	o->resets.traced = true;
	o->resets.traced_s = 4;
	o->resets.refused = 1602;
	add_port(&o->resets, 9, 1600, "127.0.0.1", 1590, "10.0.0.2", 10, 2);
	add_port(&o->resets, 8080, 2, "::1", 2, NULL, 0, 1);
	o->resets.overflow = 3;
	rules_net(o, &fs);
	f = find(&fs, RULE_TCP_REFUSED);
	assert_non_null(f);
	assert_int_equal(f->sev, SEV_CRITICAL);
	assert_string_equal(f->resource, "tcp:9");
	assert_string_equal(f->summary, "400 connection attempts a second fail: refused, nothing listens on ports 9, 8080");
	assert_int_equal(f->nevidence, 5);
	assert_string_equal(f->evidence[1], "this host sent 400 resets a second (OutRsts): the refused port is local");
	assert_string_equal(f->evidence[2], "resets sent for 1600 connects to port 9 (127.0.0.1: 1590, 10.0.0.2: 10) "
			    "in the last 4.0 s, tcp:tcp_send_reset");
	assert_string_equal(f->evidence[3], "resets sent for 2 connects to port 8080 (::1: 2) in the last 4.0 s, "
			    "tcp:tcp_send_reset");
	assert_string_equal(f->evidence[4], "3 refused connects not attributed: the probe's table of (port, client) "
			    "pairs was full");
	assert_string_equal(f->next[0], "triage ss -lnt");
	findings_free(&fs);
	obs_free(o);
}

/* One port, more clients than named: the rest summed. */
static void test_more_clients(void **state)
{
	struct obs *o = refusing();
	struct findings fs = { 0 };
	const struct finding *f;
	struct obs_reset_port *p;

	(void)state;
	o->resets.traced = true;
	o->resets.traced_s = 1.5;
	add_port(&o->resets, 5432, 412, "10.1.0.1", 300, "10.1.0.2", 100, 6);
	p = &o->resets.ports[0];
	snprintf(p->clients[2].addr, sizeof(p->clients[2].addr), "10.1.0.3");
	p->clients[2].n = 8;
	rules_net(o, &fs);
	f = find(&fs, RULE_TCP_REFUSED);
	assert_non_null(f);
	assert_string_equal(f->resource, "tcp:5432");
	assert_string_equal(f->summary, "400 connection attempts a second fail: refused, nothing listens on port 5432");
	assert_string_equal(f->evidence[2], "resets sent for 412 connects to port 5432 (10.1.0.1: 300, 10.1.0.2: 100, "
			    "10.1.0.3: 8, 3 more clients: 4) in the last 1.5 s, tcp:tcp_send_reset");
	findings_free(&fs);
	obs_free(o);
}

/* Traced, no reset sent for a connect: the refusals are not ours. Not
 * traced: the counters' evidence, resource "tcp". */
static void test_unnamed(void **state)
{
	struct obs *o = refusing();
	struct findings fs = { 0 };
	const struct finding *f;

	(void)state;
	o->resets.traced = true;
	o->resets.traced_s = 4;
	rules_net(o, &fs);
	f = find(&fs, RULE_TCP_REFUSED);
	assert_non_null(f);
	assert_string_equal(f->resource, "tcp");
	assert_string_equal(f->summary, "400 connection attempts a second fail: refused, nothing listens on the port");
	assert_string_equal(f->evidence[2], "tcp:tcp_send_reset saw no connect refused here in the last 4.0 s: the "
			    "refusing end is remote, or the attempts time out");
	findings_free(&fs);
	memset(&fs, 0, sizeof(fs));
	o->resets.traced = false;
	rules_net(o, &fs);
	f = find(&fs, RULE_TCP_REFUSED);
	assert_non_null(f);
	assert_string_equal(f->resource, "tcp");
	assert_string_equal(f->evidence[2], "the port and the clients: not named from counters (triage tcpconnect "
			    "traces the connects as root)");
	findings_free(&fs);
	obs_free(o);
}

static struct tcpreset_row row(int family, const char *addr, int port, uint64_t n)
{
	struct tcpreset_row r = { .family = (uint16_t)family, .lport = (uint16_t)port, .n = n };

	assert_int_equal(inet_pton(family, addr, r.raddr), 1);
	return r;
}

/* Rows in the map's (any) order: ports by refused connects, the busiest
 * OBS_RESET_CLIENTS clients of each, empty rows (a window's base) skipped. */
static void test_group(void **state)
{
	struct tcpreset_row rows[] = {
		row(AF_INET, "10.0.0.5", 80, 3),
		row(AF_INET, "127.0.0.1", 9, 410),
		row(AF_INET, "10.0.0.1", 80, 1),
		row(AF_INET6, "::1", 9, 2),
		row(AF_INET, "10.0.0.2", 80, 7),
		row(AF_INET, "10.0.0.9", 443, 0),
		row(AF_INET, "10.0.0.3", 80, 5),
		row(AF_INET, "10.0.0.4", 80, 2),
	};
	struct obs_resets r = { 0 };

	(void)state;
	collect_resets_group(rows, (int)(sizeof(rows) / sizeof(rows[0])), &r);
	assert_int_equal(r.nports, 2);
	assert_true(r.refused == 430);
	assert_int_equal(r.ports[0].port, 9);
	assert_true(r.ports[0].n == 412);
	assert_int_equal(r.ports[0].nclients, 2);
	assert_string_equal(r.ports[0].clients[0].addr, "127.0.0.1");
	assert_string_equal(r.ports[0].clients[1].addr, "::1");
	assert_int_equal(r.ports[1].port, 80);
	assert_true(r.ports[1].n == 18);
	assert_int_equal(r.ports[1].nclients, 5);
	assert_string_equal(r.ports[1].clients[0].addr, "10.0.0.2");
	assert_true(r.ports[1].clients[0].n == 7);
	assert_string_equal(r.ports[1].clients[1].addr, "10.0.0.3");
	assert_string_equal(r.ports[1].clients[2].addr, "10.0.0.5");
	assert_true(r.ports[1].clients[2].n == 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_named),
		cmocka_unit_test(test_more_clients),
		cmocka_unit_test(test_unnamed),
		cmocka_unit_test(test_group),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
