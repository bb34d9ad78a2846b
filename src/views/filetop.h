/* filetop's table, as bcc's filetop prints it: a clock and load-average line,
 * then PID TID COMM READS WRITES R_Kb W_Kb T FILE, the busiest first; or one
 * JSON object per interval. Names are escaped. */
#ifndef TRIAGE_VIEWS_FILETOP_H
#define TRIAGE_VIEWS_FILETOP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bpf/filetop_api.h"

enum filetop_sort {
	FILETOP_SORT_ALL,	/* reads + writes + rbytes + wbytes (bcc's "all") */
	FILETOP_SORT_READS,
	FILETOP_SORT_WRITES,
	FILETOP_SORT_RBYTES,
	FILETOP_SORT_WBYTES,
};

struct filetop_view {
	FILE *f;
	bool json;
	bool clear;		/* clear the terminal before each table */
	long maxrows;		/* rows shown (0: all) */
	enum filetop_sort sort;
};

/* "all", "reads" ... into *out; -EINVAL when unknown. */
int filetop_sort_parse(const char *s, enum filetop_sort *out);
/* Sort t by v's key, busiest first (then by PID, TID, name). */
void filetop_sort(const struct filetop_view *v, struct filetop_table *t);
/* One interval's table; loadavg: /proc/loadavg's line ("" when unread);
 * lost: calls not counted this interval. */
void filetop_print(const struct filetop_view *v, const struct filetop_table *t, const char *loadavg,
		   uint64_t lost);

#endif
