#include "sources/file_cache.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* include/uapi/linux/mman.h of Linux 6.5 (Debian 12's headers are older);
 * the number is the same in every architecture's generic table. */
#ifndef __NR_cachestat
#define __NR_cachestat 451
#endif
struct cachestat_range_k {
	uint64_t off, len;	/* len 0: to the end of the file */
};
struct cachestat_k {
	uint64_t nr_cache, nr_dirty, nr_writeback, nr_evicted, nr_recently_evicted;
};

static int by_cachestat(int fd, struct file_cache *out)
{
	struct cachestat_range_k r = { 0, 0 };
	struct cachestat_k cs;

	if (syscall(__NR_cachestat, fd, &r, &cs, 0) != 0)
		return -errno;
	out->cached = cs.nr_cache;
	out->dirty = cs.nr_dirty;
	out->writeback = cs.nr_writeback;
	out->evicted = cs.nr_evicted;
	out->recently_evicted = cs.nr_recently_evicted;
	out->have_cachestat = true;
	return 0;
}

/* mincore(2) over the file mapped in windows of 1 GiB (bounded vectors). */
static int by_mincore(int fd, struct file_cache *out, long page)
{
	const uint64_t win = 1ULL << 30;
	unsigned char *vec = malloc((size_t)(win / (uint64_t)page));
	int err = 0;

	if (!vec)
		return -ENOMEM;
	for (uint64_t off = 0; off < out->size && !err; off += win) {
		size_t len = (size_t)(out->size - off < win ? out->size - off : win);
		size_t n = (len + (size_t)page - 1) / (size_t)page;
		void *p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, (off_t)off);

		if (p == MAP_FAILED) {
			err = -errno;
			break;
		}
		if (mincore(p, len, vec) != 0)
			err = -errno;
		for (size_t i = 0; !err && i < n; i++)
			out->cached += vec[i] & 1;
		munmap(p, len);
	}
	free(vec);
	return err;
}

int file_cache_fd(int fd, bool force_mincore, struct file_cache *out)
{
	long page = sysconf(_SC_PAGESIZE);
	struct stat st;
	int err;

	memset(out, 0, sizeof(*out));
	if (fstat(fd, &st) != 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	if (page <= 0)
		page = 4096;
	out->size = (uint64_t)st.st_size;
	out->pages = (out->size + (uint64_t)page - 1) / (uint64_t)page;
	if (!force_mincore) {
		err = by_cachestat(fd, out);
		if (err != -ENOSYS && err != -EOPNOTSUPP)
			return err;
	}
	return out->size ? by_mincore(fd, out, page) : 0;
}
