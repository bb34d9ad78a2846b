/* The parts of a sample that are not one kernel file: sys/block (the disks,
 * their partitions and attributes) and each interface's sys/class/net, and
 * their sections of the codec (0x0600 blocks, 0x0700 links):
 *   blocks: u32 ndisks, per disk: u8 name length + name, u8 is_virtual,
 *     i32 rotational, u64 size, u8 dm_name length + dm_name, u32 first_part,
 *     u32 nparts; u32 nparts, per partition: u8 length + name, u32 disk,
 *     u32 partno, u64 size
 *   links: u32 n, per interface: u8 length + name, i32 err, i64 speed_mbps,
 *     u32 duplex, u8 length + operstate, i32 type */
#include "sample/sample_extra.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sample_take_blocks(const struct root *r, struct sample *s)
{
	s->blocks_err = sys_block_read(r, &s->blocks);
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
