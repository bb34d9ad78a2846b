/* The one message for a kernel file that could not be had, naming the file
 * under the root (and the line, when its parser knows it):
 *   "triage: CMD: cannot read /proc/x (what): No such file or directory"
 *   "triage: CMD: cannot parse /proc/x line 3 (what)"
 * what (NULL: none) says what is lost, e.g. "TCP unavailable". */
#ifndef TRIAGE_CORE_ERR_READ_H
#define TRIAGE_CORE_ERR_READ_H

#include "core/root.h"

/* err: the reader's -errno; -EINVAL is a parse error, at bad_line (1-based,
 * 0 when unknown). */
void err_read(const char *cmd, const struct root *r, enum root_dir dir, const char *rel, int err,
	      int bad_line, const char *what);

#endif
