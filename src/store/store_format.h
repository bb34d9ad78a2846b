/* The flight recorder's on-disk format, version 1.0. This header owns it:
 * change it here, bump the version, and keep the fixture recordings reading.
 *
 * A store is a directory (0750, owned by the recorder's user, normally root):
 *   LOCK                 empty file; the recorder holds an exclusive OFD lock
 *                        (fcntl F_OFD_SETLK) on it while it runs. Readers only
 *                        test it (F_OFD_GETLK), never take it.
 *   seg-NNNNNNNNNNNN.trs segments (0640), NNNN the 12-digit decimal sequence
 *                        number, 1, 2, 3 ... in recording order. The recorder
 *                        starts a new one at every start, at SEG_BYTES or after
 *                        SEG_AGE of recorded time. A segment is created
 *                        as seg-new.tmp with its header, then renamed:
 *                        every seg-*.trs has a whole header.
 * Other names in the directory are ignored.
 *
 * A segment is a 64-byte header followed by records, back to back, only ever
 * appended. All integers are little-endian; times are nanoseconds.
 *
 * Segment header (SEGHDR_LEN bytes):
 *    0  8  magic "TRIAGEST"
 *    8  2  major version (readers refuse a major above theirs)
 *   10  2  minor version (additions a reader of the same major may ignore)
 *   12  4  header length (64; a later minor may grow it: records start here)
 *   16  8  sequence number (the one in the file name)
 *   24  8  CLOCK_REALTIME when the segment was created
 *   32 28  reserved, zero
 *   60  4  crc32 (zlib) of bytes 0..59
 *
 * Record (RECHDR_LEN-byte header, then the body):
 *    0  4  magic "TREC" (a reader resynchronises on it after damage)
 *    4  4  record length: header + body, bytes
 *    8  8  t_ns: CLOCK_REALTIME of the sample
 *   16  8  mono_ns: CLOCK_MONOTONIC of the sample
 *   24  4  interval_ms: the recorder's interval
 *   28  4  flags: bits 0..15 the caller's STORE_REC_* flags (store.h);
 *          REC_F_KEY: the payload is compressed without a prefix;
 *          REC_F_BOOTID: the body starts with a BOOTID_LEN-byte boot_id block
 *   32  4  raw length: the sample's uncompressed length
 *   36  4  crc32 of the body
 *   40  4  reserved, zero
 *   44  4  crc32 of header bytes 0..43
 * Body: [boot_id block: the 36-character boot_id, NUL-padded to 40 bytes]
 *       then one zstd frame of the sample's bytes. A KEY frame stands alone;
 *       any other frame was compressed with the previous record's
 *       uncompressed bytes as its prefix (ZSTD_CCtx_refPrefix), so decoding it
 *       needs every record back to the last KEY. Every KEY carries the
 *       boot_id; the records after it share it.
 *
 * Finding a time: the segments' first records (read at open) say which
 * segment holds it; within one, a walk of the 48-byte record headers finds
 * the last KEY at or before it, where decoding starts. No separate index
 * file exists to get out of step with the data.
 *
 * KEY records: the first of every segment, the first after a write failure,
 * a time gap (more than 2 intervals), a STORE_REC_START or a boot_id change,
 * and at least every KEY_EVERY of recorded time, so damage costs at most that.
 */
#ifndef TRIAGE_STORE_FORMAT_H
#define TRIAGE_STORE_FORMAT_H

#include <stdint.h>
#include <string.h>

#define STORE_MAJOR 1
#define STORE_MINOR 0

#define SEG_MAGIC "TRIAGEST"
#define SEG_MAGIC_LEN 8
#define SEGHDR_LEN 64
#define SEG_PREFIX "seg-"
#define SEG_SUFFIX ".trs"
#define SEG_NAME_FMT "seg-%012llu.trs"
#define SEG_NAME_LEN 20			/* strlen("seg-000000000001.trs") */
#define STORE_LOCK_NAME "LOCK"
#define SEG_TMP_NAME "seg-new.tmp"		/* a segment being created (its header) */

#define REC_MAGIC "TREC"
#define RECHDR_LEN 48
#define BOOTID_LEN 40
#define REC_F_USER_MASK 0xffffu
#define REC_F_KEY (1u << 16)
#define REC_F_BOOTID (1u << 17)
#define REC_MAX_LEN (256u << 20)	/* a record (and a sample) is under 256 MiB */

#define SEG_BYTES_DEFAULT (16ull << 20)
#define SEG_AGE_DEFAULT_NS (3600ll * 1000000000ll)
#define KEY_EVERY_DEFAULT_NS (600ll * 1000000000ll)
#define ZSTD_LEVEL_DEFAULT 3
#define ZSTD_WINDOWLOG_CAP 27		/* zstd decoders accept up to 2^27 by default */

/* A decoded record header. */
struct rec_hdr {
	uint32_t len;
	int64_t t_ns;
	int64_t mono_ns;
	uint32_t interval_ms;
	uint32_t flags;
	uint32_t raw_len;
	uint32_t body_crc;
};

/* A decoded segment header. */
struct seg_hdr {
	uint16_t major, minor;
	uint32_t hdr_len;
	uint64_t seq;
	int64_t created_ns;
};

static inline void le_put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static inline void le_put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static inline uint32_t le_get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t le_get64(const unsigned char *p)
{
	return (uint64_t)le_get32(p) | (uint64_t)le_get32(p + 4) << 32;
}

/* Encode / decode (segment.c). The decoders check magic, lengths and the
 * header crc: 0, or -EBADMSG. */
void rec_hdr_encode(unsigned char out[RECHDR_LEN], const struct rec_hdr *h);
int rec_hdr_decode(const unsigned char in[RECHDR_LEN], struct rec_hdr *h);
void seg_hdr_encode(unsigned char out[SEGHDR_LEN], const struct seg_hdr *h);
int seg_hdr_decode(const unsigned char in[SEGHDR_LEN], struct seg_hdr *h);
uint32_t store_crc32(const void *p, size_t n);

#endif
