/* The report's rules over one interval of the interactive top: the same
 * collector (cmd/triage_collect.h) and rules (analysis/rules.h) as `triage`,
 * given the loop's two samples. Only what the samples hold is judged (host
 * files, disks, interfaces, TCP counters, the process scan): the report's
 * once-per-run reads (descriptors, sockets, filesystems, cgroups, thread
 * states, the kernel log) would cost more than a refresh may; they are
 * `triage`'s. */
#ifndef TRIAGE_CMD_TOP_FINDINGS_H
#define TRIAGE_CMD_TOP_FINDINGS_H

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "sample/sample.h"

struct top_judged {
	struct obs *o;		/* the interval's observations (disks, interfaces, PSI) */
	struct findings fs;	/* ranked */
};

/* What the collector reads from every sample, added to w. */
void top_findings_want(struct sample_want *w);

/* Judge older -> newer (both alive in the loop) into *j (zeroed first).
 * Returns 0, or -errno (-ENOMEM; -ENODATA without uptime). */
int top_findings_judge(const struct sample *older, const struct sample *newer, struct top_judged *j);
void top_judged_free(struct top_judged *j);

#endif
