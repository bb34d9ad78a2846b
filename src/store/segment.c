/* Segments: headers, names, the listing of a store directory, and the
 * reader of one segment's records that cursors and history share. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "store/store_priv.h"

uint32_t store_crc32(const void *p, size_t n)
{
	uLong c = crc32(0L, Z_NULL, 0);

	while (n > 0) {	/* zlib takes uInt lengths */
		uInt k = n > (1u << 30) ? (1u << 30) : (uInt)n;
		c = crc32(c, p, k);
		p = (const unsigned char *)p + k;
		n -= k;
	}
	return (uint32_t)c;
}

void rec_hdr_encode(unsigned char out[RECHDR_LEN], const struct rec_hdr *h)
{
	memcpy(out, REC_MAGIC, 4);
	le_put32(out + 4, h->len);
	le_put64(out + 8, (uint64_t)h->t_ns);
	le_put64(out + 16, (uint64_t)h->mono_ns);
	le_put32(out + 24, h->interval_ms);
	le_put32(out + 28, h->flags);
	le_put32(out + 32, h->raw_len);
	le_put32(out + 36, h->body_crc);
	le_put32(out + 40, 0);
	le_put32(out + 44, store_crc32(out, 44));
}

int rec_hdr_decode(const unsigned char in[RECHDR_LEN], struct rec_hdr *h)
{
	if (memcmp(in, REC_MAGIC, 4) != 0 || le_get32(in + 44) != store_crc32(in, 44))
		return -EBADMSG;
	h->len = le_get32(in + 4);
	h->t_ns = (int64_t)le_get64(in + 8);
	h->mono_ns = (int64_t)le_get64(in + 16);
	h->interval_ms = le_get32(in + 24);
	h->flags = le_get32(in + 28);
	h->raw_len = le_get32(in + 32);
	h->body_crc = le_get32(in + 36);
	size_t min = RECHDR_LEN + ((h->flags & REC_F_BOOTID) ? BOOTID_LEN : 0);
	if (h->len < min || h->len > REC_MAX_LEN || h->raw_len > REC_MAX_LEN)
		return -EBADMSG;
	return 0;
}

void seg_hdr_encode(unsigned char out[SEGHDR_LEN], const struct seg_hdr *h)
{
	memset(out, 0, SEGHDR_LEN);
	memcpy(out, SEG_MAGIC, SEG_MAGIC_LEN);
	out[8] = (unsigned char)h->major;
	out[9] = (unsigned char)(h->major >> 8);
	out[10] = (unsigned char)h->minor;
	out[11] = (unsigned char)(h->minor >> 8);
	le_put32(out + 12, h->hdr_len);
	le_put64(out + 16, h->seq);
	le_put64(out + 24, (uint64_t)h->created_ns);
	le_put32(out + 60, store_crc32(out, 60));
}

int seg_hdr_decode(const unsigned char in[SEGHDR_LEN], struct seg_hdr *h)
{
	if (memcmp(in, SEG_MAGIC, SEG_MAGIC_LEN) != 0 || le_get32(in + 60) != store_crc32(in, 60))
		return -EBADMSG;
	h->major = (uint16_t)(in[8] | in[9] << 8);
	h->minor = (uint16_t)(in[10] | in[11] << 8);
	h->hdr_len = le_get32(in + 12);
	h->seq = le_get64(in + 16);
	h->created_ns = (int64_t)le_get64(in + 24);
	if (h->hdr_len < SEGHDR_LEN || h->hdr_len > 65536)
		return -EBADMSG;
	return 0;
}

void store_why(char *why, size_t whysz, const char *fmt, ...)
{
	va_list ap;

	if (!why || whysz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, whysz, fmt, ap);	// NOLINT(clang-analyzer-valist.Uninitialized): va_start above
	va_end(ap);
}

int store_grow(unsigned char **p, size_t *cap, size_t n)
{
	if (n <= *cap)
		return 0;
	size_t c = *cap ? *cap : 4096;
	while (c < n)
		c *= 2;
	unsigned char *q = realloc(*p, c);
	if (!q)
		return -ENOMEM;
	*p = q;
	*cap = c;
	return 0;
}

uint64_t seg_name_seq(const char *name)
{
	unsigned long long seq = 0;

	if (strlen(name) != SEG_NAME_LEN || strncmp(name, SEG_PREFIX, 4) != 0 ||
	    strcmp(name + SEG_NAME_LEN - 4, SEG_SUFFIX) != 0)
		return 0;
	for (int i = 4; i < SEG_NAME_LEN - 4; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		seq = seq * 10 + (unsigned)(name[i] - '0');
	}
	return seq;
}

static int seg_cmp(const void *a, const void *b)
{
	const struct seg_info *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The header and the first record's time of one segment. */
static int seg_probe(const struct store *st, struct seg_info *si, char *why, size_t whysz)
{
	unsigned char b[SEGHDR_LEN + RECHDR_LEN];
	struct seg_hdr sh;
	struct rec_hdr rh;
	int fd = openat(st->dfd, si->name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	si->first_t_ns = INT64_MIN;
	if (fd < 0) {
		int err = -errno;
		store_why(why, whysz, "cannot open %s/%s: %s", st->dir, si->name, strerror(errno));
		return err;
	}
	ssize_t n = pread(fd, b, sizeof(b), 0);
	close(fd);
	if (n < SEGHDR_LEN || seg_hdr_decode(b, &sh) != 0)
		return 0;	/* damaged: the cursor says so when it gets there */
	if (sh.major > STORE_MAJOR) {
		store_why(why, whysz, "cannot read %s/%s: store format %u.%u, this triage reads %u.x: use a newer triage",
			  st->dir, si->name, sh.major, sh.minor, STORE_MAJOR);
		return -STORE_EVERSION;
	}
	if (sh.hdr_len == SEGHDR_LEN && n == (ssize_t)sizeof(b) && rec_hdr_decode(b + SEGHDR_LEN, &rh) == 0)
		si->first_t_ns = rh.t_ns;
	return 0;
}

int seg_list(struct store *st, bool first_times, char *why, size_t whysz)
{
	int fd = dup(st->dfd), err = 0;
	DIR *d;
	struct dirent *de;
	size_t n = 0, cap = 0;
	struct seg_info *v = NULL;

	if (fd < 0 || !(d = fdopendir(fd))) {
		err = -errno;
		if (fd >= 0)
			close(fd);
		store_why(why, whysz, "cannot list %s: %s", st->dir, strerror(-err));
		return err;
	}
	rewinddir(d);
	while ((de = readdir(d))) {
		uint64_t seq = seg_name_seq(de->d_name);
		struct stat sb;
		if (!seq || fstatat(st->dfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(sb.st_mode))
			continue;
		if (n == cap) {
			struct seg_info *nv = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof(*v));
			if (!nv) {
				err = -ENOMEM;
				goto out;
			}
			v = nv;
		}
		v[n].seq = seq;
		v[n].size = (uint64_t)sb.st_size;
		v[n].first_t_ns = INT64_MIN;
		memcpy(v[n].name, de->d_name, SEG_NAME_LEN + 1);
		n++;
	}
	if (n)
		qsort(v, n, sizeof(*v), seg_cmp);
	/* Keep what the previous listing knew (both are sorted by seq): a
	 * reader following the recorder probes only the new segments. */
	for (size_t i = 0, j = 0; i < n && j < st->nsegs; i++) {
		while (j < st->nsegs && st->segs[j].seq < v[i].seq)
			j++;
		if (j < st->nsegs && st->segs[j].seq == v[i].seq)
			v[i].first_t_ns = st->segs[j].first_t_ns;
	}
	for (size_t i = 0; first_times && i < n && !err; i++)
		if (v[i].first_t_ns == INT64_MIN)
			err = seg_probe(st, &v[i], why, whysz);
out:
	closedir(d);
	if (err) {
		free(v);
		return err;
	}
	free(st->segs);
	st->segs = v;
	st->nsegs = n;
	return 0;
}

bool store_writer_active(const struct store *st)
{
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
	int fd = openat(st->dfd, STORE_LOCK_NAME, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	bool active = false;

	if (fd < 0)
		return false;
	if (fcntl(fd, F_OFD_GETLK, &fl) == 0)
		active = fl.l_type != F_UNLCK;
	close(fd);
	return active;
}

int seg_reader_open(struct seg_reader *sr, const struct store *st, const struct seg_info *si, bool live)
{
	struct stat sb;

	sr->live = live;
	sr->hdr_done = false;
	sr->off = SEGHDR_LEN;
	sr->fd = openat(st->dfd, si->name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (sr->fd < 0)
		return -errno;
	if (fstat(sr->fd, &sb) != 0) {
		int err = -errno;
		close(sr->fd);
		sr->fd = -1;
		return err;
	}
	sr->size = (uint64_t)sb.st_size;
	return 0;
}

void seg_reader_close(struct seg_reader *sr)
{
	if (sr->fd >= 0)
		close(sr->fd);
	sr->fd = -1;
}

/* The offset of the next valid record header after from, or size. */
static uint64_t seg_resync(struct seg_reader *sr, uint64_t from)
{
	unsigned char b[65536 + RECHDR_LEN];
	struct rec_hdr h;

	for (uint64_t pos = from; pos + RECHDR_LEN <= sr->size; pos += 65536) {
		ssize_t n = pread(sr->fd, b, sizeof(b), (off_t)pos);
		if (n < RECHDR_LEN)
			break;
		for (ssize_t i = 0; i + RECHDR_LEN <= n && i < 65536; i++) {
			if (b[i] == 'T' && memcmp(b + i, REC_MAGIC, 4) == 0 && rec_hdr_decode(b + i, &h) == 0)
				return pos + (uint64_t)i;
		}
	}
	return sr->size;
}

/* Bytes at sr->off that are no record. In the live segment with nothing
 * valid after them they are a record being written: the end, for now. */
static int seg_bad(struct seg_reader *sr, const char *what, const char **why)
{
	uint64_t next = seg_resync(sr, sr->off + 1);

	if (next >= sr->size && sr->live)
		return SEG_END;
	*why = next >= sr->size ? "truncated tail" : what;
	sr->off = next;
	return SEG_DAMAGE;
}

int seg_reader_next(struct seg_reader *sr, struct rec_hdr *h, const char **why, int64_t *hdr_t)
{
	unsigned char hb[RECHDR_LEN];
	struct stat sb;

	*hdr_t = INT64_MIN;
	if (!sr->hdr_done) {	/* the segment header, once */
		unsigned char sbuf[SEGHDR_LEN];
		struct seg_hdr sh;
		if (pread(sr->fd, sbuf, SEGHDR_LEN, 0) == SEGHDR_LEN && seg_hdr_decode(sbuf, &sh) == 0) {
			sr->off = sh.hdr_len;
		} else if (sr->live && sr->size <= SEGHDR_LEN) {
			return SEG_END;	/* being created */
		} else {
			sr->hdr_done = true;
			/* shorter than its header: a recorder killed as it began it */
			*why = sr->size < SEGHDR_LEN ? "truncated tail" : "segment header damaged";
			sr->off = seg_resync(sr, 0);
			return SEG_DAMAGE;
		}
		sr->hdr_done = true;
	}
	if (sr->live && sr->off + RECHDR_LEN > sr->size && fstat(sr->fd, &sb) == 0)
		sr->size = (uint64_t)sb.st_size;	/* the recorder appended */
	if (sr->off >= sr->size)
		return SEG_END;
	if (sr->off + RECHDR_LEN > sr->size)
		return seg_bad(sr, "truncated tail", why);
	if (pread(sr->fd, hb, RECHDR_LEN, (off_t)sr->off) != RECHDR_LEN)
		return -EIO;
	if (rec_hdr_decode(hb, h) != 0)
		return seg_bad(sr, "bad record header", why);
	*hdr_t = h->t_ns;
	if (sr->off + h->len > sr->size) {
		if (sr->live && fstat(sr->fd, &sb) == 0)
			sr->size = (uint64_t)sb.st_size;
		if (sr->off + h->len > sr->size)
			return seg_bad(sr, "truncated tail", why);
	}
	size_t blen = h->len - RECHDR_LEN;
	if (store_grow(&sr->body, &sr->body_cap, blen + 1) != 0)
		return -ENOMEM;
	if (pread(sr->fd, sr->body, blen, (off_t)(sr->off + RECHDR_LEN)) != (ssize_t)blen)
		return -EIO;
	if (store_crc32(sr->body, blen) != h->body_crc) {
		*why = "checksum mismatch";
		sr->off += h->len;
		return SEG_DAMAGE;
	}
	sr->off += h->len;
	return SEG_REC;
}
