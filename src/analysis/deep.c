/* `triage --deep`, the analysis half (deep.h): which probes, and their
 * results as evidence lines. No I/O. */
#include "analysis/deep.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static bool is_disk_rule(enum rule_id r)
{
	return r == RULE_DISK_SATURATED || r == RULE_DISK_SLOW || r == RULE_DISK_ERRORS;
}

/* One line: "runqlat (BPF, 2 s): 1234 waits, mean 85 us, p50 <= 63 us, p99 <= 4095 us". */
static void hist_evidence(struct finding *f, const char *tool, double secs, const char *what,
			  const struct log2_hist *h, const char *unit)
{
	finding_evidence(f, "%s (BPF, %.0f s)%s%s: %" PRIu64 " %s, mean %.0f %s, p50 <= %" PRIu64
			 " %s, p99 <= %" PRIu64 " %s", tool, secs, *what ? " " : "", what, h->count,
			 !strcmp(tool, "runqlat") ? "waits" : "I/Os", log2_hist_mean(h), unit,
			 log2_hist_percentile(h, 50), unit, log2_hist_percentile(h, 99), unit);
}

/* The finding that calls for off-CPU stacks: tasks blocked, or I/O waits,
 * while the CPUs are mostly idle (latency that is not CPU). */
static int offcpu_target(const struct findings *fs, const struct obs *o)
{
	double idle = series_mean(&o->host.cpu_idle);

	if (isnan(idle) || idle < 50)
		return -1;
	for (int i = 0; i < fs->n; i++) {
		enum rule_id r = fs->v[i].rule;

		if (r == RULE_TASK_D_STATE || r == RULE_DISK_SLOW || r == RULE_CPU_IOWAIT)
			return i;
	}
	return -1;
}

void deep_plan(const struct findings *fs, const struct obs *o, double seconds, struct deep_plan *p)
{
	memset(p, 0, sizeof(*p));
	p->secs = seconds > 0 && seconds < DEEP_MAX_S ? seconds : DEEP_MAX_S;
	for (int i = 0; i < fs->n; i++) {
		p->runqlat |= fs->v[i].rule == RULE_CPU_SATURATED;
		p->biolatency |= is_disk_rule(fs->v[i].rule);
	}
	p->offcpu = offcpu_target(fs, o);
}

static void apply_bio(struct findings *fs, const struct deep_plan *p, const struct log2_hists *hs)
{
	for (int i = 0; i < fs->n; i++) {
		struct finding *f = &fs->v[i];
		const char *disk = strchr(f->resource, ':');
		const struct log2_hist *h = NULL;

		if (!is_disk_rule(f->rule) || !disk)
			continue;
		for (size_t k = 0; k < hs->n; k++)
			if (!strcmp(hs->h[k].name, disk + 1))
				h = &hs->h[k];
		if (h)
			hist_evidence(f, "biolatency", p->secs, disk + 1, h, "us");
		else
			finding_evidence(f, "biolatency (BPF, %.0f s): no I/O completed on %s", p->secs, disk + 1);
	}
}

int deep_apply(struct findings *fs, const struct deep_plan *p, const struct deep_results *r)
{
	int ran = 0, err = 0;

	if (p->runqlat) {
		if (!r->runqlat_err) {
			for (int i = 0; i < fs->n; i++)
				if (fs->v[i].rule == RULE_CPU_SATURATED)
					hist_evidence(&fs->v[i], "runqlat", p->secs, "run-queue latency", &r->runq, "us");
			ran++;
		}
		err = r->runqlat_err ? r->runqlat_err : err;
	}
	if (p->biolatency) {
		if (!r->biolatency_err && r->bio) {
			apply_bio(fs, p, r->bio);
			ran++;
		}
		err = r->biolatency_err ? r->biolatency_err : err;
	}
	if (p->offcpu >= 0 && p->offcpu < fs->n) {
		if (!r->offcpu_err) {
			for (int i = 0; i < r->nstacks; i++)
				finding_evidence(&fs->v[p->offcpu], "offcputime (BPF, %.0f s): %s", p->secs,
						 r->stacks[i]);
			ran++;
		}
		err = r->offcpu_err ? r->offcpu_err : err;
	}
	return ran ? 0 : err;	/* nothing called for a probe: 0 */
}
