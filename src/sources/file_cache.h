/* How much of a file is in the page cache: the cachestat(2) syscall (Linux
 * 6.5+: cached, dirty, under writeback, evicted and recently evicted pages
 * over a byte range, mm/filemap.c), or before it mincore(2) on a read-only
 * mapping of the file (resident pages only). Works on any file the caller
 * may open for reading; nothing is read, so nothing is brought into the
 * cache. */
#ifndef TRIAGE_SOURCES_FILE_CACHE_H
#define TRIAGE_SOURCES_FILE_CACHE_H

#include <stdbool.h>
#include <stdint.h>

struct file_cache {
	uint64_t size;		/* bytes */
	uint64_t pages;		/* the file's pages: size rounded up to the page size */
	uint64_t cached;	/* pages in the page cache */
	uint64_t dirty, writeback, evicted, recently_evicted;	/* cachestat only */
	bool have_cachestat;	/* false: mincore, only `cached` is known */
};

/* Measure the file open as fd. force_mincore skips cachestat (tests of the
 * fallback). Returns 0 or -errno. */
int file_cache_fd(int fd, bool force_mincore, struct file_cache *out);

#endif
