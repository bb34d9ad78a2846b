/* The sample codec's header and host parts (format in codec.h). */
#include "sample/codec.h"

#include "sample/sample_cgroups.h"
#include "sample/sample_extra.h"
#include "sample/sample_threads.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void section(struct bw *w, uint16_t tag, const void *p, size_t n)
{
	bw_u16(w, tag);
	bw_u32(w, (uint32_t)n);
	bw_bytes(w, p, n);
}

static void section_err(struct bw *w, uint16_t tag, int err)
{
	bw_u16(w, tag);
	bw_u32(w, 4);
	bw_u32(w, (uint32_t)err);
}

/* A section whose length is patched when it is closed. */
static size_t open_section(struct bw *w, uint16_t tag)
{
	size_t at;

	bw_u16(w, tag);
	at = w->len;
	bw_u32(w, 0);
	return at;
}

static void close_section(struct bw *w, size_t at)
{
	bw_put_u32_at(w, at, (uint32_t)(w->len - at - 4));
}

void sample_encode(const struct sample *s, struct bw *w)
{
	bw_u32(w, SAMPLE_CODEC_MAGIC);
	bw_u16(w, SAMPLE_CODEC_VERSION);
	bw_u16(w, 0);
	bw_u64(w, (uint64_t)s->t_ns);
	bw_u64(w, (uint64_t)s->mono_ns);
	bw_u32(w, s->want);
	for (int i = 0; i < SAMPLE__NPARTS; i++) {
		if (!((s->want >> i) & 1u))
			continue;
		if (s->raw[i].len || sample_has(s, (enum sample_part)i))
			section(w, (uint16_t)(SAMPLE_TAG_PART + i), s->raw[i].p, s->raw[i].len);
		else if (s->err[i])
			section_err(w, (uint16_t)(SAMPLE_TAG_PART_ERR + i), s->err[i]);
	}
	if (s->ncpu.nr || s->ncpu.online) {
		bw_u16(w, SAMPLE_TAG_NCPU);
		bw_u32(w, 8);
		bw_u32(w, (uint32_t)s->ncpu.nr);
		bw_u32(w, (uint32_t)s->ncpu.online);
	}
	if (s->have_blocks) {
		size_t at = open_section(w, SAMPLE_TAG_BLOCKS);

		sample_encode_blocks(&s->blocks, w);
		close_section(w, at);
	}
	if (s->nlinks) {
		size_t at = open_section(w, SAMPLE_TAG_LINKS);

		sample_encode_links(s, w);
		close_section(w, at);
	}
	if (s->have_statvfs)
		section(w, SAMPLE_TAG_STATVFS, s->statvfs.p, s->statvfs.len);
	if (s->have_socks) {
		size_t at = open_section(w, SAMPLE_TAG_SOCKS);

		sample_encode_socks(&s->socks, w);
		close_section(w, at);
		if (s->socks.have_split) {
			at = open_section(w, SAMPLE_TAG_SOCKS_SPLIT);
			sample_encode_socks_split(&s->socks, w);
			close_section(w, at);
		}
	} else if (s->socks_err) {
		section_err(w, SAMPLE_TAG_SOCKS_ERR, s->socks_err);
	}
	if (s->have_cgroups) {
		size_t at = open_section(w, SAMPLE_TAG_CGROUPS);

		sample_encode_cgroups(&s->cgroups, w);
		close_section(w, at);
	} else if (s->cgroups_err) {
		section_err(w, SAMPLE_TAG_CGROUPS_ERR, s->cgroups_err);
	}
	if (s->have_threads && s->threads) {
		size_t at = open_section(w, SAMPLE_TAG_THREADS);

		sample_encode_threads(s->threads, w);
		close_section(w, at);
	} else if (s->threads_err) {
		section_err(w, SAMPLE_TAG_THREADS_ERR, s->threads_err);
	}
	if (s->have_kmsg)
		section(w, SAMPLE_TAG_KMSG, s->kmsg.p, s->kmsg.len);
	else if (s->kmsg_err)
		section_err(w, SAMPLE_TAG_KMSG_ERR, s->kmsg_err);
	if (s->have_exited) {
		size_t at = open_section(w, SAMPLE_TAG_EXITED);

		sample_encode_exited(&s->exited, w);
		close_section(w, at);
	}
	if (s->exited_err) {
		size_t at = open_section(w, SAMPLE_TAG_EXITED_NOTE);

		sample_encode_exited_note(s->exited_err, s->exited_why, w);
		close_section(w, at);
	}
	if (s->have_procs) {
		size_t at = open_section(w, SAMPLE_TAG_PROCS);

		sample_encode_procs(&s->procs, w);
		close_section(w, at);
	} else if (s->procs_err) {
		section_err(w, SAMPLE_TAG_PROCS_ERR, s->procs_err);
	}
}

static int decode_part(struct sample *out, int id, const uint8_t *p, uint32_t n)
{
	struct buf *b = &out->raw[id];
	int err = buf_reserve(b, n);

	if (err)
		return err;
	memcpy(b->p, p, n);
	b->p[n] = '\0';
	b->len = n;
	sample_parse_part(out, (enum sample_part)id);
	return 0;
}

/* The sockets' sections (0x0a00 to 0x0a02). */
static int decode_socks(struct sample *out, uint16_t tag, struct br *rp)
{
	struct br r = *rp;
	int err;

	if (tag == SAMPLE_TAG_SOCKS) {
		free(out->socks.listen);
		memset(&out->socks, 0, sizeof(out->socks));
		err = sample_decode_socks(&r, &out->socks);
		out->have_socks = err == 0;
		return err;
	}
	if (tag == SAMPLE_TAG_SOCKS_SPLIT) {
		sample_decode_socks_split(&r, &out->socks);
		return r.err;
	}
	if (tag == SAMPLE_TAG_SOCKS_ERR) {
		out->socks_err = (int)br_u32(&r);
		return r.err;
	}
	return 0;
}

/* A text section into b, NUL-terminated. */
static int copy_text(struct buf *b, const uint8_t *p, uint32_t n)
{
	int err = buf_reserve(b, n);

	if (err)
		return err;
	if (n)
		memcpy(b->p, p, n);
	b->p[n] = '\0';
	b->len = n;
	return 0;
}

/* The cgroups' and thread states' sections (0x0b00, 0x0c00). 1: not one of them. */
static int decode_section2(struct sample *out, uint16_t tag, struct br *r)
{
	int err;

	switch (tag) {
	case SAMPLE_TAG_CGROUPS:
		cgroup_snapshot_free(&out->cgroups);
		err = sample_decode_cgroups(r, &out->cgroups);
		out->have_cgroups = err == 0;
		return err;
	case SAMPLE_TAG_CGROUPS_ERR:
		out->cgroups_err = (int)br_u32(r);
		return r->err;
	case SAMPLE_TAG_THREADS:
		sample_threads_free(out->threads);
		out->threads = NULL;
		err = sample_decode_threads(r, &out->threads);
		out->have_threads = err == 0;
		return err;
	case SAMPLE_TAG_THREADS_ERR:
		out->threads_err = (int)br_u32(r);
		return r->err;
	default:
		return 1;
	}
}

static int decode_section(struct sample *out, uint16_t tag, const uint8_t *p, uint32_t n)
{
	struct br r = { p, n, 0, 0 };
	int err;

	if (tag >= SAMPLE_TAG_PART && tag < SAMPLE_TAG_PART + SAMPLE__NPARTS)
		return decode_part(out, tag - SAMPLE_TAG_PART, p, n);
	if (tag >= SAMPLE_TAG_PART_ERR && tag < SAMPLE_TAG_PART_ERR + SAMPLE__NPARTS) {
		int id = tag - SAMPLE_TAG_PART_ERR;

		out->err[id] = (int)br_u32(&r);
		if (id >= SAMPLE_PSI_CPU && id <= SAMPLE_PSI_IRQ)
			out->psi.err[id - SAMPLE_PSI_CPU] = out->err[id];
		return r.err;
	}
	if (tag == SAMPLE_TAG_PROCS) {
		err = sample_decode_procs(&r, &out->procs);
		out->have_procs = err == 0;
		return err;
	}
	if (tag == SAMPLE_TAG_STATVFS) {
		err = copy_text(&out->statvfs, p, n);
		out->have_statvfs = err == 0;
		return err;
	}
	if (tag >= SAMPLE_TAG_SOCKS && tag <= SAMPLE_TAG_SOCKS_SPLIT)
		return decode_socks(out, tag, &r);
	if (tag == SAMPLE_TAG_KMSG) {
		err = copy_text(&out->kmsg, p, n);
		out->have_kmsg = err == 0;
		return err;
	}
	if (tag == SAMPLE_TAG_KMSG_ERR) {
		out->kmsg_err = (int)br_u32(&r);
		return r.err;
	}
	if (tag == SAMPLE_TAG_NCPU) {
		out->ncpu.nr = (int)br_u32(&r);
		out->ncpu.online = (int)br_u32(&r);
		return r.err;
	}
	if (tag == SAMPLE_TAG_BLOCKS) {
		sys_block_free(&out->blocks);
		err = sample_decode_blocks(&r, &out->blocks);
		out->have_blocks = err == 0;
		return err;
	}
	if (tag == SAMPLE_TAG_LINKS) {
		free(out->links);
		out->links = NULL;
		out->nlinks = 0;
		return sample_decode_links(&r, out);
	}
	if (tag == SAMPLE_TAG_EXITED) {
		exited_list_free(&out->exited);
		err = sample_decode_exited(&r, &out->exited);
		out->have_exited = err == 0;
		return err;
	}
	if (tag == SAMPLE_TAG_EXITED_NOTE)
		return sample_decode_exited_note(&r, out);
	if (tag == SAMPLE_TAG_PROCS_ERR) {
		out->procs_err = (int)br_u32(&r);
		return r.err;
	}
	err = decode_section2(out, tag, &r);
	return err == 1 ? 0 : err;	/* 1: a section of a later version, skipped */
}

int sample_decode(const void *data, size_t len, struct sample *out)
{
	struct br r = { data, len, 0, 0 };
	int err = 0;

	if (br_u32(&r) != SAMPLE_CODEC_MAGIC)
		return r.err ? -EBADMSG : -EPROTONOSUPPORT;
	if (br_u16(&r) != SAMPLE_CODEC_VERSION)
		return -EPROTONOSUPPORT;
	br_u16(&r);
	out->t_ns = (int64_t)br_u64(&r);
	out->mono_ns = (int64_t)br_u64(&r);
	out->want = br_u32(&r);
	out->live = false;
	out->recorded = true;
	while (!r.err && !err && r.off < r.len) {
		uint16_t tag = br_u16(&r);
		uint32_t n = br_u32(&r);
		const uint8_t *p = br_take(&r, n);

		if (p)
			err = decode_section(out, tag, p, n);
	}
	if (!err && r.err)
		err = -EBADMSG;
	if (!err) {
		sample_finish(out);
		sample_apply_statvfs(out);
	}
	if (!err && !out->ncpu.nr && sample_has(out, SAMPLE_STAT)) {
		/* recorded before the counts were: the rule without sysfs */
		out->ncpu.nr = out->stat.ncpu;
		out->ncpu.online = sample_has(out, SAMPLE_CPU_ONLINE) ? out->online.count : out->stat.nonline;
	}
	return err;
}

int sample_copy(const struct sample *src, struct sample *dst)
{
	struct bw w = { 0 };
	int err;

	sample_encode(src, &w);
	err = w.err ? w.err : sample_decode(w.p, w.len, dst);
	bw_free(&w);
	if (err)
		return err == -ENOMEM ? err : -ENOMEM;
	dst->live = src->live;
	dst->recorded = src->recorded;
	dst->restart = src->restart;
	dst->mono_ns = src->mono_ns;
	dst->t_ns = src->t_ns;
	return 0;
}
