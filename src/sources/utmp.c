#include "sources/utmp.h"

#include <errno.h>
#include <string.h>
#include <utmp.h>

int utmp_count_users_parse(const void *buf, size_t len)
{
	const char *p = buf;
	int users = 0;

	for (size_t off = 0; off + sizeof(struct utmp) <= len; off += sizeof(struct utmp)) {
		struct utmp u;

		memcpy(&u, p + off, sizeof(u));
		if (u.ut_type == USER_PROCESS && u.ut_user[0])
			users++;
	}
	return users;
}

int utmp_count_users(const struct root *r)
{
	struct buf b = { 0 };
	int err, n;

	err = root_read_buf(r, ROOT_TOP, "run/utmp", &b);
	if (err == -ENOENT)
		err = root_read_buf(r, ROOT_TOP, "var/run/utmp", &b);
	if (err) {
		buf_free(&b);
		return err == -ENOENT ? 0 : err;
	}
	n = utmp_count_users_parse(b.p, b.len);
	buf_free(&b);
	return n;
}
