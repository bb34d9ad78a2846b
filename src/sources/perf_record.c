#include "sources/perf_record.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <string.h>

/* A bounded reader over one record: every get checks the length, so a
 * truncated or hostile buffer ends in -EINVAL, never a read past its end. */
struct cur {
	const unsigned char *p;
	size_t left;
	int bad;
};

static uint64_t get64(struct cur *c)
{
	uint64_t v = 0;

	if (c->left < 8) {
		c->bad = 1;
		return 0;
	}
	memcpy(&v, c->p, 8);
	c->p += 8;
	c->left -= 8;
	return v;
}

static void get32x2(struct cur *c, uint32_t *a, uint32_t *b)
{
	uint64_t v = get64(c);
	uint32_t w[2];

	memcpy(w, &v, sizeof(w));
	*a = w[0];
	*b = w[1];
}

/* Copy a NUL-terminated string of at most the remaining bytes. */
static void get_str(struct cur *c, char *dst, size_t size)
{
	size_t n = strnlen((const char *)c->p, c->left);

	if (n >= size)
		n = size - 1;
	memcpy(dst, c->p, n);
	dst[n] = '\0';
}

/* SAMPLE for IP|TID|TIME|CPU|PERIOD|CALLCHAIN, fields in the kernel's order
 * (perf_output_sample): ip, pid/tid, time, cpu/res, period, nr, ips[nr].
 * Context markers (PERF_CONTEXT_KERNEL, _USER, ...: values >= -4095) are
 * not frames: they set the context of the frames after them. */
static int parse_sample(struct cur *c, struct perf_sample *s)
{
	uint32_t res;
	uint64_t nr;
	uint8_t ctx = PCTX_NONE;

	s->ip = get64(c);
	get32x2(c, &s->pid, &s->tid);
	s->time = get64(c);
	get32x2(c, &s->cpu, &res);
	s->period = get64(c);
	nr = get64(c);
	if (c->bad || nr > c->left / 8)
		return -EINVAL;
	s->nr = 0;
	s->nr_dropped = 0;
	for (uint64_t i = 0; i < nr; i++) {
		uint64_t ip = get64(c);

		if (ip >= (uint64_t)PERF_CONTEXT_MAX) {
			if (ip == (uint64_t)PERF_CONTEXT_KERNEL)
				ctx = PCTX_KERNEL;
			else if (ip == (uint64_t)PERF_CONTEXT_USER)
				ctx = PCTX_USER;
			else
				ctx = PCTX_NONE;	/* hv, guest: not symbolized */
			continue;
		}
		if (s->nr == PERF_MAX_STACK) {
			s->nr_dropped++;
			continue;
		}
		s->ctx[s->nr] = ctx;
		s->ips[s->nr++] = ip;
	}
	return 0;
}

static int parse_mmap(struct cur *c, uint32_t type, uint16_t misc, struct perf_mmap_rec *m)
{
	memset(m, 0, offsetof(struct perf_mmap_rec, filename));
	get32x2(c, &m->pid, &m->tid);
	m->addr = get64(c);
	m->len = get64(c);
	m->pgoff = get64(c);
	if (type == PERF_RECORD_MMAP2) {
		uint32_t flags;

		get32x2(c, &m->maj, &m->min);
		m->ino = get64(c);
		get64(c);	/* ino_generation (or build id with MISC_MMAP_BUILD_ID) */
		get32x2(c, &m->prot, &flags);
		m->exec = m->prot & 0x4;	/* PROT_EXEC */
	} else {
		m->exec = !(misc & PERF_RECORD_MISC_MMAP_DATA);
	}
	if (c->bad)
		return -EINVAL;
	get_str(c, m->filename, sizeof(m->filename));
	return 0;
}

int perf_record_parse(const void *buf, size_t len, struct perf_record *out)
{
	struct perf_event_header h;
	struct cur c;
	int err = 0;

	if (len < sizeof(h))
		return -EINVAL;
	memcpy(&h, buf, sizeof(h));
	if (h.size < sizeof(h) || h.size > len)
		return -EINVAL;
	out->type = h.type;
	out->misc = h.misc;
	c.p = (const unsigned char *)buf + sizeof(h);
	c.left = h.size - sizeof(h);
	c.bad = 0;
	switch (h.type) {
	case PERF_RECORD_SAMPLE:
		err = parse_sample(&c, &out->u.sample);
		break;
	case PERF_RECORD_MMAP:
	case PERF_RECORD_MMAP2:
		err = parse_mmap(&c, h.type, h.misc, &out->u.mmap);
		break;
	case PERF_RECORD_COMM:
		get32x2(&c, &out->u.comm.pid, &out->u.comm.tid);
		if (!c.bad)
			get_str(&c, out->u.comm.comm, sizeof(out->u.comm.comm));
		out->u.comm.exec = h.misc & PERF_RECORD_MISC_COMM_EXEC;
		break;
	case PERF_RECORD_EXIT:
	case PERF_RECORD_FORK:
		get32x2(&c, &out->u.exit.pid, &out->u.exit.ppid);
		get32x2(&c, &out->u.exit.tid, &out->u.exit.ptid);
		out->u.exit.time = get64(&c);
		break;
	case PERF_RECORD_LOST:
		get64(&c);	/* id */
		out->u.lost.lost = get64(&c);
		break;
	case PERF_RECORD_LOST_SAMPLES:
		out->u.lost.lost = get64(&c);
		break;
	default:
		break;
	}
	return err ? err : c.bad ? -EINVAL : 0;
}
