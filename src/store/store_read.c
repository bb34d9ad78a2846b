/* The reader: open a store without locks, seek to a time, decode records
 * along the prefix chain, skip and name damage. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "store/store_priv.h"

struct store_cursor {
	struct store *st;
	int64_t from, to;
	size_t si;		/* the segment in st->segs */
	uint64_t seq;		/* its sequence number */
	bool open, done;
	uint64_t start_off;	/* where to begin in the first segment (0: its start) */
	struct seg_reader sr;
	bool need_key;
	void *dc;		/* ZSTD_DCtx */
	unsigned char *prev, *cur;	/* the last record's bytes, the one being decoded */
	size_t prev_len, prev_cap, cur_cap;
	char boot_id[37];
	int64_t last_good_t;
	bool in_dmg;		/* damage met, not yet followed by a good record */
	int64_t dmg_from, dmg_max_t;
	const char *dmg_why;
	char dmg_seg[24];
	struct store_damage *dmg;
	size_t ndmg, dmg_cap;
	bool edges;		/* store_cursor_edges() */
	struct rec_hdr held_h;	/* the last record before from (its bytes: prev, then cur
				 * once the next record is decoded) ... */
	size_t held_len;
	char held_boot[37];
	bool have_held;
	bool pending;		/* ... and, once it is returned, the first one at or after from
				 * (its bytes are still in prev) */
	struct rec_hdr pend_h;
};

int store_open_read(struct store **out, const char *dir, char *why, size_t whysz)
{
	struct store *st = calloc(1, sizeof(*st));
	struct stat sb;
	int err = 0;

	*out = NULL;
	store_why(why, whysz, "%s", "");
	if (!st)
		return -ENOMEM;
	st->w.lockfd = st->w.segfd = -1;
	snprintf(st->dir, sizeof(st->dir), "%s", dir);
	st->dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (st->dfd < 0)
		err = -errno;
	if (!err)
		err = seg_list(st, true, why, whysz);
	if (err == -EACCES) {
		store_why(why, whysz, "cannot read %s: Permission denied (the store is root's, mode 0750: "
			  "run as root or as a member of its group)", dir);
	} else if (err == -ENOENT || err == -ENOTDIR) {
		store_why(why, whysz, "cannot read %s: %s (no store there)", dir, strerror(-err));
	} else if (!err && st->nsegs == 0 && fstatat(st->dfd, STORE_LOCK_NAME, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
		store_why(why, whysz, "cannot read %s: not a triage store (no %s file and no " SEG_PREFIX "*"
			  SEG_SUFFIX " segment)", dir, STORE_LOCK_NAME);
		err = -STORE_ENOTSTORE;
	} else if (err && (!why || !why[0])) {
		store_why(why, whysz, "cannot read %s: %s", dir, store_strerror(err));
	}
	if (err) {
		store_close(st);
		return err;
	}
	*out = st;
	return 0;
}

/* The offset of the last KEY record at or before from in segment si (by
 * headers alone), or 0 for the segment's start. */
static uint64_t key_before(const struct store *st, const struct seg_info *si, int64_t from)
{
	unsigned char b[SEGHDR_LEN];
	struct seg_hdr sh;
	struct rec_hdr h;
	uint64_t off, best = 0;
	int fd = openat(st->dfd, si->name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return 0;
	if (pread(fd, b, SEGHDR_LEN, 0) != SEGHDR_LEN || seg_hdr_decode(b, &sh) != 0) {
		close(fd);
		return 0;
	}
	for (off = sh.hdr_len; pread(fd, b, RECHDR_LEN, (off_t)off) == RECHDR_LEN; off += h.len) {
		if (rec_hdr_decode(b, &h) != 0 || h.t_ns > from)
			break;
		if (h.flags & REC_F_KEY)
			best = off;
	}
	close(fd);
	return best;
}

int store_seek(struct store *st, int64_t from_ns, int64_t to_ns, struct store_cursor **out)
{
	struct store_cursor *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (!c)
		return -ENOMEM;
	if (!(c->dc = ZSTD_createDCtx())) {
		free(c);
		return -ENOMEM;
	}
	ZSTD_DCtx_setParameter(c->dc, ZSTD_d_windowLogMax, ZSTD_WINDOWLOG_CAP);
	c->st = st;
	c->from = from_ns;
	c->to = to_ns;
	c->sr.fd = -1;
	c->last_good_t = c->dmg_max_t = INT64_MIN;
	/* Start in the last segment that begins at or before from. */
	for (size_t i = 0; i < st->nsegs && from_ns != INT64_MIN; i++) {
		if (st->segs[i].first_t_ns != INT64_MIN && st->segs[i].first_t_ns <= from_ns)
			c->si = i;
	}
	if (c->si < st->nsegs && from_ns != INT64_MIN)
		c->start_off = key_before(st, &st->segs[c->si], from_ns);
	c->seq = c->si < st->nsegs ? st->segs[c->si].seq : 0;
	*out = c;
	return 0;
}

static int dmg_push(struct store_cursor *c, int64_t to)
{
	if (c->ndmg == c->dmg_cap) {
		size_t n = c->dmg_cap ? c->dmg_cap * 2 : 8;
		struct store_damage *d = realloc(c->dmg, n * sizeof(*d));
		if (!d)
			return -ENOMEM;
		c->dmg = d;
		c->dmg_cap = n;
	}
	struct store_damage *d = &c->dmg[c->ndmg++];
	d->from_ns = c->dmg_from;
	d->to_ns = to;
	snprintf(d->why, sizeof(d->why), "%s", c->dmg_why);
	snprintf(d->seg, sizeof(d->seg), "%s", c->dmg_seg);
	c->in_dmg = false;
	return 0;
}

static void dmg_note(struct store_cursor *c, const char *why, int64_t hdr_t)
{
	c->need_key = true;
	if (c->in_dmg) {
		if (hdr_t > c->dmg_max_t)
			c->dmg_max_t = hdr_t;
		return;
	}
	c->in_dmg = true;
	c->dmg_max_t = hdr_t;
	c->dmg_from = c->last_good_t != INT64_MIN ? c->last_good_t : hdr_t;
	c->dmg_why = why;
	snprintf(c->dmg_seg, sizeof(c->dmg_seg), "%s", c->st->segs[c->si].name);
}

/* The end of the records: the damage still open ends at the last time seen. */
static int cur_end(struct store_cursor *c)
{
	if (c->in_dmg)
		dmg_push(c, c->dmg_max_t != INT64_MIN ? c->dmg_max_t : c->dmg_from);
	return -ENODATA;
}

/* Open the cursor's next segment; 1 when there is none (yet). */
static int seg_next_open(struct store_cursor *c)
{
	struct store *st = c->st;

	while (c->si < st->nsegs) {
		const struct seg_info *si = &st->segs[c->si];
		if (si->first_t_ns != INT64_MIN && si->first_t_ns > c->to) {
			c->done = true;
			return 1;
		}
		bool live = c->si + 1 == st->nsegs && store_writer_active(st);
		int err = seg_reader_open(&c->sr, st, si, live);
		if (err == -ENOENT) {	/* retention took it */
			c->si++;
			continue;
		}
		if (err)
			return err;
		c->seq = si->seq;
		c->open = true;
		c->need_key = true;
		if (c->start_off) {
			c->sr.hdr_done = true;
			c->sr.off = c->start_off;
			c->start_off = 0;
		}
		return 0;
	}
	return 1;
}

/* Were segments added after the current one (the recorder rotated)? Then
 * move st->segs' index there. */
static bool seg_more(struct store_cursor *c)
{
	struct store *st = c->st;

	if (seg_list(st, true, NULL, 0) != 0)
		return false;
	for (size_t i = 0; i < st->nsegs; i++) {
		if (st->segs[i].seq > c->seq) {
			c->si = i;
			return true;
		}
	}
	c->si = st->nsegs;
	for (size_t i = 0; i < st->nsegs; i++)
		if (st->segs[i].seq == c->seq)
			c->si = i;
	return false;
}

/* Decode the record just read into c->cur; swap it into c->prev. */
static int rec_decode(struct store_cursor *c, const struct rec_hdr *h)
{
	size_t bo = (h->flags & REC_F_BOOTID) ? BOOTID_LEN : 0;
	size_t clen = h->len - RECHDR_LEN - bo;

	if (store_grow(&c->cur, &c->cur_cap, (size_t)h->raw_len + 1) != 0)
		return -ENOMEM;
	ZSTD_DCtx_reset(c->dc, ZSTD_reset_session_only);
	if (!(h->flags & REC_F_KEY) && ZSTD_isError(ZSTD_DCtx_refPrefix(c->dc, c->prev, c->prev_len)))
		return -EBADMSG;
	size_t z = ZSTD_decompressDCtx(c->dc, c->cur, c->cur_cap, c->sr.body + bo, clen);
	if (ZSTD_isError(z) || z != h->raw_len)
		return -EBADMSG;
	if (bo) {
		memcpy(c->boot_id, c->sr.body, 36);
		c->boot_id[36] = '\0';
	}
	unsigned char *t = c->prev;
	size_t tc = c->prev_cap;
	c->prev = c->cur;
	c->prev_cap = c->cur_cap;
	c->prev_len = z;
	c->cur = t;
	c->cur_cap = tc;
	return 0;
}

/* Handle the end of the open segment: 0 to go on, or -ENODATA. */
static int seg_finished(struct store_cursor *c)
{
	if (c->sr.live && !seg_more(c))
		return cur_end(c);	/* the recorder is still writing it */
	seg_reader_close(&c->sr);
	c->open = false;
	if (!c->sr.live)
		c->si++;
	/* Damage at a segment's end ends there: the next segment is a new
	 * chain (often a restarted recorder), not more of the same loss. */
	if (c->in_dmg)
		return dmg_push(c, c->dmg_max_t != INT64_MIN ? c->dmg_max_t : c->dmg_from);
	return 0;
}

/* Note the record just decoded (in prev) as the one before from. Its bytes
 * are not copied: decoding the next record swaps them into cur, where they
 * stay until the decode after that. */
static void hold(struct store_cursor *c, const struct rec_hdr *h)
{
	c->held_len = c->prev_len;
	c->held_h = *h;
	memcpy(c->held_boot, c->boot_id, sizeof(c->held_boot));
	c->have_held = true;
}

static void rec_out(const char *boot_id, const struct rec_hdr *h, const unsigned char *data, size_t len,
		    struct store_rec *r)
{
	r->t_ns = h->t_ns;
	r->mono_ns = h->mono_ns;
	r->interval_ms = h->interval_ms;
	r->flags = h->flags & REC_F_USER_MASK;
	memcpy(r->boot_id, boot_id, sizeof(r->boot_id));
	r->data = data;
	r->len = len;
}

int store_next(struct store_cursor *c, struct store_rec *r)
{
	struct rec_hdr h;
	const char *why = NULL;
	int64_t ht;
	int res;

	if (c->pending) {
		c->pending = false;
		rec_out(c->boot_id, &c->pend_h, c->prev, c->prev_len, r);
		return 0;
	}
	for (;;) {
		if (c->done)
			return cur_end(c);
		if (!c->open) {
			res = seg_next_open(c);
			if (res < 0)
				return res;
			if (res > 0 && (c->done || !seg_more(c)))
				return cur_end(c);
			if (res > 0)
				continue;
		}
		res = seg_reader_next(&c->sr, &h, &why, &ht);
		if (res < 0)
			return res;
		if (res == SEG_END) {
			if ((res = seg_finished(c)) != 0)
				return res;
			continue;
		}
		if (res == SEG_DAMAGE) {
			dmg_note(c, why, ht);
			continue;
		}
		if (h.t_ns > c->to) {
			c->done = true;	/* with edges: this one is the last */
			if (!c->edges || (c->need_key && !(h.flags & REC_F_KEY)))
				continue;
		}
		if (c->need_key && !(h.flags & REC_F_KEY)) {
			if (h.t_ns > c->dmg_max_t)
				c->dmg_max_t = h.t_ns;	/* lost with the chain */
			continue;
		}
		if ((res = rec_decode(c, &h)) != 0) {
			if (res == -ENOMEM)
				return res;
			dmg_note(c, "cannot decompress", h.t_ns);
			continue;
		}
		c->need_key = false;
		if (c->in_dmg && (res = dmg_push(c, h.t_ns)) != 0)
			return res;
		c->last_good_t = h.t_ns;
		if (h.t_ns < c->from) {
			if (c->edges)
				hold(c, &h);
			continue;
		}
		if (c->have_held) {
			c->have_held = false;
			c->pending = true;
			c->pend_h = h;
			rec_out(c->held_boot, &c->held_h, c->cur, c->held_len, r);	/* swapped there */
			return 0;
		}
		rec_out(c->boot_id, &h, c->prev, c->prev_len, r);
		return 0;
	}
}

size_t store_cursor_ndamage(const struct store_cursor *c)
{
	return c->ndmg;
}

int store_cursor_damage(const struct store_cursor *c, size_t i, int64_t *from_ns, int64_t *to_ns,
			const char **why, const char **seg)
{
	if (i >= c->ndmg)
		return -ENOENT;
	*from_ns = c->dmg[i].from_ns;
	*to_ns = c->dmg[i].to_ns;
	*why = c->dmg[i].why;
	*seg = c->dmg[i].seg;
	return 0;
}

void store_cursor_free(struct store_cursor *c)
{
	if (!c)
		return;
	seg_reader_close(&c->sr);
	free(c->sr.body);
	ZSTD_freeDCtx(c->dc);
	free(c->prev);
	free(c->cur);
	free(c->dmg);
	free(c);
}

void store_cursor_edges(struct store_cursor *c)
{
	c->edges = true;
}

