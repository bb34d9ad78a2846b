/* Bounded tokenizer for the line-oriented /proc and /sys text the disk and
 * network readers parse: no scanf, no %s without a width, never past `end`.
 * A "line" ends at '\n' or at end; blanks are spaces and tabs. */
#ifndef TRIAGE_SOURCES_SCAN_H
#define TRIAGE_SOURCES_SCAN_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

static inline const char *scan_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* True when only blanks remain on this line. */
static inline int scan_eol(const char *p, const char *end)
{
	p = scan_blank(p, end);
	return p >= end || *p == '\n';
}

/* The position after the next newline (or end). */
static inline const char *scan_next_line(const char *p, const char *end)
{
	while (p < end && *p != '\n')
		p++;
	return p < end ? p + 1 : end;
}

/* The next run of non-blank characters on this line: *w points at it, the
 * length is returned (0 at the end of the line); *p moves past it. */
static inline size_t scan_word(const char **p, const char *end, const char **w)
{
	const char *s = scan_blank(*p, end), *e = s;

	while (e < end && *e != ' ' && *e != '\t' && *e != '\n')
		e++;
	*w = s;
	*p = e;
	return (size_t)(e - s);
}

/* A hex digit's value (either case), or -1. */
static inline int scan_xdigit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Hex digits at p (no blanks, no "0x"), up to the first other character or
 * end: the position after them, with the value in *v; NULL when there are
 * none or more than 16 (64 bits). */
static inline const char *scan_hex(const char *p, const char *end, uint64_t *v)
{
	const char *s = p;
	int d;

	*v = 0;
	for (; p < end && (d = scan_xdigit(*p)) >= 0; p++) {
		if (p - s == 16)
			return NULL;
		*v = *v << 4 | (uint64_t)d;
	}
	return p > s ? p : NULL;
}

/* An unsigned decimal (after blanks), which must end at a blank, a newline or
 * end. Returns 0, -EINVAL (no digits, or junk after them) or -ERANGE. */
static inline int scan_u64(const char **p, const char *end, uint64_t *out)
{
	const char *s = scan_blank(*p, end);
	uint64_t v = 0;

	if (s >= end || *s < '0' || *s > '9')
		return -EINVAL;
	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (UINT64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	if (s < end && *s != ' ' && *s != '\t' && *s != '\n')
		return -EINVAL;
	*out = v;
	*p = s;
	return 0;
}

/* Same, also accepting a leading '-' (Tcp MaxConn is -1): the value is
 * stored as its two's complement. */
static inline int scan_i64(const char **p, const char *end, uint64_t *out)
{
	const char *s = scan_blank(*p, end);
	int err;

	if (s < end && *s == '-') {
		s++;
		err = scan_u64(&s, end, out);
		if (err)
			return err;
		if (*out > (uint64_t)INT64_MAX)
			return -ERANGE;
		*out = (uint64_t)-(int64_t)*out;
		*p = s;
		return 0;
	}
	return scan_u64(p, end, out);
}

/* Copy len bytes of w into dst (size bytes) with a NUL. -ENAMETOOLONG when
 * it does not fit. */
static inline int scan_copy(char *dst, size_t size, const char *w, size_t len)
{
	if (len + 1 > size)
		return -ENAMETOOLONG;
	for (size_t i = 0; i < len; i++)
		dst[i] = w[i];
	dst[len] = '\0';
	return 0;
}

/* Make room in the array v (*cap elements of size bytes, n of them used)
 * for one more: the capacity doubles, starting at first. Returns the array,
 * maybe moved, or NULL on ENOMEM (then v is unchanged and still valid). */
static inline void *scan_grow(void *v, size_t n, size_t *cap, size_t size, size_t first)
{
	size_t c = *cap ? *cap * 2 : first;
	void *p;

	if (n < *cap)
		return v;
	p = realloc(v, c * size);
	if (p)
		*cap = c;
	return p;
}

/* Call fn(ctx, line, line_end) for each line of buf (line_end is past its
 * newline). fn returns 0 or 1 to go on, or -errno to stop: then the number
 * of that line (from 1) is in *bad_line, unless the error is -ENOMEM.
 * Returns 0 or fn's error. */
static inline int scan_lines(const char *buf, size_t len,
			     int (*fn)(void *ctx, const char *p, const char *end), void *ctx,
			     int *bad_line)
{
	const char *p = buf, *end = buf + len;
	int line = 0, err;

	*bad_line = 0;
	while (p < end) {
		const char *next = scan_next_line(p, end);

		line++;
		err = fn(ctx, p, next);
		if (err < 0) {
			if (err != -ENOMEM)
				*bad_line = line;
			return err;
		}
		p = next;
	}
	return 0;
}

#endif
