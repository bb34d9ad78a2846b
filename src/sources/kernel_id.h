/* Kernel identity for report banners: proc/sys/kernel/{ostype,osrelease,
 * hostname} (Documentation/admin-guide/sysctl/kernel.rst), read under the
 * root so that a captured tree reports the machine it came from. */
#ifndef TRIAGE_SOURCES_KERNEL_ID_H
#define TRIAGE_SOURCES_KERNEL_ID_H

#include "core/root.h"

struct kernel_id {
	char sysname[65];	/* ostype: "Linux" */
	char release[65];	/* osrelease: "6.1.0-13-amd64" */
	char hostname[65];	/* hostname (the UTS namespace's) */
};

/* Parse one sysctl value: the first line, without its newline, truncated to
 * size - 1 bytes. */
void kernel_id_parse_line(const char *buf, char *out, size_t size);

/* Fill id; a file that cannot be read leaves "?" there ("Linux" for
 * sysname). Returns 0 when all three were read, else the first -errno. */
int kernel_id_read(const struct root *r, struct kernel_id *id);

#endif
