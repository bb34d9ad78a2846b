/* etc/passwd under the root: uid -> user name for USER columns.
 *
 * Read from the root directory (not getpwuid) so that a captured tree names
 * its own users and no NSS module is loaded into the process. Lines are
 * "name:password:uid:gid:gecos:home:shell"; the first line for a uid wins, as
 * getpwuid does with the files backend. */
#ifndef TRIAGE_SOURCES_PASSWD_H
#define TRIAGE_SOURCES_PASSWD_H

#include <stddef.h>
#include <sys/types.h>

#include "core/root.h"

struct passwd_entry {
	uid_t uid;
	char name[33];		/* useradd's limit is 32 */
	unsigned line;		/* order in the file: the first line of a uid wins */
};

struct passwd_db {
	struct passwd_entry *v;	/* sorted by uid, one entry per uid */
	size_t n;
};

/* Parse a passwd file's text. Malformed lines are skipped. Returns 0 or -ENOMEM. */
int passwd_parse(const char *buf, size_t len, struct passwd_db *db);
/* Read etc/passwd under r. A missing file gives an empty database (names
 * then print as numbers). Returns 0 or -errno. */
int passwd_read(const struct root *r, struct passwd_db *db);
/* The name of uid, or NULL when unknown. */
const char *passwd_name(const struct passwd_db *db, uid_t uid);
/* The uid of the user called name: 0, or -ENOENT when there is none (the
 * database keeps the first line of each uid, so a second name of a uid is
 * not found). */
int passwd_uid(const struct passwd_db *db, const char *name, uid_t *uid);
void passwd_free(struct passwd_db *db);

#endif
