/* The cgroups of a sample and their codec section (sample_cgroups.c). */
#ifndef TRIAGE_SAMPLE_SAMPLE_CGROUPS_H
#define TRIAGE_SAMPLE_SAMPLE_CGROUPS_H

#include "sample/bytes.h"
#include "sample/sample.h"

/* Every group under r, at most max of them (<= 0: SAMPLE_MAX_CGROUPS), the
 * shallowest first, sorted by path. Returns 0, -ENOENT without a cgroup
 * filesystem, or -errno; free out with cgroup_snapshot_free. */
int sample_cgroups_read(const struct root *r, int max, struct cgroup_snapshot *out);

void sample_encode_cgroups(const struct cgroup_snapshot *cs, struct bw *w);
/* Returns 0, -EBADMSG (damage: nothing kept) or -ENOMEM. */
int sample_decode_cgroups(struct br *r, struct cgroup_snapshot *cs);

#endif
