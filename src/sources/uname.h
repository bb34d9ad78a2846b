/* The system's identity for report banners ("Linux 6.1.0 (host) ... _x86_64_"),
 * under the root: proc/sys/kernel/{ostype,osrelease,hostname}, so that a
 * captured tree names its own kernel and host. A missing file falls back to
 * uname(2) of the running system; the machine (architecture) always comes
 * from uname(2), as no proc file holds it. */
#ifndef TRIAGE_SOURCES_UNAME_H
#define TRIAGE_SOURCES_UNAME_H

#include <stddef.h>

#include "core/root.h"

struct uname_info {
	char sysname[65];	/* proc/sys/kernel/ostype: "Linux" */
	char release[65];	/* proc/sys/kernel/osrelease */
	char nodename[65];	/* proc/sys/kernel/hostname */
	char machine[65];	/* uname(2) machine: "x86_64" */
	long pid_max;		/* proc/sys/kernel/pid_max (32768 when unreadable) */
};

/* The first line of buf (len bytes) into out (size bytes), without the newline. */
void uname_parse_line(const char *buf, size_t len, char *out, size_t size);
/* Never fails: what cannot be read comes from uname(2). */
void uname_read(const struct root *r, struct uname_info *u);

#endif
