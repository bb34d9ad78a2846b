/* fds: the file table, the processes with the most descriptors, and every
 * deleted-but-open file (lsof +L1's rows). Text and JSON. */
#ifndef TRIAGE_VIEWS_FDS_H
#define TRIAGE_VIEWS_FDS_H

#include <stdbool.h>
#include <stdio.h>

#include "model/fds.h"

struct fds_view {
	const struct fd_scan *scan;
	const struct fds_row *rows;	/* the top processes */
	size_t nrows;
	bool have_file_nr;
	struct proc_sys_fs file_nr;
	double file_nr_pct;
	bool one_pid;			/* -p: no system-wide lines */
};

void fds_print(FILE *f, const struct fds_view *v);
void fds_print_json(FILE *f, const struct fds_view *v);

#endif
