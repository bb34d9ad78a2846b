/* The flight recorder's store: an append-only directory of segments of
 * checksummed, zstd-compressed records (format: store/store_format.h).
 *
 * A record is one sample as OPAQUE BYTES plus its times: the store never
 * knows what is inside. Each record is compressed with the previous one's
 * bytes as zstd's prefix, so an unchanged sample costs a few bytes.
 *
 * One writer (the recorder) at a time, holding dir/LOCK; any number of
 * readers, without locks, while it writes. Functions return 0 or a negative
 * errno, or one of the negative STORE_E* codes below; store_strerror() names
 * them. The open functions also fill why (whysz bytes) with one sentence
 * that says what is wrong, for the caller's one message. */
#ifndef TRIAGE_STORE_STORE_H
#define TRIAGE_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_DEFAULT_DIR "/var/log/triage"

/* Errors of the store's own (below -4095, outside errno's range). */
enum {
	STORE_ENOTSTORE = 5001,	/* the directory holds no LOCK and no segment */
	STORE_EVERSION,		/* a segment of a newer major version */
	STORE_EUNSAFE,		/* dir group/world-writable, not ours, or a symlink */
	STORE_ELOCKED,		/* another recorder holds the store */
};

/* store_rec.flags (the low 16 bits are stored as given). */
#define STORE_REC_START 0x1u	/* first record after a (re)start of the recorder */

struct store_rec {
	int64_t t_ns;		/* CLOCK_REALTIME of the sample, ns since the epoch */
	int64_t mono_ns;	/* CLOCK_MONOTONIC when taken (intervals within a boot) */
	char boot_id[37];	/* the kernel's boot_id; "" unknown */
	uint32_t interval_ms;	/* the recorder's interval */
	uint32_t flags;		/* STORE_REC_* */
	const void *data;	/* the sample's bytes, uncompressed; on read valid */
	size_t len;		/*   until the next store_next() on that cursor */
};

struct store;		/* opaque: one open store, for writing or for reading */
struct store_cursor;	/* opaque: a position in a store being read */

/* Writer options; NULL or zero fields mean the defaults. */
struct store_wopts {
	uint64_t seg_bytes;	/* rotate at this segment size (16 MiB) */
	int64_t seg_age_ns;	/* or after this much recorded time (1 h) */
	int64_t key_every_ns;	/* a KEY record at least this often (10 min) */
	int zstd_level;		/* 3 */
};

/* Open (create: 0750) dir for recording and take its LOCK. Refuses a dir
 * that is a symlink, group- or world-writable, or owned by another user
 * (STORE_EUNSAFE), and a store another recorder holds (STORE_ELOCKED).
 * Every open starts a new segment. */
int store_open_write(struct store **st, const char *dir, const struct store_wopts *o,
		     char *why, size_t whysz);

/* Append one record, all or nothing. On a write error (ENOSPC, EIO, EDQUOT)
 * the segment is truncated back to the last good record, nothing half is
 * left, the error is returned and the next append (which retries) is a KEY
 * record. The caller says so once. Rotates segments at a size or an age. */
int store_append(struct store *st, const struct store_rec *r);

/* Delete whole segments, oldest first, until the store is at most
 * max_bytes (0: no bound) and holds nothing older than max_age_s before the
 * newest record written (0: no bound). Never the segment being written.
 * Returns the number of segments deleted, or a negative errno. */
int store_retain(struct store *st, uint64_t max_bytes, int64_t max_age_s);

/* Open dir for reading. -EACCES (why says to run as root or join the
 * store's group), -ENOENT, STORE_ENOTSTORE, STORE_EVERSION. */
int store_open_read(struct store **st, const char *dir, char *why, size_t whysz);

/* Close either kind (the writer's LOCK is released). NULL is fine. */
void store_close(struct store *st);

/* A cursor over the records with from_ns <= t_ns <= to_ns (INT64_MIN /
 * INT64_MAX for no bound), in recording order across segments. */
int store_seek(struct store *st, int64_t from_ns, int64_t to_ns, struct store_cursor **c);

/* Before the first store_next: also return the last record before from_ns
 * and the first one after to_ns (when the chain reaches them), so that the
 * intervals overlapping the window are all there. The report over a window
 * (triage --from) wants them: an OOM kill a moment after --from lies in the
 * interval that begins before it. The classic views do not (sar -s starts
 * at the first record at or after the start, as sysstat's does). */
void store_cursor_edges(struct store_cursor *c);

/* The next record: 0, or -ENODATA at the end (while a recorder writes, a
 * later call may find more), or a negative errno on an I/O error. Damaged
 * records are skipped: the reader resynchronises on the next record magic,
 * then waits for a KEY record; each damaged time range is kept (below). */
int store_next(struct store_cursor *c, struct store_rec *r);

/* Damage met so far by the cursor: n ranges, the i-th one: the samples
 * strictly between from_ns and to_ns (the good records on either side) are
 * lost, why says how ("checksum mismatch", "truncated tail" ...), seg names
 * the segment file. Returns 0, or -ENOENT when i >= the count. */
size_t store_cursor_ndamage(const struct store_cursor *c);
int store_cursor_damage(const struct store_cursor *c, size_t i, int64_t *from_ns, int64_t *to_ns,
			const char **why, const char **seg);
void store_cursor_free(struct store_cursor *c);

/* What is recorded (store_history). */
enum store_begin {
	STORE_BEGIN_FIRST,	/* the oldest record kept */
	STORE_BEGIN_RESTART,	/* STORE_REC_START: the recorder (re)started */
	STORE_BEGIN_REBOOT,	/* the boot_id changed */
	STORE_BEGIN_GAP,	/* more than 2 intervals without a record */
	STORE_BEGIN_INTERVAL,	/* the interval changed */
	STORE_BEGIN_DAMAGE,	/* records lost to damage before this range */
};

struct store_range {
	int64_t from_ns, to_ns;	/* first and last record */
	uint32_t interval_ms;
	char boot_id[37];
	uint64_t records;
	enum store_begin begin;	/* what separates it from the range before */
	int64_t gap_ns;		/* from the previous range's last record to from_ns */
};

struct store_damage {
	int64_t from_ns, to_ns;	/* the good records either side (as store_cursor_damage) */
	char why[40];
	char seg[24];
};

struct store_hist {
	struct store_range *ranges;
	size_t nranges;
	struct store_damage *damage;
	size_t ndamage;
	size_t segments;
	uint64_t records;
	uint64_t bytes;		/* size of the segments on disk (st_size) */
	uint64_t raw_bytes;	/* the samples' uncompressed size */
	bool writer_active;	/* a recorder holds the LOCK */
};

/* Walk the whole store (checksums, no decompression) and describe it.
 * Free with store_hist_free. */
int store_history(struct store *st, struct store_hist *h);
void store_hist_free(struct store_hist *h);
const char *store_begin_name(enum store_begin b);

/* strerror() for the store's codes and errno values (err negative). */
const char *store_strerror(int err);

#endif
