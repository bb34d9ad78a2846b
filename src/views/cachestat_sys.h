/* triage cachestat [interval [count]]: one row per interval as bcc's
 * cachestat prints it (HITS MISSES DIRTIES HITRATIO BUFFERS_MB CACHED_MB,
 * TIME first with -T), or one JSON object per interval (JSON Lines) with the
 * tracepoint counters the columns are made of and the /proc/vmstat deltas to
 * hold them against. */
#ifndef TRIAGE_VIEWS_CACHESTAT_SYS_H
#define TRIAGE_VIEWS_CACHESTAT_SYS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bpf/cachestat.h"

struct cachestat_sys_row {
	double secs;			/* the interval's length */
	uint64_t ctr[CS__COUNT];	/* the tracepoint counters' deltas, pages */
	/* made of ctr by cachestat_sys_compute() */
	uint64_t accesses;		/* read + fault + map */
	uint64_t misses;		/* add - write_add, >= 0 */
	uint64_t hits;			/* accesses - misses, >= 0 */
	double ratio;			/* hits / (hits + misses), 0..1; < 0 when both are 0 */
	/* /proc/meminfo now, kB; < 0 unknown */
	long long buffers_kb, cached_kb;
	/* /proc/vmstat deltas (system-wide even with -p); < 0 unknown */
	long long pgpgin_kb, nr_dirtied, refault_file;
};

void cachestat_sys_compute(struct cachestat_sys_row *r);
void cachestat_sys_header(FILE *f, bool timestamp);
void cachestat_sys_print(FILE *f, const struct cachestat_sys_row *r, bool timestamp);
/* One line, flushed; pid 0 when not filtered. */
void cachestat_sys_json(FILE *f, const struct cachestat_sys_row *r, int pid);

#endif
