#include "sources/dev_disk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cmp_link(const void *a, const void *b)
{
	return strcmp(((const struct dev_disk_link *)a)->name, ((const struct dev_disk_link *)b)->name);
}

/* Add entry name of directory fd when it is a symlink. Returns 0 or -ENOMEM. */
static int add_link(struct dev_disk *out, size_t *cap, int fd, const char *name)
{
	char target[4096];
	const char *base;
	ssize_t n;
	struct dev_disk_link *l;

	if (strlen(name) >= DEV_DISK_NAME_MAX)
		return 0;
	n = readlinkat(fd, name, target, sizeof(target) - 1);
	if (n <= 0)
		return 0;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (!*base || strlen(base) >= sizeof(l->target))
		return 0;
	if (out->n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		struct dev_disk_link *v = realloc(out->link, c * sizeof(*v));

		if (!v)
			return -ENOMEM;
		out->link = v;
		*cap = c;
	}
	l = &out->link[out->n++];
	/* both lengths checked above */
	memcpy(l->name, name, strlen(name) + 1);
	memcpy(l->target, base, strlen(base) + 1);
	return 0;
}

int dev_disk_read(const struct root *r, const char *dir, struct dev_disk *out)
{
	char rel[64];
	size_t cap = 0;
	struct dirent *e;
	int fd, err = 0;
	DIR *d;

	memset(out, 0, sizeof(*out));
	if (snprintf(rel, sizeof(rel), "disk/%s", dir) >= (int)sizeof(rel))
		return -ENAMETOOLONG;
	fd = root_openat(r, ROOT_DEV, rel, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return fd;
	d = fdopendir(fd);
	if (!d) {
		err = -errno;
		close(fd);
		return err;
	}
	while (!err && (e = readdir(d)))
		if (e->d_name[0] != '.')
			err = add_link(out, &cap, dirfd(d), e->d_name);
	closedir(d);
	if (err) {
		dev_disk_free(out);
		return err;
	}
	if (out->n > 1)
		qsort(out->link, out->n, sizeof(out->link[0]), cmp_link);
	return 0;
}

const char *dev_disk_name_of(const struct dev_disk *dd, const char *kname)
{
	for (size_t i = 0; dd && i < dd->n; i++)
		if (!strcmp(dd->link[i].target, kname))
			return dd->link[i].name;
	return NULL;
}

const char *dev_disk_target_of(const struct dev_disk *dd, const char *name)
{
	for (size_t i = 0; dd && i < dd->n; i++)
		if (!strcmp(dd->link[i].name, name))
			return dd->link[i].target;
	return NULL;
}

void dev_disk_free(struct dev_disk *dd)
{
	free(dd->link);
	memset(dd, 0, sizeof(*dd));
}
