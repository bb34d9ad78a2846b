#include "core/pbuf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

size_t pb_varint_enc(uint8_t out[10], uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		out[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	out[n++] = (uint8_t)v;
	return n;
}

void pb_raw(struct pbuf *b, const void *p, size_t n)
{
	if (b->err || !n)
		return;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		uint8_t *q;

		while (cap < b->len + n)
			cap *= 2;
		q = realloc(b->p, cap);
		if (!q) {
			b->err = -ENOMEM;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void pb_varint(struct pbuf *b, uint64_t v)
{
	uint8_t tmp[10];

	pb_raw(b, tmp, pb_varint_enc(tmp, v));
}

void pb_uint(struct pbuf *b, unsigned field, uint64_t v)
{
	pb_varint(b, (uint64_t)field << 3);
	pb_varint(b, v);
}

void pb_len(struct pbuf *b, unsigned field, const void *p, size_t n)
{
	pb_varint(b, ((uint64_t)field << 3) | 2);
	pb_varint(b, n);
	pb_raw(b, p, n);
}

void pb_reset(struct pbuf *b)
{
	b->len = 0;
}

void pb_free(struct pbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}
