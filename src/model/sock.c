#include "model/sock.h"

#include <math.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

void sock_model_count(const struct sd_table *t, struct sock_counts *c)
{
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < t->n; i++) {
		const struct sd_sock *s = &t->s[i];
		int p = s->proto == IPPROTO_UDP, f = s->family == AF_INET6;
		if (s->state < SOCK_STATES)
			c->by_state[p][f][s->state]++;
		c->total[p][f]++;
		if (p)
			c->udp_total++;
		else
			c->tcp_total++;
		if (!p && s->state < SOCK_STATES)
			c->tcp_by_state[s->state]++;
		if (!p && s->state == SD_LISTEN && s->rqueue) {
			c->listen_queued++;
			/* the kernel drops SYNs when sk_ack_backlog > sk_max_ack_backlog
			 * (sk_acceptq_is_full); >= is "full" for a human */
			if (s->rqueue >= s->wqueue)
				c->listen_full++;
		}
	}
}

void sock_model_summary(struct ss_summary *s)
{
	uint64_t hashed = s->tcp4_inuse + s->tcp6_inuse;

	/* ss.c: closed = tcp_total - (tcp4_hashed + tcp6_hashed - tcp_tws); the
	 * "inuse" counts exclude TIME_WAIT already on current kernels, so ss's
	 * figure can go negative: clamp at 0 rather than print a huge number. */
	int64_t closed = (int64_t)s->tcp_alloc + (int64_t)s->tcp_tw - (int64_t)hashed;

	s->tcp_closed = closed > 0 ? (uint64_t)closed : 0;
	s->tcp_shown = s->tcp_alloc + s->tcp_tw;
	s->raw = s->raw4 + s->raw6;
	s->udp = s->udp4 + s->udp6;
	s->tcp = hashed;
	s->inet4 = s->raw4 + s->udp4 + s->tcp4_inuse;
	s->inet6 = s->raw6 + s->udp6 + s->tcp6_inuse;
	s->inet = s->inet4 + s->inet6;
	s->frag = s->frag4 + s->frag6;
}

void sock_model_info_ms(const struct sd_tcpinfo *i, struct sock_info_ms *o)
{
	/* iproute2 ss.c tcp_show_info: rto, ato, rtt, rttvar in ms = usec / 1000 */
	o->rto = i->rto_us / 1000.0;
	o->ato = i->ato_us / 1000.0;
	o->rtt = i->rtt_us / 1000.0;
	o->rttvar = i->rttvar_us / 1000.0;
	o->min_rtt = i->min_rtt_us / 1000.0;
	o->rcv_rtt = i->rcv_rtt_us / 1000.0;
	o->last_send = i->last_data_sent_ms;
	o->last_recv = i->last_data_recv_ms;
	o->last_ack = i->last_ack_recv_ms;
}

double sock_model_accept_fill(const struct sd_sock *s)
{
	return s->wqueue ? (double)s->rqueue * 100.0 / (double)s->wqueue : NAN;
}

static int dest_cmp(const void *a, const void *b)
{
	const struct sd_sock *x = *(const struct sd_sock *const *)a, *y = *(const struct sd_sock *const *)b;

	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	if (x->dport != y->dport)
		return x->dport < y->dport ? -1 : 1;
	return memcmp(x->dst, y->dst, sizeof(x->dst));
}

/* keep out[] the n largest, most first */
static void dest_keep(struct sock_dest *out, int *k, int n, const struct sd_sock *s, uint64_t cnt)
{
	int i;

	if (*k < n) {
		i = (*k)++;
	} else {
		if (out[n - 1].n >= cnt)
			return;
		i = n - 1;
	}
	for (; i > 0 && out[i - 1].n < cnt; i--)
		out[i] = out[i - 1];
	out[i] = (struct sock_dest){ .family = s->family, .port = s->dport, .n = cnt };
	memcpy(out[i].addr, s->dst, sizeof(out[i].addr));
}

int sock_model_tw_dests(const struct sd_table *t, struct sock_dest *out, int n)
{
	const struct sd_sock **v;
	size_t m = 0;
	int k = 0;

	if (n <= 0 || !(v = malloc((t->n ? t->n : 1) * sizeof(const struct sd_sock *))))
		return 0;
	for (size_t i = 0; i < t->n; i++)
		if (t->s[i].proto == IPPROTO_TCP && t->s[i].state == 6 /* TCP_TIME_WAIT */)
			v[m++] = &t->s[i];
	qsort(v, m, sizeof(const struct sd_sock *), dest_cmp);
	for (size_t i = 0, j; i < m; i = j) {
		for (j = i + 1; j < m && dest_cmp(&v[i], &v[j]) == 0; j++)
			;
		dest_keep(out, &k, n, v[i], j - i);
	}
	free(v);
	return k;
}
