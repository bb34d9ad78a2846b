/* vmstat(8) text, procps-ng 4.0.2 layout, and its JSON. */
#ifndef TRIAGE_VIEWS_VMSTAT_H
#define TRIAGE_VIEWS_VMSTAT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "core/json.h"
#include "model/vmstat.h"

struct vmstat_view {
	bool wide;		/* -w */
	bool active;		/* -a: inact/active headers */
	const char *unit;	/* "k" "K" "m" "M" as given to -S (JSON "unit") */
	const char *tz;		/* -t: time zone name for the header; NULL without -t */
};

/* The two header lines. Wide output has the "gu" column, as Debian 12's
 * procps 4.0.2 prints it; the narrow one does not. */
void vmstat_print_header(FILE *f, const struct vmstat_view *v);
/* One line; unknown columns print "-". stamp: "yyyy-mm-dd HH:MM:SS" with
 * -t, else NULL. */
void vmstat_print_line(FILE *f, const struct vmstat_view *v, const struct vmstat_line *l,
		       const char *stamp);

/* vmstat -s: "%13lu K total memory" ... "%13lu forks"; -f: forks alone.
 * Without proc/vmstat the paging lines are left out. */
void vmstat_print_sums(FILE *f, const struct vmstat_view *v, const struct vmstat_sums *s);
void vmstat_print_forks(FILE *f, const struct vmstat_sums *s);
/* {"command": "vmstat", "unit": "K", "stats": {"total_memory": ...}} */
void vmstat_json_sums(struct json *j, const struct vmstat_view *v, const struct vmstat_sums *s);

/* JSON: {"command": "vmstat", "unit": "K", "samples": [ {...}, ... ]} with a
 * count; without, each sample object on a line of its own (JSON Lines). */
void vmstat_json_begin(struct json *j, const struct vmstat_view *v);
void vmstat_json_line(struct json *j, const struct vmstat_line *l, time_t when, bool since_boot,
		      const char *stamp);
void vmstat_json_end(struct json *j);

/* vmstat -d: the two header lines (with -t the timestamp head and zone),
 * and one line per disk: the name "%-5s", then the ten columns. */
void vmstat_print_disk_header(FILE *f, const struct vmstat_view *v);
void vmstat_print_disk(FILE *f, const struct vmstat_view *v, const char *name,
		       const struct vmstat_disk *d, const char *stamp);
/* JSON of one -d sample: {"timestamp"?, "disks": [{"disk": name, ...}]};
 * open with vmstat_json_begin, close with vmstat_json_end. */
void vmstat_json_disks_begin(struct json *j, const char *stamp);
void vmstat_json_disk(struct json *j, const char *name, const struct vmstat_disk *d);
void vmstat_json_disks_end(struct json *j);

/* vmstat -D: "%13.0f disks" ... "%13.0f milli weighted IO" */
void vmstat_print_disk_sums(FILE *f, const struct vmstat_disk_sums *s);
/* {"command": "vmstat", "disk_sum": {"disks": ...}} */
void vmstat_json_disk_sums(struct json *j, const struct vmstat_disk_sums *s);

/* vmstat -p: the header (the partition's name, then reads, read sectors,
 * writes, requested writes) and a line of values per sample. */
void vmstat_print_part_header(FILE *f, const char *name);
void vmstat_print_part(FILE *f, const struct vmstat_disk *d);
void vmstat_json_part(struct json *j, const char *name, const struct vmstat_disk *d,
		      const char *stamp);

#endif
