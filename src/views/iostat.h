/* iostat's reports as sysstat 12.6 prints them (iostat.c write_plain_*,
 * write_disk_stat_header), and their JSON. Renders model values only. */
#ifndef TRIAGE_VIEWS_IOSTAT_H
#define TRIAGE_VIEWS_IOSTAT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "core/json.h"
#include "model/avgcpu.h"
#include "model/disk.h"

/* How the text reports look. */
struct iostat_fmt {
	bool extended;		/* -x */
	bool shorts;		/* -s: r, w and d as one */
	bool pretty;		/* --pretty (or -h): the device name last; -x in four tables */
	bool compact;		/* --compact: -x --pretty in one table */
	bool human;		/* --human (or -h): sizes as 2.5M, percentages as 14.4% */
	int dec;		/* --dec=0|1|2, -1: the columns' own (2) */
	enum disk_unit unit;	/* -k / -m */
};

/* "avg-cpu:  %user ..." header, the values, a blank line. */
void iostat_print_cpu(FILE *f, const struct iostat_fmt *fmt, const struct avgcpu *c);

/* The device header(s) and one line per row. A report then ends with two
 * blank lines (the caller's). */
void iostat_print_disks(FILE *f, const struct iostat_fmt *fmt, const struct disk_report *rep);

/* One element of "statistics": {"timestamp", "since_boot", "interval_s",
 * "avg_cpu"?, "disk"?}. Every -x and -d column is written, in kB, and the
 * -s ones with shorts; a group's element has "group": true. */
void iostat_json_sample(struct json *j, time_t when, bool since_boot, double dt_s, bool shorts,
			const struct avgcpu *cpu, const struct disk_report *rep);

#endif
