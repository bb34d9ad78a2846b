/* Pressure stall information (PSI), Documentation/accounting/psi.rst.
 *
 * One format, read from /proc/pressure/{cpu,memory,io,irq} and from a cgroup
 * v2 directory's {cpu,memory,io,irq}.pressure:
 *
 *   some avg10=0.00 avg60=0.00 avg300=0.00 total=0
 *   full avg10=0.00 avg60=0.00 avg300=0.00 total=0
 *
 * "some": share of time at least one task was stalled on the resource;
 * "full": share of time all non-idle tasks were stalled at once. avgN are
 * percentages over the last N seconds; total is the cumulative stall time in
 * microseconds (the model turns two totals into a rate over the interval).
 * cpu has a "full" line only since Linux 5.13 (always 0 at system level);
 * irq has only "full" and exists with CONFIG_IRQ_TIME_ACCOUNTING (6.1+).
 * Without PSI (CONFIG_PSI=n, or psi=0 on the command line) /proc/pressure is
 * absent and cgroup *.pressure files read as EOPNOTSUPP. */
#ifndef TRIAGE_SOURCES_PSI_H
#define TRIAGE_SOURCES_PSI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

enum psi_resource {
	PSI_CPU,
	PSI_MEMORY,
	PSI_IO,
	PSI_IRQ,
	PSI__COUNT
};

/* "cpu", "memory", "io", "irq": the file names under proc/pressure/ */
extern const char *const psi_names[PSI__COUNT];

struct psi_line {
	bool present;		/* the line was in the file */
	double avg10;		/* avg10=  % of the last 10 s */
	double avg60;		/* avg60=  % of the last 60 s */
	double avg300;		/* avg300= % of the last 300 s */
	uint64_t total_us;	/* total=  cumulative stall time, microseconds */
};

struct psi {
	struct psi_line some;
	struct psi_line full;
};

/* All of the host's pressure files; err[i] is 0 when res[i] was read, else
 * -errno (-ENOENT: no PSI or no such resource on this kernel, -EOPNOTSUPP:
 * PSI disabled at boot). */
struct psi_host {
	int err[PSI__COUNT];
	struct psi res[PSI__COUNT];
};

/* Parse one pressure file. Lines other than some/full are ignored (future
 * kernels); a malformed some/full line is -EINVAL. Needs at least one line. */
int psi_parse(const char *buf, size_t len, struct psi *out);

/* Read and parse the pressure file rel under root directory d
 * (e.g. ROOT_PROC, "pressure/io", or ROOT_SYS, "fs/cgroup/x/io.pressure").
 * Returns 0 or -errno. */
int psi_read_file(const struct root *r, enum root_dir d, const char *rel, struct psi *out);

/* Read proc/pressure/{cpu,memory,io,irq}. Returns 0 when at least one was
 * read, else the error of the first (cpu). */
int psi_read_host(const struct root *r, struct psi_host *out);

/* Why a resource is unavailable, for messages: "PSI not enabled in this
 * kernel (no /proc/pressure)" and so on. */
const char *psi_strerror(enum psi_resource res, int err);

#endif
