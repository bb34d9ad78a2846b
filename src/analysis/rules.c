/* Run every rule family over one window of observations. */
#include "analysis/rules.h"

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "analysis/rules_proc.h"

int rules_run(const struct obs *o, struct findings *out)
{
	rules_cpu(o, out);
	rules_mem(o, out);
	rules_disk(o, out);
	rules_fs(o, out);
	rules_net(o, out);
	rules_task(o, out);
	rules_threads(o, out);
	rules_cgroup(o, out);
	rules_focus(o, out);	/* --pid: what triage pid says that the above did not */
	rules_kernel(o, out);	/* last: it defers to findings made above */
	return 0;
}
