#include "sources/kmsg_follow.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KMSG_FOLLOW_REC_MAX 8192

void kmsg_follow_init(struct kmsg_follow *f)
{
	memset(f, 0, sizeof(*f));
	f->fd = -1;
}

void kmsg_follow_close(struct kmsg_follow *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
}

int64_t kmsg_follow_seq(const char *rec, size_t len)
{
	const char *p = memchr(rec, ',', len), *end = rec + len;
	int64_t v = 0;

	if (!p || ++p >= end || *p < '0' || *p > '9')
		return -1;
	for (; p < end && *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (*p - '0');
	return p < end && (*p == ',' || *p == ';') ? v : -1;
}

/* Keep one record (len bytes) if newer than the last one kept: appended to
 * out, which keeps only its newest max bytes of whole records. */
static int keep(struct kmsg_follow *f, const char *rec, size_t len, struct buf *out, size_t max)
{
	int64_t seq = kmsg_follow_seq(rec, len);
	int err;

	if (seq < 0 || (f->any && (uint64_t)seq <= f->last_seq) || len > max)
		return 0;
	while (out->len + len > max) {
		/* drop the oldest record: up to the next line that starts a record */
		char *nl = out->p, *e = out->p + out->len;

		do {
			nl = memchr(nl, '\n', (size_t)(e - nl));
			nl = nl ? nl + 1 : e;
		} while (nl < e && *nl == ' ');
		memmove(out->p, nl, (size_t)(e - nl));
		out->len = (size_t)(e - nl);
	}
	err = buf_reserve(out, out->len + len);
	if (err)
		return err;
	memcpy(out->p + out->len, rec, len);
	out->len += len;
	out->p[out->len] = '\0';
	f->last_seq = (uint64_t)seq;
	f->any = true;
	return 0;
}

/* The device: one record per read() until EAGAIN. */
static int read_dev(struct kmsg_follow *f, struct buf *out, size_t max)
{
	char rec[KMSG_FOLLOW_REC_MAX];
	ssize_t n;
	int err;

	for (;;) {
		n = read(f->fd, rec, sizeof(rec));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE) {	/* overwritten before we got to it */
				f->lost++;
				continue;
			}
			return errno == EAGAIN ? 0 : -errno;
		}
		if (n == 0)
			return 0;
		err = keep(f, rec, (size_t)n, out, max);
		if (err)
			return err;
	}
}

/* A captured file: record by record (a record's continuation lines start
 * with a blank). */
static int read_file(struct kmsg_follow *f, int fd, struct buf *out, size_t max)
{
	struct buf b = { 0 };
	int err = buf_read_fd(&b, fd, 0);
	const char *p = b.p, *e = b.p + b.len;

	while (!err && p && p < e) {
		const char *q = p;

		do {
			q = memchr(q, '\n', (size_t)(e - q));
			q = q ? q + 1 : e;
		} while (q < e && *q == ' ');
		err = keep(f, p, (size_t)(q - p), out, max);
		p = q;
	}
	buf_free(&b);
	return err;
}

int kmsg_follow_read(struct kmsg_follow *f, const struct root *r, struct buf *out, size_t max)
{
	struct stat st;
	int fd, err;

	out->len = 0;
	if (out->p)
		out->p[0] = '\0';
	if (r->live && f->fd >= 0)
		return read_dev(f, out, max);
	fd = root_openat(r, ROOT_DEV, "kmsg", O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		err = read_file(f, fd, out, max);
		close(fd);
		return err;
	}
	if (!r->live) {
		struct kmsg_follow once = *f;

		once.fd = fd;
		err = read_dev(&once, out, max);
		close(fd);
		once.fd = -1;
		*f = once;
		return err;
	}
	f->fd = fd;	/* kept for the next call */
	return read_dev(f, out, max);
}
