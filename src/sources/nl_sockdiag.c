#include "sources/nl_sockdiag.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>

/* ss's names for the states (iproute2 misc/ss.c, sstate_name[]). */
static const char *const state_names[SD__MAX] = {
	[0] = "UNKNOWN", [SD_ESTABLISHED] = "ESTAB", [SD_SYN_SENT] = "SYN-SENT",
	[SD_SYN_RECV] = "SYN-RECV", [SD_FIN_WAIT1] = "FIN-WAIT-1", [SD_FIN_WAIT2] = "FIN-WAIT-2",
	[SD_TIME_WAIT] = "TIME-WAIT", [SD_CLOSE] = "UNCONN", [SD_CLOSE_WAIT] = "CLOSE-WAIT",
	[SD_LAST_ACK] = "LAST-ACK", [SD_LISTEN] = "LISTEN", [SD_CLOSING] = "CLOSING",
};

/* ss's filter words (ss.c, sstate_namel[] and the state groups) */
static const struct {
	const char *name;
	uint32_t mask;
} state_words[] = {
	{ "established", 1u << SD_ESTABLISHED }, { "syn-sent", 1u << SD_SYN_SENT },
	{ "syn-recv", 1u << SD_SYN_RECV }, { "fin-wait-1", 1u << SD_FIN_WAIT1 },
	{ "fin-wait-2", 1u << SD_FIN_WAIT2 }, { "time-wait", 1u << SD_TIME_WAIT },
	{ "closed", 1u << SD_CLOSE }, { "close-wait", 1u << SD_CLOSE_WAIT },
	{ "last-ack", 1u << SD_LAST_ACK }, { "listening", 1u << SD_LISTEN },
	{ "closing", 1u << SD_CLOSING },
	{ "all", (1u << SD__MAX) - 2 },
	/* ss: connected = all but listen and close; synchronized = connected but syn-sent */
	{ "connected", ((1u << SD__MAX) - 2) & ~((1u << SD_LISTEN) | (1u << SD_CLOSE)) },
	{ "synchronized", ((1u << SD__MAX) - 2) & ~((1u << SD_LISTEN) | (1u << SD_CLOSE) | (1u << SD_SYN_SENT)) },
	{ "bucket", (1u << SD_SYN_RECV) | (1u << SD_TIME_WAIT) },
	{ "big", ((1u << SD__MAX) - 2) & ~((1u << SD_SYN_RECV) | (1u << SD_TIME_WAIT)) },
};

const char *nl_sockdiag_state_name(unsigned state, unsigned proto)
{
	(void)proto;
	return state < SD__MAX ? state_names[state] : "UNKNOWN";
}

int nl_sockdiag_state_mask(const char *name, uint32_t *mask)
{
	for (size_t i = 0; i < sizeof(state_words) / sizeof(state_words[0]); i++)
		if (!strcmp(name, state_words[i].name)) {
			*mask = state_words[i].mask;
			return 0;
		}
	return -EINVAL;
}

void sd_table_init(struct sd_table *t, bool want_info)
{
	memset(t, 0, sizeof(*t));
	t->want_info = want_info;
}

void sd_table_free(struct sd_table *t)
{
	free(t->s);
	free(t->info);
	sd_table_init(t, false);
}

static void fill_info(struct sd_tcpinfo *o, const void *data, size_t len)
{
	struct tcp_info ti;

	/* Older kernels send a shorter struct: the rest stays 0. */
	memset(&ti, 0, sizeof(ti));
	memcpy(&ti, data, len < sizeof(ti) ? len : sizeof(ti));
	memset(o, 0, sizeof(*o));
	o->len = (uint32_t)len;
	o->ca_state = ti.tcpi_ca_state;
	o->retransmits = ti.tcpi_retransmits;
	o->probes = ti.tcpi_probes;
	o->backoff = ti.tcpi_backoff;
	o->options = ti.tcpi_options;
	o->snd_wscale = ti.tcpi_snd_wscale;
	o->rcv_wscale = ti.tcpi_rcv_wscale;
	o->rto_us = ti.tcpi_rto;
	o->ato_us = ti.tcpi_ato;
	o->snd_mss = ti.tcpi_snd_mss;
	o->rcv_mss = ti.tcpi_rcv_mss;
	o->unacked = ti.tcpi_unacked;
	o->sacked = ti.tcpi_sacked;
	o->lost = ti.tcpi_lost;
	o->retrans = ti.tcpi_retrans;
	o->fackets = ti.tcpi_fackets;
	o->last_data_sent_ms = ti.tcpi_last_data_sent;
	o->last_data_recv_ms = ti.tcpi_last_data_recv;
	o->last_ack_recv_ms = ti.tcpi_last_ack_recv;
	o->pmtu = ti.tcpi_pmtu;
	o->rcv_ssthresh = ti.tcpi_rcv_ssthresh;
	o->rtt_us = ti.tcpi_rtt;
	o->rttvar_us = ti.tcpi_rttvar;
	o->snd_ssthresh = ti.tcpi_snd_ssthresh;
	o->snd_cwnd = ti.tcpi_snd_cwnd;
	o->advmss = ti.tcpi_advmss;
	o->reordering = ti.tcpi_reordering;
	o->rcv_rtt_us = ti.tcpi_rcv_rtt;
	o->rcv_space = ti.tcpi_rcv_space;
	o->total_retrans = ti.tcpi_total_retrans;
	o->pacing_rate = ti.tcpi_pacing_rate;
	o->bytes_acked = ti.tcpi_bytes_acked;
	o->bytes_received = ti.tcpi_bytes_received;
	o->segs_out = ti.tcpi_segs_out;
	o->segs_in = ti.tcpi_segs_in;
	o->min_rtt_us = ti.tcpi_min_rtt;
	o->delivery_rate = ti.tcpi_delivery_rate;
	o->busy_time_us = ti.tcpi_busy_time;
	o->delivered = ti.tcpi_delivered;
	o->bytes_sent = ti.tcpi_bytes_sent;
	o->bytes_retrans = ti.tcpi_bytes_retrans;
}

static int add_info(struct sd_table *t, struct sd_sock *s, const void *data, size_t len,
		    const char *cong, size_t cong_len)
{
	if (t->ninfo == t->capinfo) {
		size_t cap = t->capinfo ? t->capinfo * 2 : 256;
		struct sd_tcpinfo *p = realloc(t->info, cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		t->info = p;
		t->capinfo = cap;
	}
	fill_info(&t->info[t->ninfo], data, len);
	if (cong) {
		char *d = t->info[t->ninfo].cong;
		size_t n = strnlen(cong, cong_len);
		if (n >= sizeof(t->info[0].cong))
			n = sizeof(t->info[0].cong) - 1;
		memcpy(d, cong, n);
		d[n] = '\0';
	}
	s->info = (uint32_t)++t->ninfo;
	return 0;
}

/* One SOCK_DIAG_BY_FAMILY message. */
static int parse_msg(const struct nlmsghdr *h, uint8_t proto, struct sd_table *t)
{
	const struct inet_diag_msg *m = NLMSG_DATA(h);
	size_t plen = h->nlmsg_len - NLMSG_LENGTH(0);
	struct sd_sock *s;

	if (plen < sizeof(*m)) {
		t->truncated++;
		return 0;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		struct sd_sock *p = realloc(t->s, cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		t->s = p;
		t->cap = cap;
	}
	s = &t->s[t->n];
	memset(s, 0, sizeof(*s));
	s->family = m->idiag_family;
	s->proto = proto;
	s->state = m->idiag_state;
	s->timer = m->idiag_timer;
	s->retrans = m->idiag_retrans;
	s->sport = ntohs(m->id.idiag_sport);
	s->dport = ntohs(m->id.idiag_dport);
	memcpy(s->src, m->id.idiag_src, m->idiag_family == AF_INET ? 4 : 16);
	memcpy(s->dst, m->id.idiag_dst, m->idiag_family == AF_INET ? 4 : 16);
	s->ifindex = m->id.idiag_if;
	s->rqueue = m->idiag_rqueue;
	s->wqueue = m->idiag_wqueue;
	s->uid = m->idiag_uid;
	s->expires_ms = m->idiag_expires;
	s->inode = m->idiag_inode;
	t->n++;
	if (!t->want_info)
		return 0;
	/* rtattrs after the message, aligned */
	const struct rtattr *info = NULL, *cong = NULL;
	size_t off = NLMSG_ALIGN(sizeof(*m));
	while (off + sizeof(struct rtattr) <= plen) {
		const struct rtattr *a = (const void *)((const char *)m + off);
		if (a->rta_len < sizeof(*a) || off + a->rta_len > plen)
			break;
		if (a->rta_type == INET_DIAG_INFO)
			info = a;
		else if (a->rta_type == INET_DIAG_CONG)
			cong = a;
		off += RTA_ALIGN(a->rta_len);
	}
	if (!info || proto != IPPROTO_TCP)
		return 0;
	return add_info(t, s, RTA_DATA(info), info->rta_len - RTA_LENGTH(0),
			cong ? RTA_DATA(cong) : NULL, cong ? cong->rta_len - RTA_LENGTH(0) : 0);
}

int nl_sockdiag_parse(const void *buf, size_t len, uint8_t proto, struct sd_table *t, bool *done)
{
	size_t off = 0;
	int err;

	/* The headers are read in place: copy a misaligned
	 * buffer (a fuzzer's) before parsing. */
	if ((uintptr_t)buf % NLMSG_ALIGNTO) {
		void *copy = malloc(len ? len : 1);
		if (!copy)
			return -ENOMEM;
		memcpy(copy, buf, len);
		err = nl_sockdiag_parse(copy, len, proto, t, done);
		free(copy);
		return err;
	}
	/* NLMSG_OK/NLMSG_NEXT, with sizes kept unsigned */
	for (; off + sizeof(struct nlmsghdr) <= len; ) {
		const struct nlmsghdr *h = (const void *)((const char *)buf + off);
		if (h->nlmsg_len < sizeof(*h) || h->nlmsg_len > len - off)
			break;
		off += NLMSG_ALIGN(h->nlmsg_len);
		if (h->nlmsg_type == NLMSG_DONE) {
			*done = true;
			return 0;
		}
		if (h->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = NLMSG_DATA(h);
			*done = true;
			if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
				return -EINVAL;
			return e->error < 0 ? e->error : -EINVAL;
		}
		/* replies carry the request's type: TCPDIAG_GETSOCK for the compat one */
		if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY && h->nlmsg_type != TCPDIAG_GETSOCK)
			continue;
		err = parse_msg(h, proto, t);
		if (err)
			return err;
	}
	return 0;
}

static const char *dump_name(int family, uint8_t proto)
{
	if (proto == IPPROTO_TCP)
		return family == AF_INET ? "sock_diag/tcp4.nl" : "sock_diag/tcp6.nl";
	return family == AF_INET ? "sock_diag/udp4.nl" : "sock_diag/udp6.nl";
}

static int save_open(const char *dir, int family, uint8_t proto)
{
	char path[4200];
	int fd;

	snprintf(path, sizeof(path), "%s/sock_diag", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s", dir, dump_name(family, proto));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	return fd < 0 ? -errno : fd;
}

/* Replay a recorded dump file: the messages are back to back. The kernel
 * filtered the states live; a recording may hold more, so filter here. */
static int dump_file(const struct root *r, int family, uint8_t proto, uint32_t states,
		     struct sd_table *t)
{
	struct buf b = { 0 };
	bool done = false;
	size_t first = t->n, k;
	int err = root_read_buf(r, ROOT_TOP, dump_name(family, proto), &b);

	if (err == -ENOENT)
		return 0;
	if (!err)
		err = nl_sockdiag_parse(b.p, b.len, proto, t, &done);
	buf_free(&b);
	for (k = first; k < t->n; k++)	/* keep the order; tcp_info stays unreferenced */
		if (states & (1u << t->s[k].state))
			t->s[first++] = t->s[k];
	t->n = first;
	return err;
}

static int dump_send(int fd, int family, uint8_t proto, uint32_t states, bool info)
{
	struct {
		struct nlmsghdr h;
		struct inet_diag_req_v2 r;
	} req;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = sizeof(req);
	req.h.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.h.nlmsg_seq = 1;
	req.r.sdiag_family = (uint8_t)family;
	req.r.sdiag_protocol = proto;
	req.r.idiag_states = states;
	if (info && proto == IPPROTO_TCP)
		req.r.idiag_ext = 1 << (INET_DIAG_INFO - 1) | 1 << (INET_DIAG_CONG - 1);
	if (sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	return 0;
}

int nl_sockdiag_dump(const struct root *r, int family, uint8_t proto, uint32_t states,
		     struct sd_table *t, const char *save_dir)
{
	/* 64 KiB: big enough for what the kernel packs in one skb for a dump
	 * (iproute2 uses 32 KiB); fewer recv() calls. */
	_Alignas(struct nlmsghdr) char rbuf[65536];
	bool done = false;
	int fd, sfd = -1, err = 0;

	if (!r->live)
		return dump_file(r, family, proto, states, t);
	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (fd < 0)
		return -errno;
	if (save_dir && (sfd = save_open(save_dir, family, proto)) < 0) {
		close(fd);
		return sfd;
	}
	err = dump_send(fd, family, proto, states, t->want_info);
	while (!err && !done) {
		ssize_t n = recv(fd, rbuf, sizeof(rbuf), 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (n == 0)
			break;
		if (sfd >= 0 && write(sfd, rbuf, (size_t)n) != n)
			err = -EIO;
		if (!err)
			err = nl_sockdiag_parse(rbuf, (size_t)n, proto, t, &done);
	}
	if (sfd >= 0)
		close(sfd);
	close(fd);
	/* A kernel without this protocol's diag module (udp_diag) answers ENOENT. */
	return err == -ENOENT ? 0 : err;
}

/* The compat request: struct inet_diag_req, family AF_UNSPEC. */
static int dump_send_compat(int fd, uint32_t states)
{
	struct {
		struct nlmsghdr h;
		struct inet_diag_req r;
	} req;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = sizeof(req);
	req.h.nlmsg_type = TCPDIAG_GETSOCK;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.h.nlmsg_seq = 1;
	req.r.idiag_family = AF_UNSPEC;
	req.r.idiag_states = states;
	if (sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	return 0;
}

/* One AF_UNSPEC dump into t. Returns 0 or -errno (t then as it was). */
static int dump_unspec(uint32_t states, struct sd_table *t)
{
	_Alignas(struct nlmsghdr) char rbuf[65536];
	size_t n0 = t->n;
	bool done = false;
	int fd, err;

	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (fd < 0)
		return -errno;
	err = dump_send_compat(fd, states);
	while (!err && !done) {
		ssize_t n = recv(fd, rbuf, sizeof(rbuf), 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? -errno : -EPROTO;
			break;
		}
		err = nl_sockdiag_parse(rbuf, (size_t)n, IPPROTO_TCP, t, &done);
	}
	close(fd);
	if (err)
		t->n = n0;
	return err;
}

/* Sockets n0.. of t: AF_INET ones first, each family in its order. */
static int partition_by_family(struct sd_table *t, size_t n0)
{
	size_t n = t->n - n0, k = 0;
	struct sd_sock *tmp;

	if (n < 2)
		return 0;
	tmp = malloc(n * sizeof(*tmp));
	if (!tmp)
		return -ENOMEM;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = n0; i < t->n; i++) {
			if ((t->s[i].family == AF_INET) == (pass == 0))
				tmp[k++] = t->s[i];
		}
	}
	memcpy(t->s + n0, tmp, n * sizeof(*tmp));
	free(tmp);
	return 0;
}

int nl_sockdiag_dump_tcp(const struct root *r, uint32_t states, struct sd_table *t)
{
	static const int fams[2] = { AF_INET, AF_INET6 };
	size_t n0 = t->n;
	int err = 0;

	if (r->live && !t->want_info && dump_unspec(states, t) == 0)
		return partition_by_family(t, n0);
	for (int f = 0; f < 2; f++) {
		int e = nl_sockdiag_dump(r, fams[f], IPPROTO_TCP, states, t, NULL);

		if (e && !err)
			err = e;
	}
	return err;
}
