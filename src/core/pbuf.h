/* A minimal protocol-buffers writer: base-128 varints, tags and
 * length-delimited fields appended to a growable byte buffer. A
 * submessage is encoded into its own pbuf, then appended with pb_len.
 * Errors are sticky: after an allocation failure every call is a no-op
 * and err is -ENOMEM. */
#ifndef TRIAGE_CORE_PBUF_H
#define TRIAGE_CORE_PBUF_H

#include <stddef.h>
#include <stdint.h>

struct pbuf {
	uint8_t *p;
	size_t len, cap;
	int err;		/* 0 or -ENOMEM */
};

/* Encode v as a varint into out (at most 10 bytes). Returns the length. */
size_t pb_varint_enc(uint8_t out[10], uint64_t v);

void pb_raw(struct pbuf *b, const void *p, size_t n);
void pb_varint(struct pbuf *b, uint64_t v);
/* field number + wire type 0 (varint); int64 values pass as their
 * two's-complement uint64, as protobuf does. */
void pb_uint(struct pbuf *b, unsigned field, uint64_t v);
/* field number + wire type 2 (length-delimited): strings, bytes,
 * submessages and packed repeated fields. */
void pb_len(struct pbuf *b, unsigned field, const void *p, size_t n);
void pb_reset(struct pbuf *b);	/* empty, memory kept */
void pb_free(struct pbuf *b);

#endif
