#include "views/ss.h"

#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "core/escape.h"
#include "core/json.h"

/* Decimal digits of v at p; returns the end. (Hand-rolled: the table is
 * printed for 100,000 sockets, and printf's cost shows.) */
static char *put_u(char *p, unsigned long v)
{
	char t[24];
	int n = 0;

	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = t[--n];
	return p;
}

/* "127.0.0.1:22", "[::1]:22", "0.0.0.0:*" (port 0 is "*", as ss prints it).
 * out has room for ADDR_MAX bytes. Returns the length. */
#define ADDR_MAX (INET6_ADDRSTRLEN + 16)
static int addr(char *out, const struct sd_sock *s, const uint8_t *a, uint16_t port)
{
	char *p = out;

	if (s->family == AF_INET) {
		for (int i = 0; i < 4; i++) {
			p = put_u(p, a[i]);
			if (i < 3)
				*p++ = '.';
		}
	} else {
		*p++ = '[';
		inet_ntop(AF_INET6, a, p, INET6_ADDRSTRLEN);
		p += strlen(p);
		*p++ = ']';
	}
	*p++ = ':';
	if (port)
		p = put_u(p, port);
	else
		*p++ = '*';
	*p = '\0';
	return (int)(p - out);
}

/* s (n bytes) left-aligned (right = 0) or right-aligned in width w. */
static char *pad(char *p, const char *s, size_t n, size_t w, int right)
{
	size_t fill = n < w ? w - n : 0;

	if (right) {
		memset(p, ' ', fill);
		p += fill;
	}
	memcpy(p, s, n);
	p += n;
	if (!right) {
		memset(p, ' ', fill);
		p += fill;
	}
	return p;
}

static void print_owners(FILE *f, const struct ss_view *v, const struct sd_sock *s)
{
	const struct fd_sock *o;
	int first = 1;

	if (!v->owners || !s->inode || !(o = fd_scan_sock_owner(v->owners, s->inode)))
		return;
	fputs(" users:(", f);
	for (; o < v->owners->socks + v->owners->nsocks && o->inode == s->inode; o++) {
		const struct fd_proc *p = fd_scan_proc(v->owners, o->pid);
		const char *comm = p ? p->comm : "";
		fprintf(f, "%s(\"", first ? "" : ",");
		esc_term_fputs(f, comm, strlen(comm));
		fprintf(f, "\",pid=%d,fd=%d)", (int)o->pid, o->fd);
		first = 0;
	}
	fputc(')', f);
}

static void print_info(FILE *f, const struct sd_table *t, const struct sd_sock *s)
{
	const struct sd_tcpinfo *i;
	struct sock_info_ms ms;

	if (!s->info)
		return;
	i = &t->info[s->info - 1];
	sock_model_info_ms(i, &ms);
	/* iproute2 ss -i's order and names; zero counters left out as ss does */
	fputs("\t", f);
	if (i->cong[0]) {
		fputc(' ', f);
		esc_term_fputs(f, i->cong, strlen(i->cong));
	}
	fprintf(f, " wscale:%u,%u rto:%g rtt:%g/%g", i->snd_wscale, i->rcv_wscale, ms.rto,
		ms.rtt, ms.rttvar);
	if (i->ato_us)
		fprintf(f, " ato:%g", ms.ato);
	fprintf(f, " mss:%u pmtu:%u rcvmss:%u advmss:%u cwnd:%u", i->snd_mss, i->pmtu,
		i->rcv_mss, i->advmss, i->snd_cwnd);
	if (i->snd_ssthresh < 0xffff)
		fprintf(f, " ssthresh:%u", i->snd_ssthresh);
	if (i->bytes_sent)
		fprintf(f, " bytes_sent:%llu", (unsigned long long)i->bytes_sent);
	if (i->bytes_retrans)
		fprintf(f, " bytes_retrans:%llu", (unsigned long long)i->bytes_retrans);
	if (i->bytes_acked)
		fprintf(f, " bytes_acked:%llu", (unsigned long long)i->bytes_acked);
	if (i->bytes_received)
		fprintf(f, " bytes_received:%llu", (unsigned long long)i->bytes_received);
	fprintf(f, " segs_out:%u segs_in:%u", i->segs_out, i->segs_in);
	fprintf(f, " lastsnd:%g lastrcv:%g lastack:%g", ms.last_send, ms.last_recv, ms.last_ack);
	if (i->unacked)
		fprintf(f, " unacked:%u", i->unacked);
	if (i->retrans || i->total_retrans)
		fprintf(f, " retrans:%u/%u", i->retrans, i->total_retrans);
	if (i->lost)
		fprintf(f, " lost:%u", i->lost);
	fprintf(f, " rcv_space:%u minrtt:%g\n", i->rcv_space, ms.min_rtt);
}

void ss_print(FILE *f, const struct ss_view *v)
{
	const struct sd_table *t = v->t;
	char a[ADDR_MAX], b[ADDR_MAX], line[4 * ADDR_MAX + 128], num[24], *p;
	int wl = (int)strlen("Local Address:Port"), wp = (int)strlen("Peer Address:Port");
	int ws = 5, wr = 6, wq = 6;

	for (size_t i = 0; i < t->n; i++) {
		const struct sd_sock *s = &t->s[i];
		int n = addr(a, s, s->src, s->sport);
		if (n > wl)
			wl = n;
		n = addr(a, s, s->dst, s->dport);
		if (n > wp)
			wp = n;
		n = (int)strlen(nl_sockdiag_state_name(s->state, s->proto));
		if (n > ws)
			ws = n;
	}
	if (v->netid)
		fprintf(f, "%-5s ", "Netid");
	fprintf(f, "%-*s %*s %*s %*s %-*s%s\n", ws, "State", wr, "Recv-Q", wq, "Send-Q",
		wl, "Local Address:Port", wp, "Peer Address:Port", v->owners ? " Process" : "");
	for (size_t i = 0; i < t->n; i++) {
		const struct sd_sock *s = &t->s[i];
		const char *st = nl_sockdiag_state_name(s->state, s->proto);
		int na = addr(a, s, s->src, s->sport), nb = addr(b, s, s->dst, s->dport);
		/* "%-5s %-*s %*u %*u %*s %-*s" by hand */
		p = line;
		if (v->netid)
			p = pad(p, s->proto == IPPROTO_UDP ? "udp" : "tcp", 3, 6, 0);
		p = pad(p, st, strlen(st), (size_t)ws, 0);
		*p++ = ' ';
		p = pad(p, num, (size_t)(put_u(num, s->rqueue) - num), (size_t)wr, 1);
		*p++ = ' ';
		p = pad(p, num, (size_t)(put_u(num, s->wqueue) - num), (size_t)wq, 1);
		*p++ = ' ';
		p = pad(p, a, (size_t)na, (size_t)wl, 1);
		*p++ = ' ';
		p = pad(p, b, (size_t)nb, (size_t)wp, 0);
		fwrite(line, 1, (size_t)(p - line), f);
		print_owners(f, v, s);
		fputc('\n', f);
		if (v->info)
			print_info(f, t, s);
	}
}

static void addr_json(struct json *j, const char *key, const struct sd_sock *s,
		      const uint8_t *a, uint16_t port)
{
	char ip[INET6_ADDRSTRLEN];

	inet_ntop(s->family, a, ip, sizeof(ip));
	json_obj_begin(j, key);
	json_str(j, "addr", ip);
	json_uint(j, "port", port);
	json_obj_end(j);
}

static void info_json(struct json *j, const struct sd_tcpinfo *i)
{
	struct sock_info_ms ms;

	sock_model_info_ms(i, &ms);
	json_obj_begin(j, "tcp_info");
	if (i->cong[0])
		json_str(j, "cong", i->cong);
	json_double(j, "rtt_ms", ms.rtt, 3);
	json_double(j, "rttvar_ms", ms.rttvar, 3);
	json_double(j, "min_rtt_ms", ms.min_rtt, 3);
	json_double(j, "rto_ms", ms.rto, 3);
	json_uint(j, "cwnd", i->snd_cwnd);
	json_uint(j, "ssthresh", i->snd_ssthresh);
	json_uint(j, "mss", i->snd_mss);
	json_uint(j, "unacked", i->unacked);
	json_uint(j, "lost", i->lost);
	json_uint(j, "retrans", i->retrans);
	json_uint(j, "total_retrans", i->total_retrans);
	json_uint(j, "bytes_sent", i->bytes_sent);
	json_uint(j, "bytes_acked", i->bytes_acked);
	json_uint(j, "bytes_received", i->bytes_received);
	json_uint(j, "bytes_retrans", i->bytes_retrans);
	json_obj_end(j);
}

void ss_print_json(FILE *f, const struct ss_view *v)
{
	const struct sd_table *t = v->t;
	struct json j;

	json_init(&j, f, false);
	json_obj_begin(&j, NULL);
	json_arr_begin(&j, "sockets");
	for (size_t i = 0; i < t->n; i++) {
		const struct sd_sock *s = &t->s[i];
		json_obj_begin(&j, NULL);
		json_str(&j, "netid", s->proto == IPPROTO_UDP ? "udp" : "tcp");
		json_str(&j, "state", nl_sockdiag_state_name(s->state, s->proto));
		json_uint(&j, "recv_q", s->rqueue);
		json_uint(&j, "send_q", s->wqueue);
		addr_json(&j, "local", s, s->src, s->sport);
		addr_json(&j, "peer", s, s->dst, s->dport);
		json_uint(&j, "uid", s->uid);
		json_uint(&j, "inode", s->inode);
		if (s->proto == IPPROTO_TCP && s->state == SD_LISTEN)
			json_double(&j, "accept_queue_pct", sock_model_accept_fill(s), 1);
		if (v->owners) {
			const struct fd_sock *o = s->inode ? fd_scan_sock_owner(v->owners, s->inode) : NULL;
			json_arr_begin(&j, "processes");
			for (; o && o < v->owners->socks + v->owners->nsocks && o->inode == s->inode; o++) {
				const struct fd_proc *p = fd_scan_proc(v->owners, o->pid);
				json_obj_begin(&j, NULL);
				json_int(&j, "pid", o->pid);
				json_str(&j, "comm", p ? p->comm : "");
				json_int(&j, "fd", o->fd);
				json_obj_end(&j);
			}
			json_arr_end(&j);
		}
		if (s->info)
			info_json(&j, &t->info[s->info - 1]);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}

static const char *const state_words[SOCK_STATES] = {
	"", "estab", "syn-sent", "syn-recv", "fin-wait-1", "fin-wait-2", "time-wait",
	"closed", "close-wait", "last-ack", "listen", "closing",
};

static void row(FILE *f, const char *name, uint64_t total, uint64_t v4, uint64_t v6)
{
	/* ss.c: "%s\t  %-9d %-9d %-9d\n" */
	fprintf(f, "%s\t  %-9llu %-9llu %-9llu\n", name, (unsigned long long)total,
		(unsigned long long)v4, (unsigned long long)v6);
}

void ss_print_summary(FILE *f, const struct ss_summary *s)
{
	const struct sock_counts *c = s->c;

	if (s->have_sockstat) {
		/* iproute2 ss.c print_summary() */
		fprintf(f, "Total: %llu\n", (unsigned long long)s->sockets_used);
		fprintf(f, "TCP:   %llu (estab %llu, closed %llu, orphaned %llu, timewait %llu)\n\n",
			(unsigned long long)s->tcp_shown, (unsigned long long)s->tcp_estab,
			(unsigned long long)s->tcp_closed, (unsigned long long)s->tcp_orphan,
			(unsigned long long)s->tcp_tw);
		fprintf(f, "Transport Total     IP        IPv6\n");
		row(f, "RAW", s->raw, s->raw4, s->raw6);
		row(f, "UDP", s->udp, s->udp4, s->udp6);
		row(f, "TCP", s->tcp, s->tcp4_inuse, s->tcp6_inuse);
		row(f, "INET", s->inet, s->inet4, s->inet6);
		row(f, "FRAG", s->frag, s->frag4, s->frag6);
		fputc('\n', f);
	}
	fprintf(f, "TCP states (sock_diag)   IPv4      IPv6\n");
	for (int st = 1; st < SOCK_STATES; st++) {
		if (st == SD_CLOSE)
			continue;	/* TCP_CLOSE: not in TCP dumps */
		fprintf(f, "%-24s %-9llu %-9llu\n", state_words[st],
			(unsigned long long)c->by_state[0][0][st], (unsigned long long)c->by_state[0][1][st]);
	}
	fprintf(f, "%-24s %-9llu %-9llu\n", "total", (unsigned long long)c->total[0][0],
		(unsigned long long)c->total[0][1]);
	fprintf(f, "Listeners with a non-empty accept queue: %llu (full: %llu)\n",
		(unsigned long long)c->listen_queued, (unsigned long long)c->listen_full);
}

void ss_print_summary_json(FILE *f, const struct ss_summary *s)
{
	const struct sock_counts *c = s->c;
	struct json j;

	json_init(&j, f, true);
	json_obj_begin(&j, NULL);
	if (s->have_sockstat) {
		json_uint(&j, "total", s->sockets_used);
		json_obj_begin(&j, "tcp");
		json_uint(&j, "total", s->tcp_shown);
		json_uint(&j, "alloc", s->tcp_alloc);
		if (s->have_estab)
			json_uint(&j, "estab", s->tcp_estab);
		else
			json_null(&j, "estab");
		json_uint(&j, "closed", s->tcp_closed);
		json_uint(&j, "orphaned", s->tcp_orphan);
		json_uint(&j, "timewait", s->tcp_tw);
		json_obj_end(&j);
		json_obj_begin(&j, "transport");
		json_uint(&j, "raw4", s->raw4);
		json_uint(&j, "raw6", s->raw6);
		json_uint(&j, "udp4", s->udp4);
		json_uint(&j, "udp6", s->udp6);
		json_uint(&j, "tcp4", s->tcp4_inuse);
		json_uint(&j, "tcp6", s->tcp6_inuse);
		json_uint(&j, "frag4", s->frag4);
		json_uint(&j, "frag6", s->frag6);
		json_obj_end(&j);
	}
	json_obj_begin(&j, "tcp_states");
	for (int st = 1; st < SOCK_STATES; st++)
		if (st != SD_CLOSE)
			json_uint(&j, state_words[st], c->tcp_by_state[st]);
	json_obj_end(&j);
	json_uint(&j, "tcp_sockets_dumped", c->tcp_total);
	json_uint(&j, "udp_sockets_dumped", c->udp_total);
	json_uint(&j, "listeners_queued", c->listen_queued);
	json_uint(&j, "listeners_full", c->listen_full);
	json_obj_end(&j);
	json_end(&j);
}
