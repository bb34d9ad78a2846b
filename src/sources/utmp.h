/* run/utmp (under the root): the logged-in users count that uptime and top
 * print. Records are struct utmp from <utmp.h>; USER_PROCESS entries with a
 * user name are counted, as procps does when built without systemd. A missing
 * file (containers, this VM) counts as 0 users. */
#ifndef TRIAGE_SOURCES_UTMP_H
#define TRIAGE_SOURCES_UTMP_H

#include <stddef.h>

#include "core/root.h"

int utmp_count_users_parse(const void *buf, size_t len);
/* Returns the count (0 when there is no utmp) or -errno. */
int utmp_count_users(const struct root *r);

#endif
