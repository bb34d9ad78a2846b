/* iostat's reports as sysstat 12.6 prints them (iostat.c write_plain_*),
 * and their JSON. Renders model values only. */
#ifndef TRIAGE_VIEWS_IOSTAT_H
#define TRIAGE_VIEWS_IOSTAT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "core/json.h"
#include "model/avgcpu.h"
#include "model/disk.h"


/* "avg-cpu:  %user ..." header, the values, a blank line. */
void iostat_print_cpu(FILE *f, const struct avgcpu *c);

/* The device header and one line per row (-x extended or -d basic columns,
 * in kB or MB). A report then ends with two blank lines (the caller's). */
void iostat_print_disks(FILE *f, bool extended, enum disk_unit unit, const struct disk_report *rep);

/* One element of "statistics": {"timestamp", "since_boot", "interval_s",
 * "avg_cpu"?, "disk"?}. Every disk column is written, in kB. */
void iostat_json_sample(struct json *j, time_t when, bool since_boot, double dt_s,
			const struct avgcpu *cpu, const struct disk_report *rep);

#endif
