#include "core/err_read.h"

#include <errno.h>
#include <stdio.h>

#include "core/err.h"

void err_read(const char *cmd, const struct root *r, enum root_dir dir, const char *rel, int err,
	      int bad_line, const char *what)
{
	char path[4200], line[32] = "", tail[128] = "";

	root_path(r, dir, rel, path, sizeof(path));
	if (what)
		snprintf(tail, sizeof(tail), " (%s)", what);
	if (err != -EINVAL) {
		err_errno(cmd, err, "cannot read %s%s", path, tail);
		return;
	}
	if (bad_line > 0)
		snprintf(line, sizeof(line), " line %d", bad_line);
	err_msg(cmd, "cannot parse %s%s%s", path, line, tail);
}
