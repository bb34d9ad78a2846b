#include "views/tcptop.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "core/escape.h"
#include "core/json.h"

static int cmp_row(const void *a, const void *b)
{
	const struct tcptop_row *x = a, *y = b;
	uint64_t kx = x->v.rx + x->v.tx, ky = y->v.rx + y->v.tx;

	if (kx != ky)
		return kx < ky ? 1 : -1;
	if (x->k.pid != y->k.pid)
		return x->k.pid < y->k.pid ? -1 : 1;
	if (x->k.lport != y->k.lport)
		return x->k.lport < y->k.lport ? -1 : 1;
	return (x->k.rport > y->k.rport) - (x->k.rport < y->k.rport);
}

void tcptop_sort(struct tcptop_table *t)
{
	if (t->n > 1)
		qsort(t->r, t->n, sizeof(t->r[0]), cmp_row);
}

static const char *addr(const struct tcptop_key *k, const uint8_t *a, char *buf, size_t size)
{
	if (!inet_ntop(k->family == AF_INET6 ? AF_INET6 : AF_INET, a, buf, (socklen_t)size))
		snprintf(buf, size, "?");
	return buf;
}

/* "ADDR:PORT", IPv6 as "[ADDR]:PORT" */
static const char *endpoint(const struct tcptop_key *k, const uint8_t *a, uint16_t port, char *buf,
			    size_t size)
{
	char ip[INET6_ADDRSTRLEN];

	addr(k, a, ip, sizeof(ip));
	snprintf(buf, size, k->family == AF_INET6 ? "[%s]:%u" : "%s:%u", ip, port);
	return buf;
}

static size_t shown(const struct tcptop_view *v, const struct tcptop_table *t)
{
	return v->maxrows > 0 && t->n > (size_t)v->maxrows ? (size_t)v->maxrows : t->n;
}

static void row_json(struct json *j, const struct tcptop_row *r)
{
	char ip[INET6_ADDRSTRLEN];

	json_obj_begin(j, NULL);
	json_uint(j, "pid", r->k.pid);
	json_strn(j, "comm", r->v.comm, strlen(r->v.comm));
	json_uint(j, "family", r->k.family == AF_INET6 ? 6 : 4);
	json_str(j, "laddr", addr(&r->k, r->k.laddr, ip, sizeof(ip)));
	json_uint(j, "lport", r->k.lport);
	json_str(j, "raddr", addr(&r->k, r->k.raddr, ip, sizeof(ip)));
	json_uint(j, "rport", r->k.rport);
	json_uint(j, "rx_bytes", r->v.rx);
	json_uint(j, "tx_bytes", r->v.tx);
	json_uint(j, "rx_kb", r->v.rx / 1024);
	json_uint(j, "tx_kb", r->v.tx / 1024);
	json_uint(j, "rx_calls", r->v.rx_calls);
	json_uint(j, "tx_calls", r->v.tx_calls);
	json_obj_end(j);
}

static void print_json(const struct tcptop_view *v, const struct tcptop_table *t, uint64_t lost)
{
	size_t n = shown(v, t);
	struct json j;

	json_init(&j, v->f, false);
	json_obj_begin(&j, NULL);
	json_int(&j, "time", (long long)time(NULL));
	json_arr_begin(&j, "conns");
	for (size_t i = 0; i < n; i++)
		row_json(&j, &t->r[i]);
	json_arr_end(&j);
	json_uint(&j, "more", t->n - n);
	json_uint(&j, "lost", lost);
	json_obj_end(&j);
	json_end(&j);
}

void tcptop_print(const struct tcptop_view *v, const struct tcptop_table *t, const char *loadavg,
		  uint64_t lost)
{
	size_t n = shown(v, t);
	time_t now = time(NULL);
	struct tm tm;
	char clk[16];

	if (v->json) {
		print_json(v, t, lost);
		fflush(v->f);
		return;
	}
	if (v->clear)
		fputs("\033[H\033[2J", v->f);
	if (loadavg) {
		localtime_r(&now, &tm);
		strftime(clk, sizeof(clk), "%H:%M:%S", &tm);
		fprintf(v->f, "%-8s loadavg: %s\n\n", clk, loadavg);
	}
	fprintf(v->f, "%-7s %-12s %-21s %-21s %6s %6s\n", "PID", "COMM", "LADDR", "RADDR", "RX_KB",
		"TX_KB");
	for (size_t i = 0; i < n; i++) {
		const struct tcptop_row *r = &t->r[i];
		char comm[64], la[64], ra[64];

		esc_term(comm, sizeof(comm), r->v.comm, strlen(r->v.comm));
		fprintf(v->f, "%-7u %-12.12s %-21s %-21s %6llu %6llu\n", r->k.pid, comm,
			endpoint(&r->k, r->k.laddr, r->k.lport, la, sizeof(la)),
			endpoint(&r->k, r->k.raddr, r->k.rport, ra, sizeof(ra)),
			(unsigned long long)r->v.rx / 1024, (unsigned long long)r->v.tx / 1024);
	}
	if (lost)
		fprintf(v->f, "(%" PRIu64 " calls not counted: the table of %d connections was full)\n",
			lost, TCPTOP_MAX_CONNS);
	fputc('\n', v->f);
	fflush(v->f);
}
