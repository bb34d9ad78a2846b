#include "cmd/ss_summary.h"

#include <stdio.h>

#include "core/err.h"
#include "views/ss.h"

int ss_summary_print(const struct root *r, const struct sock_counts *c, bool json)
{
	struct ss_summary s = { .c = c };

	(void)r;
	if (json)
		ss_print_summary_json(stdout, &s);
	else
		ss_print_summary(stdout, &s);
	return EXIT_OK;
}
