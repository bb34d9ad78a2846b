/* The root directory every reader works under: "/" live, or a captured tree.
 *
 * Readers never name "/proc" or "/sys" themselves: they ask for a file relative
 * to one of the directories below, opened once with openat(). A missing
 * directory (a fixture without sys/, say) reads as -ENOENT. */
#ifndef TRIAGE_CORE_ROOT_H
#define TRIAGE_CORE_ROOT_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "core/buf.h"

enum root_dir {
	ROOT_TOP,	/* the root itself: etc/, run/, var/ ... */
	ROOT_PROC,	/* proc/ */
	ROOT_SYS,	/* sys/ */
	ROOT_DEV,	/* dev/ */
	ROOT__COUNT
};

struct root {
	int fd[ROOT__COUNT];	/* O_PATH|O_DIRECTORY fds, -1 when absent */
	char path[4096];	/* as given, for messages */
	int live;		/* 1 when this is the running system's "/" */
};

/* Open path (NULL means "/") and its proc/, sys/, dev/. Returns 0 or -errno
 * (only when path itself cannot be opened as a directory). */
int root_open(struct root *r, const char *path);
void root_close(struct root *r);

/* openat() relative to one of the root's directories. Returns fd or -errno. */
int root_openat(const struct root *r, enum root_dir d, const char *rel, int flags);

/* fstatat() relative to one of the root's directories. Returns 0 or -errno. */
int root_fstatat(const struct root *r, enum root_dir d, const char *rel, struct stat *st);

/* Read a small file whole into buf (size bytes), NUL-terminated. Returns the
 * length or -errno; -EFBIG when it does not fit. */
ssize_t root_read(const struct root *r, enum root_dir d, const char *rel,
		  char *buf, size_t size);

/* Read a file of any size into b. Returns 0 or -errno. */
int root_read_buf(const struct root *r, enum root_dir d, const char *rel, struct buf *b);

/* Where rel sits, for messages: "/proc/stat" live, "DIR/proc/stat" otherwise.
 * Writes into out (size bytes) and returns out. */
const char *root_path(const struct root *r, enum root_dir d, const char *rel,
		      char *out, size_t size);

#endif
