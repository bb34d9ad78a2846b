#include "core/root.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The only place that names the kernel's directories. */
static const char *const root_dirs[ROOT__COUNT] = {
	[ROOT_TOP] = ".",
	[ROOT_PROC] = "proc",
	[ROOT_SYS] = "sys",
	[ROOT_DEV] = "dev",
};

int root_open(struct root *r, const char *path)
{
	int top, i;

	for (i = 0; i < ROOT__COUNT; i++)
		r->fd[i] = -1;
	if (!path || !*path)
		path = "/";
	snprintf(r->path, sizeof(r->path), "%s", path);
	r->live = strcmp(path, "/") == 0;
	top = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (top < 0)
		return -errno;
	r->fd[ROOT_TOP] = top;
	for (i = ROOT_TOP + 1; i < ROOT__COUNT; i++)
		r->fd[i] = openat(top, root_dirs[i], O_PATH | O_DIRECTORY | O_CLOEXEC);
	return 0;
}

void root_close(struct root *r)
{
	for (int i = 0; i < ROOT__COUNT; i++) {
		if (r->fd[i] >= 0)
			close(r->fd[i]);
		r->fd[i] = -1;
	}
}

int root_openat(const struct root *r, enum root_dir d, const char *rel, int flags)
{
	int fd;

	if (d < 0 || d >= ROOT__COUNT || r->fd[d] < 0)
		return -ENOENT;
	while (*rel == '/')
		rel++;
	fd = openat(r->fd[d], rel, flags | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int root_fstatat(const struct root *r, enum root_dir d, const char *rel, struct stat *st)
{
	if (d < 0 || d >= ROOT__COUNT || r->fd[d] < 0)
		return -ENOENT;
	while (*rel == '/')
		rel++;
	return fstatat(r->fd[d], rel, st, 0) ? -errno : 0;
}

ssize_t root_read(const struct root *r, enum root_dir d, const char *rel,
		  char *buf, size_t size)
{
	ssize_t n, len = 0;
	int fd, err = 0;

	if (size == 0)
		return -EINVAL;
	fd = root_openat(r, d, rel, O_RDONLY);
	if (fd < 0)
		return fd;
	for (;;) {
		if ((size_t)len == size - 1) {
			char c;
			/* Full: is there more? */
			n = read(fd, &c, 1);
			if (n > 0)
				err = -EFBIG;
			else if (n < 0)
				err = -errno;
			break;
		}
		n = read(fd, buf + len, size - 1 - (size_t)len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (n == 0)
			break;
		len += n;
	}
	close(fd);
	buf[len] = '\0';
	return err ? err : len;
}

int root_read_buf(const struct root *r, enum root_dir d, const char *rel, struct buf *b)
{
	int fd, err;

	fd = root_openat(r, d, rel, O_RDONLY);
	if (fd < 0)
		return fd;
	err = buf_read_fd(b, fd, 0);
	close(fd);
	return err;
}

const char *root_path(const struct root *r, enum root_dir d, const char *rel,
		      char *out, size_t size)
{
	const char *top = r->live ? "" : r->path;

	while (*rel == '/')
		rel++;
	if (d == ROOT_TOP)
		snprintf(out, size, "%s/%s", top, rel);
	else
		snprintf(out, size, "%s/%s/%s", top, root_dirs[d], rel);
	return out;
}
