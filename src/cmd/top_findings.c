#include "cmd/top_findings.h"

#include <errno.h>
#include <string.h>

#include "analysis/rules.h"
#include "cmd/triage_collect.h"

void top_findings_want(struct sample_want *w)
{
	struct sample_want c;

	/* the report's first-sample wants: every host file, disks and links */
	collect_want(0, 1, &c);
	w->parts |= c.parts;
	w->blocks = true;
	w->links = true;
}

int top_findings_judge(const struct sample *older, const struct sample *newer, struct top_judged *j)
{
	struct collect *c;
	int err;

	memset(j, 0, sizeof(*j));
	j->o = obs_new();
	c = j->o ? collect_new(j->o, 0) : NULL;
	if (!c) {
		obs_free(j->o);
		j->o = NULL;
		return -ENOMEM;
	}
	collect_borrow_scans(c);
	/* no root: only what the samples hold, as a recorded window is judged */
	err = collect_sample(c, older, NULL, 0);
	if (!err)
		err = collect_sample(c, newer, NULL, 1);
	if (!err) {
		collect_last(c, NULL);
		if (j->o->intervals > 0)
			j->o->interval_s = j->o->window_s / j->o->intervals;
		rules_run(j->o, &j->fs);
		findings_rank(&j->fs);
	}
	collect_free(c);
	if (err)
		top_judged_free(j);
	return err;
}

void top_judged_free(struct top_judged *j)
{
	findings_free(&j->fs);
	obs_free(j->o);
	memset(j, 0, sizeof(*j));
}
