#include "core/buf.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#define BUF_DEFAULT_MAX (64u << 20)

int buf_reserve(struct buf *b, size_t n)
{
	size_t cap;
	char *p;

	if (n + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 4096;
	while (cap < n + 1)
		cap *= 2;
	p = realloc(b->p, cap);
	if (!p)
		return -ENOMEM;
	b->p = p;
	b->cap = cap;
	return 0;
}

int buf_read_fd(struct buf *b, int fd, size_t max)
{
	ssize_t n;
	int err;

	if (!max)
		max = BUF_DEFAULT_MAX;
	b->len = 0;
	err = buf_reserve(b, 4095);
	if (err)
		return err;
	for (;;) {
		if (b->cap - 1 - b->len == 0) {
			if (b->len >= max)
				return -EFBIG;
			err = buf_reserve(b, b->len * 2);
			if (err)
				return err;
		}
		n = read(fd, b->p + b->len, b->cap - 1 - b->len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
	}
	b->p[b->len] = '\0';
	return 0;
}

void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
