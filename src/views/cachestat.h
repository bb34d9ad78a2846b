/* triage cachestat FILE...: one row per file (PAGES CACHED %CACHED DIRTY
 * WRITEBACK EVICTED RECENT FILE) and a total, or one JSON document. A column
 * the kernel could not give (mincore before Linux 6.5) prints "-" / null. */
#ifndef TRIAGE_VIEWS_CACHESTAT_H
#define TRIAGE_VIEWS_CACHESTAT_H

#include <stdio.h>

#include "sources/file_cache.h"

struct cachestat_row {
	const char *path;	/* untrusted: escaped */
	struct file_cache c;
};

void cachestat_print(FILE *f, const struct cachestat_row *rows, size_t n);
void cachestat_print_json(FILE *f, const struct cachestat_row *rows, size_t n);

#endif
