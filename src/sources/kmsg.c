#include "sources/kmsg.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sources/scan.h"

/* syslog(2) actions (include/linux/syslog.h). */
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_SIZE_BUFFER 10
/* A /dev/kmsg record is at most 1024 (PRINTK_MESSAGE_MAX) + dictionary bytes;
 * read() fails with EINVAL when the buffer is too small. */
#define KMSG_REC_MAX 8192

static const char *const facility_names[24] = {
	"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
	"uucp", "cron", "authpriv", "ftp", "res0", "res1", "res2", "res3",
	"local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
};
static const char *const level_names[8] = {
	"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
};

const char *kmsg_facility_name(unsigned f)
{
	return f < 24 ? facility_names[f] : NULL;
}

const char *kmsg_level_name(unsigned lv)
{
	return lv < 8 ? level_names[lv] : NULL;
}

int kmsg_level_from_name(const char *s, size_t len)
{
	for (int i = 0; i < 8; i++)
		if (strlen(level_names[i]) == len && !strncmp(level_names[i], s, len))
			return i;
	return -1;
}

void kmsg_log_init(struct kmsg_log *l)
{
	memset(l, 0, sizeof(*l));
}

void kmsg_log_free(struct kmsg_log *l)
{
	free(l->recs);
	buf_free(&l->text);
	kmsg_log_init(l);
}

/* Append s[0..n) to l->text, turning the kernel's \xNN escapes back into
 * bytes when unescape is set. Returns 0 or -ENOMEM. */
static int text_add(struct kmsg_log *l, const char *s, size_t n, int unescape)
{
	size_t i;
	char *d;

	if (l->text.len + n > UINT32_MAX - 1)
		return -ENOMEM;
	if (buf_reserve(&l->text, l->text.len + n))
		return -ENOMEM;
	d = l->text.p + l->text.len;
	for (i = 0; i < n; i++) {
		int hi, lo;
		if (unescape && s[i] == '\\' && i + 3 < n &&
		    s[i + 1] == 'x' && (hi = scan_xdigit(s[i + 2])) >= 0 &&
		    (lo = scan_xdigit(s[i + 3])) >= 0) {
			*d++ = (char)(hi << 4 | lo);
			i += 3;
		} else {
			*d++ = s[i];
		}
	}
	l->text.len = (size_t)(d - l->text.p);
	l->text.p[l->text.len] = '\0';
	return 0;
}

static struct kmsg_rec *rec_new(struct kmsg_log *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		struct kmsg_rec *p = realloc(l->recs, cap * sizeof(*p));
		if (!p)
			return NULL;
		l->recs = p;
		l->cap = cap;
	}
	memset(&l->recs[l->n], 0, sizeof(l->recs[0]));
	return &l->recs[l->n];
}

int kmsg_log_copy_rec(struct kmsg_log *to, const struct kmsg_log *from, size_t i)
{
	const struct kmsg_rec *k = &from->recs[i];
	struct kmsg_rec *r = rec_new(to);

	if (!r)
		return -ENOMEM;
	*r = *k;
	r->msg_off = (uint32_t)to->text.len;
	if (k->msg_len && text_add(to, from->text.p + k->msg_off, k->msg_len, 0))
		return -ENOMEM;
	r->dict_off = (uint32_t)to->text.len;
	if (k->dict_len && text_add(to, from->text.p + k->dict_off, k->dict_len, 0))
		return -ENOMEM;
	to->n++;
	return 0;
}

/* Strict unsigned decimal up to a delimiter. Returns the end or NULL. */
static const char *num(const char *p, const char *end, uint64_t *v)
{
	const char *s = p;

	*v = 0;
	while (p < end && *p >= '0' && *p <= '9') {
		if (*v > (UINT64_MAX - 9) / 10)
			return NULL;
		*v = *v * 10 + (uint64_t)(*p++ - '0');
	}
	return p == s ? NULL : p;
}

/* Header "prio,seq,ts_usec,flags[,...];" up to semi. */
static int parse_header(const char *p, const char *semi, struct kmsg_rec *rec)
{
	uint64_t prio, seq, ts;

	p = num(p, semi, &prio);
	if (!p || *p != ',' || prio > 191)	/* 24 facilities x 8 levels */
		return -EINVAL;
	p = num(p + 1, semi, &seq);
	if (!p || *p != ',')
		return -EINVAL;
	p = num(p + 1, semi, &ts);
	if (!p || *p != ',' || p + 1 >= semi)
		return -EINVAL;
	rec->facility = (uint8_t)(prio >> 3);
	rec->level = (uint8_t)(prio & 7);
	rec->seq = seq;
	rec->ts_usec = ts;
	rec->cont = p[1] == 'c';	/* flags: '-' or 'c'; later fields (caller id) ignored */
	return 0;
}

int kmsg_parse_record(const char *buf, size_t len, struct kmsg_log *l, size_t *used)
{
	const char *end = buf + len, *nl, *semi, *p;
	struct kmsg_rec *rec;
	int err;

	*used = 0;
	if (len == 0)
		return -ENODATA;
	nl = memchr(buf, '\n', len);
	if (!nl)
		nl = end;
	*used = (size_t)(nl - buf) + (nl < end);
	semi = memchr(buf, ';', (size_t)(nl - buf));
	if (!semi || !(rec = rec_new(l)))
		return semi ? -ENOMEM : -EINVAL;
	err = parse_header(buf, semi, rec);
	if (err)
		return err;
	rec->msg_off = (uint32_t)l->text.len;
	if (text_add(l, semi + 1, (size_t)(nl - semi - 1), 1))
		return -ENOMEM;
	rec->msg_len = (uint32_t)(l->text.len - rec->msg_off);
	rec->dict_off = (uint32_t)l->text.len;
	/* Dictionary: lines starting with a space, " SUBSYSTEM=pci" ... */
	for (p = buf + *used; p < end && *p == ' '; p = buf + *used) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (text_add(l, p + 1, (size_t)(nl - p - 1), 1) || text_add(l, "\n", 1, 0))
			return -ENOMEM;
		*used = (size_t)(nl - buf) + (nl < end);
	}
	rec->dict_len = (uint32_t)(l->text.len - rec->dict_off);
	l->n++;
	return 0;
}

int kmsg_parse(const char *buf, size_t len, struct kmsg_log *l)
{
	size_t off = 0, used;
	int err;

	while (off < len) {
		err = kmsg_parse_record(buf + off, len - off, l, &used);
		if (err == -ENOMEM)
			return err;
		if (err)
			l->bad++;
		if (used == 0)
			break;
		off += used;
	}
	return 0;
}

/* One syslog(2) line: "<prio>[ seconds.micros] message". */
static int parse_syslog_line(const char *p, const char *nl, struct kmsg_log *l)
{
	struct kmsg_rec *rec = rec_new(l);
	uint64_t v, us = 0;
	const char *q;

	if (!rec)
		return -ENOMEM;
	rec->level = 4;	/* default_message_loglevel */
	if (p < nl && *p == '<' && (q = num(p + 1, nl, &v)) && q < nl && *q == '>' && v <= 191) {
		rec->facility = (uint8_t)(v >> 3);
		rec->level = (uint8_t)(v & 7);
		p = q + 1;
	}
	if (p < nl && *p == '[') {
		q = p + 1;
		while (q < nl && *q == ' ')
			q++;
		const char *r = num(q, nl, &v);
		if (r && r < nl && *r == '.') {
			const char *s = num(r + 1, nl, &us);
			/* micro-seconds: exactly what follows the point, scaled to 6 digits */
			for (int digits = s ? (int)(s - r - 1) : 0; s && digits < 6; digits++)
				us *= 10;
			if (s && s < nl && *s == ']') {
				rec->ts_usec = v * 1000000 + us;
				p = s + 1;
				if (p < nl && *p == ' ')
					p++;
			}
		}
	}
	rec->seq = l->n;
	rec->msg_off = (uint32_t)l->text.len;
	if (text_add(l, p, (size_t)(nl - p), 0))
		return -ENOMEM;
	rec->msg_len = (uint32_t)(l->text.len - rec->msg_off);
	rec->dict_off = (uint32_t)l->text.len;
	l->n++;
	return 0;
}

int kmsg_parse_syslog(const char *buf, size_t len, struct kmsg_log *l)
{
	const char *p = buf, *end = buf + len, *nl;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (nl > p && parse_syslog_line(p, nl, l))
			return -ENOMEM;
		p = nl + 1;
	}
	return 0;
}

/* Live /dev/kmsg: one record per read() until EAGAIN. */
static int read_dev(int fd, struct kmsg_log *l)
{
	char rec[KMSG_REC_MAX];
	size_t used;
	ssize_t n;

	for (;;) {
		n = read(fd, rec, sizeof(rec));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE) {	/* overwritten before we got to it */
				l->skipped++;
				continue;
			}
			return errno == EAGAIN ? 0 : -errno;
		}
		if (n == 0)
			return 0;
		int err = kmsg_parse_record(rec, (size_t)n, l, &used);
		if (err == -ENOMEM)
			return err;
		if (err)
			l->bad++;
	}
}

static int read_syslog(struct kmsg_log *l)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), n, err;
	char *b;

	if (size < 0)
		return -errno;
	if (size < 4096)
		size = 4096;
	b = malloc((size_t)size);
	if (!b)
		return -ENOMEM;
	n = klogctl(SYSLOG_ACTION_READ_ALL, b, size);
	err = n < 0 ? -errno : kmsg_parse_syslog(b, (size_t)n, l);
	free(b);
	if (!err)
		l->source = KMSG_SYSLOG;
	return err;
}

int kmsg_read(const struct root *r, struct kmsg_log *l)
{
	struct stat st;
	int fd, err;

	fd = root_openat(r, ROOT_DEV, "kmsg", O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		/* syslog(2) reads this machine's kernel: only for the live root. */
		if (!r->live)
			return fd;
		err = read_syslog(l);
		return err == -EPERM || err == -EACCES ? (fd == -EACCES ? -EPERM : err) : err;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		struct buf b = { 0 };
		err = buf_read_fd(&b, fd, 0);
		if (!err)
			err = kmsg_parse(b.p, b.len, l);
		buf_free(&b);
		l->source = KMSG_FILE;
	} else {
		l->source = KMSG_DEV;
		err = read_dev(fd, l);
	}
	close(fd);
	return err;
}
