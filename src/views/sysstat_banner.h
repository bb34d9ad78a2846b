/* The first line sysstat's tools print (common.c print_gal_header()):
 *   "Linux 6.1.0-13-amd64 (host) \t11/21/26 \t_x86_64_\t(2 CPU)"
 * the date as %x in the C locale; and the same facts as the opening fields
 * of a JSON document (the shape views/mpstat.c uses). */
#ifndef TRIAGE_VIEWS_SYSSTAT_BANNER_H
#define TRIAGE_VIEWS_SYSSTAT_BANNER_H

#include <stdio.h>
#include <time.h>

#include "core/json.h"

struct sysstat_banner {
	const char *sysname, *release, *nodename, *machine;
	int ncpu;	/* 0: unknown */
	time_t when;
	/* strftime format of the date in text and JSON (mpstat: "%x", or
	 * "%Y-%m-%d" with S_TIME_FORMAT=ISO); NULL: "%m/%d/%y" in text and
	 * "%Y-%m-%d" in JSON */
	const char *date_fmt;
};

/* The line and its newline (no blank line after). */
void sysstat_banner_print(FILE *f, const struct sysstat_banner *b);
/* Opens the document: {"command": CMD, "sysname", "release", "nodename",
 * "machine", "number_of_cpus", "date" (YYYY-MM-DD) -- the caller goes on
 * with its arrays and closes the object. */
void sysstat_banner_json(struct json *j, const char *command, const struct sysstat_banner *b);
/* The opening of a report: with j, sysstat_banner_json() and the opened
 * "statistics" array; without, the line on f. */
void sysstat_banner_begin(FILE *f, struct json *j, const char *command,
			  const struct sysstat_banner *b);

/* Timestamps: "%H:%M:%S" (sar's %X in the C locale) and ISO 8601 with the
 * UTC offset, both in local time. */
void sysstat_time_hms(time_t t, char *buf, size_t size);
void sysstat_time_iso(time_t t, char *buf, size_t size);
/* "%x %X" in the C locale: "11/21/26 05:29:58" (iostat -t). */
void sysstat_time_date_hms(time_t t, char *buf, size_t size);

#endif
