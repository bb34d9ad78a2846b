/* triage cgroup: one group in detail, or the groups nearest their limits. */
#ifndef TRIAGE_VIEWS_CGROUP_H
#define TRIAGE_VIEWS_CGROUP_H

#include <stdbool.h>
#include <stdio.h>

#include "core/json.h"
#include "model/cgroup.h"
#include "sources/cgroup.h"

/* Every domain of one group, text: one block of lines per domain. indent
 * prefixes every line (the pid view nests it). */
void cgroup_print_detail(FILE *f, const struct cgroup_sample *s, const struct cgroup_rates *r,
			 const char *indent);
/* The same as one JSON object under key (NULL in an array). */
void cgroup_json_detail(struct json *j, const char *key, const struct cgroup_sample *s,
			const struct cgroup_rates *r);

struct cgroup_rank {
	const char *layout;		/* "unified", "hybrid", "legacy" */
	double dt_s;			/* NAN with one sample */
	int groups;			/* groups seen */
	int limited;			/* of them with a limit or throttling */
	bool truncated;			/* the walk stopped at its bound */
	int n;				/* rows below, best first */
	const struct cgroup_ranked *rows;
};

void cgroup_print_top(FILE *f, const struct cgroup_rank *k);
void cgroup_json_top(struct json *j, const struct cgroup_rank *k);

/* "1.5 GiB", "12.0 KiB", "512 B"; "max" for CGROUP_UNLIMITED. */
const char *cgroup_fmt_bytes(char *buf, size_t size, uint64_t v);

#endif
