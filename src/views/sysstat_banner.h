/* The first line sysstat's tools print (common.c print_gal_header()):
 *   "Linux 6.1.0-13-amd64 (host) \t11/21/26 \t_x86_64_\t(2 CPU)"
 * the date as %x in the C locale; and the same facts as a JSON object. */
#ifndef TRIAGE_VIEWS_SYSSTAT_BANNER_H
#define TRIAGE_VIEWS_SYSSTAT_BANNER_H

#include <stdio.h>
#include <time.h>

#include "core/json.h"
#include "sources/proc_sys_kernel.h"

struct sysstat_banner {
	const struct proc_sys_kernel *k;
	int ncpu;	/* CPUs online; 0 unknown */
	time_t when;
};

/* The line and its newline (no blank line after). */
void sysstat_banner_print(FILE *f, const struct sysstat_banner *b);
/* "host": {"sysname", "release", "nodename", "machine", "number_of_cpus", "date"} */
void sysstat_banner_json(struct json *j, const struct sysstat_banner *b);

/* Timestamps: "%H:%M:%S" (sar's %X in the C locale) and ISO 8601 with the
 * UTC offset, both in local time. */
void sysstat_time_hms(time_t t, char *buf, size_t size);
void sysstat_time_iso(time_t t, char *buf, size_t size);

#endif
