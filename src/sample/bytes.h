/* Little-endian byte writer and bounded reader for the sample codec. The
 * writer grows a buffer and remembers the first error; the reader never reads
 * past its end and remembers that it tried (then every value reads as 0). */
#ifndef TRIAGE_SAMPLE_BYTES_H
#define TRIAGE_SAMPLE_BYTES_H

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct bw {
	uint8_t *p;
	size_t len, cap;
	int err;		/* -ENOMEM once a growth failed */
};

struct br {
	const uint8_t *p;
	size_t len, off;
	int err;		/* -EBADMSG once a read went past the end */
};

static inline uint8_t *bw_room(struct bw *w, size_t n)
{
	if (w->err)
		return NULL;
	if (w->cap - w->len < n) {
		size_t cap = w->cap ? w->cap : 4096;
		uint8_t *p;

		while (cap - w->len < n)
			cap *= 2;
		p = realloc(w->p, cap);
		if (!p) {
			w->err = -ENOMEM;
			return NULL;
		}
		w->p = p;
		w->cap = cap;
	}
	w->len += n;
	return w->p + w->len - n;
}

static inline void bw_bytes(struct bw *w, const void *v, size_t n)
{
	uint8_t *d = bw_room(w, n);

	if (d && n)
		memcpy(d, v, n);
}

static inline void bw_u64(struct bw *w, uint64_t v)
{
	uint8_t *d = bw_room(w, 8);

	for (int i = 0; d && i < 8; i++)
		d[i] = (uint8_t)(v >> (8 * i));
}

static inline void bw_u32(struct bw *w, uint32_t v)
{
	uint8_t *d = bw_room(w, 4);

	for (int i = 0; d && i < 4; i++)
		d[i] = (uint8_t)(v >> (8 * i));
}

static inline void bw_u16(struct bw *w, uint16_t v)
{
	uint8_t *d = bw_room(w, 2);

	if (d)
		d[0] = (uint8_t)v, d[1] = (uint8_t)(v >> 8);
}

/* Patch a u32 written earlier at offset off. */
static inline void bw_put_u32_at(struct bw *w, size_t off, uint32_t v)
{
	if (w->err || off + 4 > w->len)
		return;
	for (int i = 0; i < 4; i++)
		w->p[off + i] = (uint8_t)(v >> (8 * i));
}

static inline void bw_free(struct bw *w)
{
	free(w->p);
	memset(w, 0, sizeof(*w));
}

static inline const uint8_t *br_take(struct br *r, size_t n)
{
	if (r->err || r->len - r->off < n) {
		r->err = -EBADMSG;
		return NULL;
	}
	r->off += n;
	return r->p + r->off - n;
}

static inline uint64_t br_u64(struct br *r)
{
	const uint8_t *s = br_take(r, 8);
	uint64_t v = 0;

	for (int i = 0; s && i < 8; i++)
		v |= (uint64_t)s[i] << (8 * i);
	return v;
}

static inline uint32_t br_u32(struct br *r)
{
	const uint8_t *s = br_take(r, 4);
	uint32_t v = 0;

	for (int i = 0; s && i < 4; i++)
		v |= (uint32_t)s[i] << (8 * i);
	return v;
}

static inline uint16_t br_u16(struct br *r)
{
	const uint8_t *s = br_take(r, 2);

	return s ? (uint16_t)(s[0] | (s[1] << 8)) : 0;
}

#endif
