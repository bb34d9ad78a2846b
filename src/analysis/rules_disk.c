/* disk.saturated, disk.slow, disk.errors. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/finding.h"
#include "analysis/klog.h"
#include "analysis/obs.h"
#include "analysis/rules.h"

/* %util past the threshold together with a queue, in the same intervals. */
static void saturated(const struct obs *o, const struct obs_disk *d, struct findings *out)
{
	const struct rule_def *r = &rule_defs[RULE_DISK_SATURATED];
	struct series both_w, both_c;
	char w[64];
	int need = rule_need(o, RULE_DISK_SATURATED), kw, kc, lv;

	series_init(&both_w);
	series_init(&both_c);
	for (int i = 0; i < d->util.n; i++) {
		double u = d->util.v[i], q = d->aqu.v[i];

		series_push(&both_w, u > r->warn && q > r->warn2 ? 1 : 0);
		series_push(&both_c, u > r->crit && q > r->crit2 ? 1 : 0);
	}
	kw = series_count_ge(&both_w, 1);
	kc = series_count_ge(&both_c, 1);
	lv = kc >= need ? SEV_CRITICAL : kw >= need ? SEV_WARNING : -1;
	if (lv < 0)
		return;
	struct finding *f = findings_add(out, RULE_DISK_SATURATED, lv, series_mean(&d->aqu) / r->warn2,
					 "disk:%s", d->name);
	if (!f)
		return;
	finding_summary(f, "Disk %s is busy all the time with requests queued", d->name);
	finding_evidence(f, "iostat %%util %.0f%% mean, aqu-sz %.1f mean, %.1f peak; both high in %s (/proc/diskstats)",
			 series_mean(&d->util), series_mean(&d->aqu), series_max(&d->aqu),
			 rule_window_str(o, lv == SEV_CRITICAL ? kc : kw, w, sizeof(w)));
	finding_evidence(f, "%.0f I/O per second, await %.1f ms (/proc/diskstats)",
			 series_mean(&d->iops), series_mean(&d->await));
}

static void slow(const struct obs *o, const struct obs_disk *d, struct findings *out)
{
	const struct rule_def *r = &rule_defs[RULE_DISK_SLOW];
	bool rot = d->rotational == 1;
	struct series aw;
	char w[64];
	int k = 0, lv;

	/* Only intervals with enough I/O to judge: one slow request is not a
	 * trend, unless the disk was busy all the interval (requests so slow
	 * that few complete are the slow disk itself). */
	series_init(&aw);
	for (int i = 0; i < d->await.n; i++)
		series_push(&aw, d->iops.v[i] >= r->min || (i < d->util.n && d->util.v[i] >= 90) ? d->await.v[i] : NAN);
	lv = rule_level_series(o, RULE_DISK_SLOW, &aw, 1, rot, &k);
	if (lv < 0)
		return;
	struct finding *f = findings_add(out, RULE_DISK_SLOW, lv, series_mean(&aw) / (rot ? r->warn2 : r->warn),
					 "disk:%s", d->name);
	if (!f)
		return;
	finding_summary(f, "I/O on %s takes %.0f ms on average, slow for a %s disk", d->name,
			series_mean(&aw), rot ? "rotational" : "non-rotational");
	finding_evidence(f, "iostat await %.1f ms mean, %.1f ms peak; above %g ms in %s (/proc/diskstats)",
			 series_mean(&aw), series_max(&aw), rot ? r->warn2 : r->warn, rule_window_str(o, k, w, sizeof(w)));
	finding_evidence(f, "%.0f I/O per second, %%util %.0f%%, aqu-sz %.1f; rotational=%d (sys/block/%s/queue/rotational)",
			 series_mean(&d->iops), series_mean(&d->util), series_mean(&d->aqu), d->rotational, d->name);
}

static void errors(const struct obs *o, struct findings *out)
{
	char dev[64];

	for (int i = 0; i < o->ndisks; i++) {
		const struct obs_disk *d = &o->disks[i];

		if (!(d->errors > 0))
			continue;
		struct finding *f = findings_add(out, RULE_DISK_ERRORS, SEV_CRITICAL, d->errors, "disk:%s", d->name);
		if (!f)
			continue;
		finding_summary(f, "Disk %s reported %.0f I/O error(s) during the window", d->name, d->errors);
		finding_evidence(f, "%.0f \"I/O error, dev %s\" line(s) in the kernel log during the window",
				 d->errors, d->name);
	}
	/* Kernel log: one finding per device, critical when logged in the window. */
	for (int i = 0; i < o->nklog; i++) {
		const struct obs_klog *l = &o->klog[i];
		bool dup = false;

		if (l->kind != KLOG_IOERR || klog_ioerr_dev(l->text, dev, sizeof(dev)))
			continue;
		char res[80];
		snprintf(res, sizeof(res), "disk:%s", dev);
		for (int j = 0; j < out->n; j++)
			if (out->v[j].rule == RULE_DISK_ERRORS && !strcmp(out->v[j].resource, res)) {
				finding_evidence(&out->v[j], "[%.1f s] %s (kernel log)", l->ts, l->text);
				if (l->in_window && out->v[j].sev < SEV_CRITICAL)
					out->v[j].sev = SEV_CRITICAL;
				dup = true;
				break;
			}
		if (dup)
			continue;
		struct finding *f = findings_add(out, RULE_DISK_ERRORS, l->in_window ? SEV_CRITICAL : SEV_INFO,
						 1, "%s", res);
		if (!f)
			continue;
		finding_summary(f, "The kernel logged I/O errors on %s%s", dev,
				l->in_window ? " during the window" : " since boot");
		finding_evidence(f, "[%.1f s] %s (kernel log)", l->ts, l->text);
	}
}

void rules_disk(const struct obs *o, struct findings *out)
{
	if (o->have & HAVE_DISK)
		for (int i = 0; i < o->ndisks; i++) {
			saturated(o, &o->disks[i], out);
			slow(o, &o->disks[i], out);
		}
	errors(o, out);
}
