/* The parts of a sample that are not one kernel file: sys/block (the disks,
 * their partitions and attributes) and each interface's sys/class/net, and
 * their sections of the codec (0x0600 blocks, 0x0700 links):
 *   blocks: u32 ndisks, per disk: u8 name length + name, u8 is_virtual,
 *     i32 rotational, u64 size, u8 dm_name length + dm_name, u32 first_part,
 *     u32 nparts; u32 nparts, per partition: u8 length + name, u32 disk,
 *     u32 partno, u64 size
 *   links: u32 n, per interface: u8 length + name, i32 err, i64 speed_mbps,
 *     u32 duplex, u8 length + operstate, i32 type
 *   statvfs (0x0900): the statvfs text, sources/mountinfo.h's fixture format
 *   sockets (0x0a00): u32 nstates, u64 TCP sockets per state (both
 *     families); u32 n listeners, each: u8 family, u16 port, 16 bytes
 *     address, u32 rqueue (accept queue), u32 wqueue (backlog), u32 uid,
 *     u64 inode */
#include "sample/sample_extra.h"

#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/statvfs.h>
#include <stdlib.h>
#include <string.h>

void sample_take_blocks(const struct root *r, const struct sample_want *w, struct sample *s)
{
	s->blocks_err = w->blocks_some ? sys_block_read_some(r, w->blocks_what, &s->blocks)
				       : sys_block_read(r, &s->blocks);
	s->have_blocks = s->blocks_err == 0;
}

void sample_take_links(const struct root *r, struct sample *s)
{
	if (!sample_has(s, SAMPLE_NET_DEV) || !s->netdev.n)
		return;
	s->links = calloc(s->netdev.n, sizeof(*s->links));
	if (!s->links)
		return;
	for (size_t i = 0; i < s->netdev.n; i++) {
		struct sample_link *l = &s->links[i];

		snprintf(l->name, sizeof(l->name), "%s", s->netdev.ifs[i].name);
		l->err = sys_class_net_read(r, l->name, &l->link);
	}
	s->nlinks = s->netdev.n;
}

const struct sys_class_net_if *sample_link(const struct sample *s, const char *name)
{
	for (size_t i = 0; i < s->nlinks; i++)
		if (!s->links[i].err && strcmp(s->links[i].name, name) == 0)
			return &s->links[i].link;
	return NULL;
}

static void put_str(struct bw *w, const char *str, size_t max)
{
	size_t n = strnlen(str, max - 1);
	uint8_t c = (uint8_t)(n > 255 ? 255 : n);

	bw_bytes(w, &c, 1);
	bw_bytes(w, str, c);
}

static void get_str(struct br *r, char *out, size_t size)
{
	const uint8_t *p = br_take(r, 1);
	size_t n = p ? *p : 0;
	const uint8_t *s = br_take(r, n);

	if (n >= size)
		n = size - 1;
	if (s)
		memcpy(out, s, n);
	out[s ? n : 0] = '\0';
}

void sample_encode_blocks(const struct sys_block *sb, struct bw *w)
{
	bw_u32(w, (uint32_t)sb->ndisks);
	for (size_t i = 0; i < sb->ndisks; i++) {
		const struct sys_block_disk *d = &sb->disk[i];
		uint8_t v = d->is_virtual;

		put_str(w, d->name, sizeof(d->name));
		bw_bytes(w, &v, 1);
		bw_u32(w, (uint32_t)d->rotational);
		bw_u64(w, d->size);
		put_str(w, d->dm_name, sizeof(d->dm_name));
		bw_u32(w, (uint32_t)d->first_part), bw_u32(w, (uint32_t)d->nparts);
	}
	bw_u32(w, (uint32_t)sb->nparts);
	for (size_t i = 0; i < sb->nparts; i++) {
		const struct sys_block_part *p = &sb->part[i];

		put_str(w, p->name, sizeof(p->name));
		bw_u32(w, (uint32_t)p->disk), bw_u32(w, p->partno);
		bw_u64(w, p->size);
	}
}

int sample_decode_blocks(struct br *r, struct sys_block *sb)
{
	uint32_t n = br_u32(r);
	const uint8_t *v;

	/* each disk takes at least 22 bytes: a count past the record is damage */
	if (r->err || n > (r->len - r->off) / 22 + 1)
		return -EBADMSG;
	sb->disk = calloc(n ? n : 1, sizeof(*sb->disk));
	if (!sb->disk)
		return -ENOMEM;
	for (uint32_t i = 0; i < n && !r->err; i++) {
		struct sys_block_disk *d = &sb->disk[i];

		get_str(r, d->name, sizeof(d->name));
		v = br_take(r, 1);
		d->is_virtual = v && *v;
		d->rotational = (int)br_u32(r);
		d->size = br_u64(r);
		get_str(r, d->dm_name, sizeof(d->dm_name));
		d->first_part = br_u32(r), d->nparts = br_u32(r);
	}
	sb->ndisks = n;
	n = br_u32(r);
	if (r->err || n > (r->len - r->off) / 17 + 1)
		return -EBADMSG;
	sb->part = calloc(n ? n : 1, sizeof(*sb->part));
	if (!sb->part)
		return -ENOMEM;
	for (uint32_t i = 0; i < n && !r->err; i++) {
		struct sys_block_part *p = &sb->part[i];

		get_str(r, p->name, sizeof(p->name));
		p->disk = br_u32(r), p->partno = br_u32(r);
		p->size = br_u64(r);
		if (p->disk >= sb->ndisks)
			return -EBADMSG;
	}
	sb->nparts = n;
	for (size_t i = 0; i < sb->ndisks; i++)
		if (sb->disk[i].first_part + sb->disk[i].nparts > sb->nparts)
			return -EBADMSG;
	return r->err;
}

void sample_encode_links(const struct sample *s, struct bw *w)
{
	bw_u32(w, (uint32_t)s->nlinks);
	for (size_t i = 0; i < s->nlinks; i++) {
		const struct sample_link *l = &s->links[i];

		put_str(w, l->name, sizeof(l->name));
		bw_u32(w, (uint32_t)l->err);
		bw_u64(w, (uint64_t)l->link.speed_mbps);
		bw_u32(w, (uint32_t)l->link.duplex);
		put_str(w, l->link.operstate, sizeof(l->link.operstate));
		bw_u32(w, (uint32_t)l->link.type);
	}
}

int sample_decode_links(struct br *r, struct sample *s)
{
	uint32_t n = br_u32(r);

	if (r->err || n > (r->len - r->off) / 22 + 1)
		return -EBADMSG;
	s->links = calloc(n ? n : 1, sizeof(*s->links));
	if (!s->links)
		return -ENOMEM;
	for (uint32_t i = 0; i < n && !r->err; i++) {
		struct sample_link *l = &s->links[i];

		get_str(r, l->name, sizeof(l->name));
		l->err = (int)br_u32(r);
		l->link.speed_mbps = (long)br_u64(r);
		l->link.duplex = (enum net_duplex)br_u32(r);
		get_str(r, l->link.operstate, sizeof(l->link.operstate));
		l->link.type = (int)br_u32(r);
	}
	s->nlinks = n;
	return r->err;
}

/* A mount whose space is asked for: a local filesystem (a block device or
 * tmpfs). statvfs(2) on a network or FUSE mount can block for as long as its
 * server does, which a recorder must never do. */
static bool statvfs_safe(const struct mountinfo *mi, const struct mount_entry *m)
{
	const char *src = mountinfo_str(mi, m->source), *type = mountinfo_str(mi, m->fstype);

	return !strncmp(src, "/dev/", 5) || !strcmp(type, "tmpfs");
}

/* The mount point in the statvfs text: octal escapes for what would split
 * the line (as mountinfo itself escapes). */
static void put_mnt(struct buf *b, const char *mnt)
{
	for (; *mnt; mnt++) {
		char e[5];
		size_t n = 1;

		if (*mnt == ' ' || *mnt == '\t' || *mnt == '\n' || *mnt == '\\')
			n = (size_t)snprintf(e, sizeof(e), "\\%03o", (unsigned char)*mnt);
		else
			e[0] = *mnt;
		if (buf_reserve(b, b->len + n) == 0) {
			memcpy(b->p + b->len, e, n);
			b->len += n;
			b->p[b->len] = '\0';
		}
	}
}

void sample_take_statvfs(const struct root *r, struct sample *s)
{
	struct statvfs sv;
	char line[160];

	s->statvfs.len = 0;
	if (!sample_has(s, SAMPLE_MOUNTINFO))
		return;
	if (!r->live) {
		/* a captured tree: its statvfs file, in the same format */
		s->have_statvfs = root_read_buf(r, ROOT_TOP, "statvfs", &s->statvfs) == 0;
		sample_apply_statvfs(s);
		return;
	}
	for (size_t i = 0; i < s->mounts.n; i++) {
		const struct mount_entry *m = &s->mounts.m[i];
		const char *mnt = mountinfo_str(&s->mounts, m->mnt);
		int n;

		if (!statvfs_safe(&s->mounts, m) || statvfs(mnt, &sv))
			continue;
		put_mnt(&s->statvfs, mnt);
		n = snprintf(line, sizeof(line), " %lu %llu %llu %llu %llu %llu\n",
			     (unsigned long)(sv.f_frsize ? sv.f_frsize : sv.f_bsize),
			     (unsigned long long)sv.f_blocks, (unsigned long long)sv.f_bfree,
			     (unsigned long long)sv.f_bavail, (unsigned long long)sv.f_files,
			     (unsigned long long)sv.f_ffree);
		if (buf_reserve(&s->statvfs, s->statvfs.len + (size_t)n) == 0) {
			memcpy(s->statvfs.p + s->statvfs.len, line, (size_t)n + 1);
			s->statvfs.len += (size_t)n;
		}
	}
	s->have_statvfs = true;
	sample_apply_statvfs(s);
}

void sample_apply_statvfs(struct sample *s)
{
	if (s->have_statvfs && sample_has(s, SAMPLE_MOUNTINFO))
		mountinfo_statvfs_parse(s->statvfs.p ? s->statvfs.p : "", s->statvfs.len, &s->mounts);
}

/* The UDP sockets of each family (ss -s's dump counts them). */
static int take_udp(const struct root *r, uint64_t udp[2])
{
	static const int fams[2] = { AF_INET, AF_INET6 };

	for (int f = 0; f < 2; f++) {
		struct sd_table t;
		int err;

		sd_table_init(&t, false);
		err = nl_sockdiag_dump(r, fams[f], IPPROTO_UDP, ~0u, &t, NULL);
		udp[f] = t.n;
		sd_table_free(&t);
		if (err)
			return err;
	}
	return 0;
}

/* A TCP socket changes state only with a segment in or out, a socket made,
 * hashed or freed, or a timer that ends one (a connect or a connection
 * timing out moves AttemptFails, EstabResets or CurrEstab; TIME_WAIT and
 * orphans are counted in sockstat), and a UDP socket is counted in sockstat
 * when made. So when net/snmp's Tcp and Udp counters and sockstat{,6} are
 * all as they were at a walk of the established hash, a new walk would
 * find what it found. A listener's accept queue shrinks with accept(),
 * which moves none of these: the listeners are dumped every time (a
 * LISTEN-only dump skips the established hash). At least every
 * SAMPLE_SOCKS_REFRESH samples the walk is made anyway (a bound UDP socket
 * without traffic moves nothing). */
void sample_socks_sig(const struct sample *s, struct sample_socks_sig *g)
{
	unsigned need = SAMPLE_BIT(SNMP) | SAMPLE_BIT(SOCKSTAT) | SAMPLE_BIT(SOCKSTAT6);

	memset(g, 0, sizeof(*g));
	if (!s->live || (s->have & need) != need || s->raw[SAMPLE_SOCKSTAT].len >= sizeof(g->sockstat[0]) ||
	    s->raw[SAMPLE_SOCKSTAT6].len >= sizeof(g->sockstat[1]))
		return;
	for (int f = SNMP_TCP_ACTIVE_OPENS; f <= SNMP_UDP_MEM_ERRORS; f++)
		g->snmp[f - SNMP_TCP_ACTIVE_OPENS] = s->snmp.have[f] ? s->snmp.v[f] : UINT64_MAX;
	for (int i = 0; i < 2; i++) {
		g->len[i] = s->raw[SAMPLE_SOCKSTAT + i].len;
		memcpy(g->sockstat[i], s->raw[SAMPLE_SOCKSTAT + i].p, g->len[i]);
	}
	g->ok = true;
}

bool sample_socks_sig_eq(const struct sample_socks_sig *a, const struct sample_socks_sig *b)
{
	return a->ok && b->ok && !memcmp(a->snmp, b->snmp, sizeof(a->snmp)) && a->len[0] == b->len[0] &&
	       a->len[1] == b->len[1] && !memcmp(a->sockstat[0], b->sockstat[0], a->len[0]) &&
	       !memcmp(a->sockstat[1], b->sockstat[1], a->len[1]);
}

static bool socks_unchanged(const struct sample *prev, const struct sample *s)
{
	struct sample_socks_sig a, b;

	if (!prev || !prev->have_socks || !prev->socks.have_split || prev->socks_carried + 1 >= SAMPLE_SOCKS_REFRESH)
		return false;
	sample_socks_sig(prev, &a);
	sample_socks_sig(s, &b);
	return sample_socks_sig_eq(&a, &b);
}

void sample_take_socks(const struct root *r, const struct sample *prev, struct sample *s)
{
	bool carry = socks_unchanged(prev, s);
	struct sd_table t;
	int err;

	sd_table_init(&t, false);
	err = nl_sockdiag_dump_tcp(r, carry ? 1u << SD_LISTEN : ~0u, &t);
	if (err && t.n == 0) {
		s->socks_err = err;
		goto out;
	}
	if (carry) {
		memcpy(s->socks.tcp_by_state, prev->socks.tcp_by_state, sizeof(s->socks.tcp_by_state));
		memcpy(s->socks.tcp6_by_state, prev->socks.tcp6_by_state, sizeof(s->socks.tcp6_by_state));
		memcpy(s->socks.udp, prev->socks.udp, sizeof(s->socks.udp));
		/* the listeners are this dump's */
		s->socks.tcp_by_state[SD_LISTEN] = s->socks.tcp6_by_state[SD_LISTEN] = 0;
		s->socks_carried = prev->socks_carried + 1;
	}
	for (size_t i = 0; i < t.n; i++) {
		const struct sd_sock *k = &t.s[i];

		if (k->state < SD__MAX)
			s->socks.tcp_by_state[k->state]++;
		if (k->state < SD__MAX && k->family == AF_INET6)
			s->socks.tcp6_by_state[k->state]++;
		if (k->state == SD_LISTEN && s->socks.nlisten < SAMPLE_MAX_LISTEN) {
			struct sd_sock *l = realloc(s->socks.listen, (s->socks.nlisten + 1) * sizeof(*l));

			if (!l)
				break;
			s->socks.listen = l;
			l[s->socks.nlisten++] = *k;
		}
	}
	s->have_socks = true;
	s->socks.have_split = carry || take_udp(r, s->socks.udp) == 0;
out:
	sd_table_free(&t);
}

void sample_encode_socks_split(const struct sample_socks *k, struct bw *w)
{
	bw_u32(w, SD__MAX);
	for (int i = 0; i < SD__MAX; i++)
		bw_u64(w, k->tcp6_by_state[i]);
	bw_u64(w, k->udp[0]), bw_u64(w, k->udp[1]);
}

void sample_decode_socks_split(struct br *r, struct sample_socks *k)
{
	uint32_t ns = br_u32(r);

	for (uint32_t i = 0; i < ns && !r->err; i++) {
		uint64_t v = br_u64(r);

		if (i < SD__MAX)
			k->tcp6_by_state[i] = v;
	}
	k->udp[0] = br_u64(r);
	k->udp[1] = br_u64(r);
	k->have_split = !r->err;
}

void sample_encode_socks(const struct sample_socks *k, struct bw *w)
{
	bw_u32(w, SD__MAX);
	for (int i = 0; i < SD__MAX; i++)
		bw_u64(w, k->tcp_by_state[i]);
	bw_u32(w, (uint32_t)k->nlisten);
	for (size_t i = 0; i < k->nlisten; i++) {
		const struct sd_sock *l = &k->listen[i];

		bw_bytes(w, &l->family, 1);
		bw_u16(w, l->sport);
		bw_bytes(w, l->src, sizeof(l->src));
		bw_u32(w, l->rqueue), bw_u32(w, l->wqueue);
		bw_u32(w, l->uid);
		bw_u64(w, l->inode);
	}
}

int sample_decode_socks(struct br *r, struct sample_socks *k)
{
	uint32_t ns = br_u32(r), n;

	for (uint32_t i = 0; i < ns && !r->err; i++) {
		uint64_t v = br_u64(r);

		if (i < SD__MAX)
			k->tcp_by_state[i] = v;
	}
	n = br_u32(r);
	if (r->err || n > SAMPLE_MAX_LISTEN || n > (r->len - r->off) / 39 + 1)
		return -EBADMSG;
	k->listen = calloc(n ? n : 1, sizeof(*k->listen));
	if (!k->listen)
		return -ENOMEM;
	for (uint32_t i = 0; i < n && !r->err; i++) {
		struct sd_sock *l = &k->listen[i];
		const uint8_t *p = br_take(r, 1);

		l->family = p ? *p : 0;
		l->proto = IPPROTO_TCP;
		l->state = SD_LISTEN;
		l->sport = br_u16(r);
		p = br_take(r, sizeof(l->src));
		if (p)
			memcpy(l->src, p, sizeof(l->src));
		l->rqueue = br_u32(r), l->wqueue = br_u32(r);
		l->uid = br_u32(r);
		l->inode = br_u64(r);
	}
	k->nlisten = n;
	return r->err;
}
