/* Growable byte buffer for whole-file reads. */
#ifndef TRIAGE_CORE_BUF_H
#define TRIAGE_CORE_BUF_H

#include <stddef.h>

struct buf {
	char *p;	/* NUL-terminated contents (when len > 0 or after a read) */
	size_t len;	/* bytes of contents, not counting the NUL */
	size_t cap;	/* bytes allocated */
};

/* Make room for at least n bytes plus a NUL. Returns 0 or -ENOMEM. */
int buf_reserve(struct buf *b, size_t n);

/* Replace the contents with everything read from fd until EOF, NUL-terminated.
 * Stops with -EFBIG past max bytes (0 = 64 MiB). Returns 0 or -errno. */
int buf_read_fd(struct buf *b, int fd, size_t max);

/* Release the memory; the struct may be reused after. */
void buf_free(struct buf *b);

#endif
