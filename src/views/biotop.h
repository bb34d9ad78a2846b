/* triage biotop's screen (bcc biotop's columns) and its JSON line. */
#ifndef TRIAGE_VIEWS_BIOTOP_H
#define TRIAGE_VIEWS_BIOTOP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bpf/biotop.h"
#include "bpf/block.h"

#define BIOTOP_DISK_LEN 64	/* as /proc/diskstats names (DISKSTATS_NAME_MAX) */

/* One interval's table: rows sorted by bytes (biotop_sort), disk[i] the
 * name of rows[i]'s disk ("?" when unknown). */
struct biotop_table {
	struct biotop_row *rows;
	char (*disk)[BIOTOP_DISK_LEN];
	size_t n;		/* rows */
	size_t shown;		/* the first shown of them (-r) */
	uint64_t dropped;	/* requests not counted in this interval (map full) */
	double load[3];		/* NAN when unknown */
	unsigned running, tasks;
};

/* Most bytes first, then most I/Os, then PID. */
void biotop_sort(struct biotop_row *rows, size_t n);

/* The "HH:MM:SS loadavg: ..." line, the header and the rows. */
void biotop_print(FILE *f, const struct biotop_table *t, const char *clock);
/* One JSON object on one line. */
void biotop_print_json(FILE *f, const struct biotop_table *t, long long now);

#endif
