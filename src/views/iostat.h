/* iostat's reports as sysstat 12.6 prints them (iostat.c write_plain_*),
 * and their JSON. Renders model values only. */
#ifndef TRIAGE_VIEWS_IOSTAT_H
#define TRIAGE_VIEWS_IOSTAT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "core/json.h"
#include "model/disk.h"

/* The avg-cpu line: percentages of all CPUs' time (system includes irq and
 * softirq, as iostat shows it). */
struct iostat_cpu {
	double user, nice, system, iowait, steal, idle;
};

/* "avg-cpu:  %user ..." header, the values, a blank line. */
void iostat_print_cpu(FILE *f, const struct iostat_cpu *c);

/* The device header and one line per row (-x extended or -d basic columns,
 * in kB or MB). A report then ends with two blank lines (the caller's). */
void iostat_print_disks(FILE *f, bool extended, enum disk_unit unit, const struct disk_report *rep);

/* One element of "statistics": {"timestamp", "since_boot", "interval_s",
 * "avg_cpu"?, "disk"?}. Every disk column is written, in kB. */
void iostat_json_sample(struct json *j, time_t when, bool since_boot, double dt_s,
			const struct iostat_cpu *cpu, const struct disk_report *rep);

#endif
