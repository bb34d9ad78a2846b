/* df's table as coreutils prints it, the deleted-but-open section, JSON. */
#ifndef TRIAGE_VIEWS_DF_H
#define TRIAGE_VIEWS_DF_H

#include <stdbool.h>
#include <stdio.h>

#include "model/df.h"

struct df_view {
	const struct df_report *rep;
	const struct mountinfo *mi;
	bool human;		/* -h: powers of 1024, rounded up, "4.0K" "252G" */
	bool inodes;		/* -i */
	bool have_fds;		/* the fd scan ran */
	unsigned long fds_denied;	/* processes whose fds we could not read */
};

void df_print(FILE *f, const struct df_view *v);
void df_print_json(FILE *f, const struct df_view *v);

/* coreutils' -h: "0", "512", "4.0K", "9.9M", "10G", "252G" (ceiling). */
void df_human(char *out, size_t size, uint64_t v);

#endif
