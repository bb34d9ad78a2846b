/* The writer: open a store safely, take its LOCK, append records all or
 * nothing, rotate segments. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zstd.h>

#include "store/store_priv.h"

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* mkdir dir 0750 if absent, then open it refusing a symlink, another
 * owner and group/world write (a store others can write to lets them plant
 * segments or symlinks: below's CVE-2025-27591). */
static int dir_open_safe(struct store *st, const char *dir, char *why, size_t whysz)
{
	struct stat sb;
	bool made = mkdir(dir, 0750) == 0;

	if (!made && errno != EEXIST) {
		int err = -errno;
		store_why(why, whysz, "cannot create %s: %s", dir, strerror(errno));
		return err;
	}
	st->dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (st->dfd < 0) {
		int err = errno;
		if (err == ELOOP || err == ENOTDIR) {
			store_why(why, whysz, "%s is not a directory (or is a symlink): refusing to record there", dir);
			return -STORE_EUNSAFE;
		}
		store_why(why, whysz, "cannot open %s: %s", dir, strerror(err));
		return -err;
	}
	if (made && fchmod(st->dfd, 0750) != 0)
		return -errno;
	if (fstat(st->dfd, &sb) != 0)
		return -errno;
	if (sb.st_uid != geteuid()) {
		store_why(why, whysz, "%s is owned by uid %u, not by this user (uid %u): refusing to record there",
			  dir, (unsigned)sb.st_uid, (unsigned)geteuid());
		return -STORE_EUNSAFE;
	}
	if (sb.st_mode & 022) {
		store_why(why, whysz, "%s is group- or world-writable (mode %04o): refusing to record there; chmod 0750 it",
			  dir, (unsigned)(sb.st_mode & 07777));
		return -STORE_EUNSAFE;
	}
	return 0;
}

static int lock_take(struct store *st, char *why, size_t whysz)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	struct stat sb;

	st->w.lockfd = openat(st->dfd, STORE_LOCK_NAME, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (st->w.lockfd < 0) {
		int err = -errno;
		store_why(why, whysz, "cannot open %s/%s: %s", st->dir, STORE_LOCK_NAME, strerror(errno));
		return err;
	}
	if (fstat(st->w.lockfd, &sb) == 0 && (sb.st_mode & 07777) != 0640 && fchmod(st->w.lockfd, 0640) != 0)
		return -errno;
	if (fcntl(st->w.lockfd, F_OFD_SETLK, &fl) != 0) {
		if (errno == EAGAIN || errno == EACCES) {
			store_why(why, whysz, "another triage record is writing to %s (it holds %s/%s)", st->dir,
				  st->dir, STORE_LOCK_NAME);
			return -STORE_ELOCKED;
		}
		return -errno;
	}
	return 0;
}

int store_open_write(struct store **out, const char *dir, const struct store_wopts *o, char *why, size_t whysz)
{
	struct store *st = calloc(1, sizeof(*st));
	int err;

	*out = NULL;
	store_why(why, whysz, "%s", "");
	if (!st)
		return -ENOMEM;
	st->writer = true;
	st->dfd = st->w.lockfd = st->w.segfd = -1;
	snprintf(st->dir, sizeof(st->dir), "%s", dir);
	if (o)
		st->w.o = *o;
	if (!st->w.o.seg_bytes)
		st->w.o.seg_bytes = SEG_BYTES_DEFAULT;
	if (!st->w.o.seg_age_ns)
		st->w.o.seg_age_ns = SEG_AGE_DEFAULT_NS;
	if (!st->w.o.key_every_ns)
		st->w.o.key_every_ns = KEY_EVERY_DEFAULT_NS;
	if (!st->w.o.zstd_level)
		st->w.o.zstd_level = ZSTD_LEVEL_DEFAULT;
	err = dir_open_safe(st, dir, why, whysz);
	if (!err)
		err = lock_take(st, why, whysz);
	if (!err)
		err = seg_list(st, false, why, whysz);
	if (!err && !(st->w.zc = ZSTD_createCCtx()))
		err = -ENOMEM;
	if (!err && ZSTD_isError(ZSTD_CCtx_setParameter(st->w.zc, ZSTD_c_compressionLevel, st->w.o.zstd_level)))
		err = -EINVAL;
	if (err) {
		if (!why || !why[0])
			store_why(why, whysz, "cannot open %s: %s", dir, store_strerror(err));
		store_close(st);
		return err;
	}
	st->w.seq = st->nsegs ? st->segs[st->nsegs - 1].seq : 0;
	st->w.need_key = true;
	st->w.last_t = INT64_MIN;
	*out = st;
	return 0;
}

/* Write all of n bytes at off, or nothing: a short write is undone (if
 * even that fails, *torn says the file has a partial tail). */
static int write_all(int fd, const void *p, size_t n, uint64_t off, bool *torn)
{
	size_t done = 0;

	while (done < n) {
		ssize_t k = pwrite(fd, (const char *)p + done, n - done, (off_t)(off + done));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			int err = k < 0 ? -errno : -ENOSPC;
			if (ftruncate(fd, (off_t)off) != 0 && torn)
				*torn = true;
			return err;
		}
		done += (size_t)k;
	}
	return 0;
}

/* Rename tmp to name unless name exists (-EEXIST). A filesystem without
 * RENAME_NOREPLACE gets the same from link + unlink. */
static int seg_publish(int dfd, const char *tmp, const char *name)
{
	if (renameat2(dfd, tmp, dfd, name, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -errno;
	if (linkat(dfd, tmp, dfd, name, 0) != 0)
		return -errno;
	unlinkat(dfd, tmp, 0);
	return 0;
}

/* A new segment appears whole: its header is written under a temporary
 * name (which readers ignore) and renamed into place, so a recorder killed
 * as it rotates leaves no headerless segment. We hold the LOCK: a stale
 * temporary file from a crash is ours to overwrite. */
static int seg_create(struct store *st)
{
	struct store_w *w = &st->w;
	unsigned char hb[SEGHDR_LEN];
	char name[32], tmp[40];
	struct seg_hdr sh = { .major = STORE_MAJOR, .minor = STORE_MINOR, .hdr_len = SEGHDR_LEN };
	int fd, err = 0;

	snprintf(tmp, sizeof(tmp), "%s", SEG_TMP_NAME);
	fd = openat(st->dfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (fd < 0)
		return -errno;
	sh.created_ns = now_ns();
	for (int tries = 0; tries < 100; tries++) {
		unsigned long long next = w->seq;
		snprintf(name, sizeof(name), SEG_NAME_FMT, next + 1);
		sh.seq = w->seq + 1;
		seg_hdr_encode(hb, &sh);
		err = fchmod(fd, 0640) != 0 ? -errno : write_all(fd, hb, SEGHDR_LEN, 0, NULL);
		if (!err)
			err = seg_publish(st->dfd, tmp, name);
		if (err != -EEXIST)
			break;
		w->seq++;	/* a segment of that number exists: the next one */
	}
	if (err) {
		unlinkat(st->dfd, tmp, 0);
		close(fd);
		return err;
	}
	w->seq++;
	w->segfd = fd;
	w->seg_len = SEGHDR_LEN;
	w->seg_first_t = INT64_MIN;
	w->need_key = true;
	return 0;
}

static void seg_end(struct store_w *w)
{
	if (w->segfd >= 0)
		close(w->segfd);
	w->segfd = -1;
}

static bool want_key(const struct store_w *w, const struct store_rec *r)
{
	int64_t dt = r->t_ns - w->last_t;

	if (w->need_key || (r->flags & STORE_REC_START) || strcmp(w->boot_id, r->boot_id) != 0)
		return true;
	if (dt < 0 || (r->interval_ms && dt > 2 * (int64_t)r->interval_ms * 1000000))
		return true;	/* a gap, or the clock went back */
	return r->t_ns - w->last_key_t >= w->o.key_every_ns;
}

static unsigned ceil_log2(size_t n)
{
	unsigned l = 0;

	while (l < 63 && ((size_t)1 << l) < n)
		l++;
	return l;
}

/* Compress r into w->buf after the header (and boot_id block): its length. */
static int rec_compress(struct store_w *w, const struct store_rec *r, bool key, size_t body_off, size_t *clen)
{
	size_t total = r->len + (key ? 0 : w->prev_len);
	unsigned wl = ceil_log2(total + 1);
	size_t z;

	if (store_grow(&w->buf, &w->buf_cap, body_off + ZSTD_compressBound(r->len)) != 0)
		return -ENOMEM;
	ZSTD_CCtx_reset(w->zc, ZSTD_reset_session_only);
	/* The window must span prefix and sample for the prefix to be of use. */
	ZSTD_CCtx_setParameter(w->zc, ZSTD_c_windowLog, wl > 21 ? (int)(wl > ZSTD_WINDOWLOG_CAP ? ZSTD_WINDOWLOG_CAP : wl) : 0);
	ZSTD_CCtx_setParameter(w->zc, ZSTD_c_checksumFlag, 0);	/* the record has a crc */
	if (!key && ZSTD_isError(ZSTD_CCtx_refPrefix(w->zc, w->prev, w->prev_len)))
		return -EINVAL;
	z = ZSTD_compress2(w->zc, w->buf + body_off, w->buf_cap - body_off, r->data, r->len);
	if (ZSTD_isError(z))
		return -EINVAL;
	*clen = z;
	return 0;
}

int store_append(struct store *st, const struct store_rec *r)
{
	struct store_w *w = &st->w;
	struct rec_hdr h = { 0 };
	size_t clen, body_off;
	int err;

	if (!st->writer || r->len > REC_MAX_LEN - RECHDR_LEN - BOOTID_LEN - 1024)
		return -EINVAL;
	if (w->segfd >= 0 && (w->seg_len >= w->o.seg_bytes ||
			      (w->seg_first_t != INT64_MIN && r->t_ns - w->seg_first_t >= w->o.seg_age_ns)))
		seg_end(w);
	if (w->segfd < 0 && (err = seg_create(st)) != 0)
		return err;
	bool key = want_key(w, r);
	body_off = RECHDR_LEN + (key ? BOOTID_LEN : 0);
	err = rec_compress(w, r, key, body_off, &clen);
	if (err)
		return err;
	if (key) {
		memset(w->buf + RECHDR_LEN, 0, BOOTID_LEN);
		memcpy(w->buf + RECHDR_LEN, r->boot_id, strnlen(r->boot_id, 36));
	}
	h.len = (uint32_t)(body_off + clen);
	h.t_ns = r->t_ns;
	h.mono_ns = r->mono_ns;
	h.interval_ms = r->interval_ms;
	h.flags = (r->flags & REC_F_USER_MASK) | (key ? REC_F_KEY | REC_F_BOOTID : 0);
	h.raw_len = (uint32_t)r->len;
	h.body_crc = store_crc32(w->buf + RECHDR_LEN, h.len - RECHDR_LEN);
	rec_hdr_encode(w->buf, &h);
	bool torn = false;
	err = write_all(w->segfd, w->buf, h.len, w->seg_len, &torn);
	if (err) {
		w->need_key = true;
		if (torn)
			seg_end(w);	/* could not even truncate: a new segment next */
		return err;
	}
	w->seg_len += h.len;
	if (w->seg_first_t == INT64_MIN)
		w->seg_first_t = r->t_ns;
	if (store_grow(&w->prev, &w->prev_cap, r->len + 1) != 0) {
		w->need_key = true;
		return 0;	/* the record is written; the next one is a key */
	}
	memcpy(w->prev, r->data, r->len);
	w->prev_len = r->len;
	w->need_key = false;
	w->last_t = r->t_ns;
	if (key)
		w->last_key_t = r->t_ns;
	w->last_interval = r->interval_ms;
	snprintf(w->boot_id, sizeof(w->boot_id), "%s", r->boot_id);
	return 0;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	if (st->writer) {
		seg_end(&st->w);
		if (st->w.lockfd >= 0)
			close(st->w.lockfd);	/* releases the OFD lock */
		ZSTD_freeCCtx(st->w.zc);
		free(st->w.prev);
		free(st->w.buf);
	}
	if (st->dfd >= 0)
		close(st->dfd);
	free(st->segs);
	free(st);
}

const char *store_strerror(int err)
{
	switch (-err) {
	case STORE_ENOTSTORE: return "not a triage store";
	case STORE_EVERSION: return "store format newer than this triage";
	case STORE_EUNSAFE: return "unsafe store directory";
	case STORE_ELOCKED: return "another recorder holds the store";
	default: return strerror(-err);
	}
}
