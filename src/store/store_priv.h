/* Internals shared by the store's files (not for callers: see store.h). */
#ifndef TRIAGE_STORE_PRIV_H
#define TRIAGE_STORE_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "store/store_format.h"

struct seg_info {
	uint64_t seq;
	uint64_t size;		/* st_size when listed */
	int64_t first_t_ns;	/* the first record's time; INT64_MIN unknown */
	char name[SEG_NAME_LEN + 1];
};

struct store_w {
	int lockfd;
	int segfd;		/* -1: no segment open */
	uint64_t seq;		/* of the open segment (or the last one) */
	uint64_t seg_len;	/* bytes of good records in the open segment */
	int64_t seg_first_t;
	bool need_key;
	int64_t last_t, last_key_t;
	uint32_t last_interval;
	char boot_id[37];
	void *zc;		/* ZSTD_CCtx */
	unsigned char *prev;	/* the last record's uncompressed bytes */
	size_t prev_len, prev_cap;
	unsigned char *buf;	/* the record being built */
	size_t buf_cap;
	struct store_wopts o;
};

struct store {
	int dfd;
	bool writer;
	char dir[4096];
	struct seg_info *segs;	/* sorted by seq */
	size_t nsegs;
	struct store_w w;
};

/* segment.c */
/* List dir's segments into st->segs, sorted by sequence number; with
 * first_times, read each one's header (and refuse a newer major). */
int seg_list(struct store *st, bool first_times, char *why, size_t whysz);
/* Parse a segment file name: its sequence number, or 0 if not one. */
uint64_t seg_name_seq(const char *name);
/* Is a recorder holding dir's LOCK? */
bool store_writer_active(const struct store *st);
/* Grow *p (a malloc'd buffer of *cap bytes) to at least n bytes. */
int store_grow(unsigned char **p, size_t *cap, size_t n);
void store_why(char *why, size_t whysz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A reader of one segment's records (segment.c), for cursors and history. */
struct seg_reader {
	int fd;
	uint64_t off;		/* the next record's offset */
	uint64_t size;
	bool live;		/* the segment a running recorder appends to */
	bool hdr_done;		/* the segment header was checked */
	unsigned char *body;	/* the last record's body */
	size_t body_cap;
};

enum seg_res {
	SEG_REC,	/* a good record: hdr, body (hdr.len - RECHDR_LEN bytes) */
	SEG_END,	/* the end (or, live, a record still being written) */
	SEG_DAMAGE,	/* bytes that are no record: *why; the reader moved past them */
};

int seg_reader_open(struct seg_reader *sr, const struct store *st, const struct seg_info *si,
		    bool live);
void seg_reader_close(struct seg_reader *sr);
/* The next record. Returns a seg_res or a negative errno; on SEG_DAMAGE,
 * *why names it and, when the damaged record's own header was good, *hdr_t
 * is its time (else INT64_MIN). */
int seg_reader_next(struct seg_reader *sr, struct rec_hdr *hdr, const char **why, int64_t *hdr_t);

#endif
