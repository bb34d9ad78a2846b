/* `triage --deep` (issue 6): after the rules, run the BPF probes the
 * findings call for and add their summary to the findings' evidence:
 *   cpu.saturated            -> runqlat: how long runnable tasks waited
 *   disk.* (slow, saturated, errors) -> biolatency per disk: the latency
 *                               distribution behind iostat's mean await
 *   task D state, disk slow or iowait while CPUs are mostly idle
 *                            -> offcputime: where the blocked time goes
 * Each probe runs for at most DEEP_MAX_S seconds (the report's duration when
 * shorter), one after the other, then detaches. Probes need root and BTF:
 * when none could run, the error is returned and the report lists "deep
 * probes" under unchecked. */
#include "analysis/deep.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bpf/biolatency_api.h"
#include "bpf/offcputime_api.h"
#include "bpf/runqlat_api.h"
#include "core/root.h"
#include "model/offcpu.h"

#define DEEP_MAX_S 3.0
#define DEEP_TOP_STACKS 3

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

static int deep_runqlat(struct findings *fs, double secs)
{
	struct runqlat_opts o = { .key = RUNQLAT_KEY_NONE };
	struct log2_hists hs = { 0 };
	struct log2_hist total;
	int err = runqlat_collect(&o, secs, &hs, NULL);

	if (err)
		return err;
	log2_hists_total(&hs, &total);
	for (int i = 0; i < fs->n; i++)
		if (fs->v[i].rule == RULE_CPU_SATURATED)
			hist_evidence(&fs->v[i], "runqlat", secs, "run-queue latency", &total, "us");
	log2_hists_free(&hs);
	return 0;
}

static int deep_biolatency(struct findings *fs, double secs)
{
	struct biolatency_opts o = { .key = BIOLAT_KEY_DISK };
	struct log2_hists hs = { 0 };
	int err = biolatency_collect(&o, secs, &hs, NULL);

	if (err)
		return err;
	for (int i = 0; i < fs->n; i++) {
		struct finding *f = &fs->v[i];
		const char *disk = strchr(f->resource, ':');
		const struct log2_hist *h = NULL;

		if (!is_disk_rule(f->rule) || !disk)
			continue;
		for (size_t k = 0; k < hs.n; k++)
			if (!strcmp(hs.h[k].name, disk + 1))
				h = &hs.h[k];
		if (h)
			hist_evidence(f, "biolatency", secs, disk + 1, h, "us");
		else
			finding_evidence(f, "biolatency (BPF, %.0f s): no I/O completed on %s", secs, disk + 1);
	}
	log2_hists_free(&hs);
	return 0;
}

/* "offcputime (BPF, 2 s): 1.9 s blocked in postgres[812]: do_nanosleep<-..." */
static void stack_evidence(struct finding *f, struct symbolizer *sym, const struct offcpu_stack *s,
			   double secs)
{
	char line[256], frame[128];
	int n = snprintf(line, sizeof(line), "offcputime (BPF, %.0f s): %.2f s blocked, %s[%u]:", secs,
			 (double)s->total_us / 1e6, s->comm, s->pid);
	const uint64_t *k = s->frames + (s->nuser > 0 ? s->nuser : 0);

	/* the innermost kernel frames past the scheduler say why it blocked */
	for (int j = 0, shown = 0; j < s->nkern && shown < 4 && n < (int)sizeof(line); j++) {
		offcpu_frame(sym, s->tgid, k[j], true, j == 0, frame, sizeof(frame));
		if (strstr(frame, "schedule") || !strncmp(frame, "bpf_", 4) || !strncmp(frame, "_einittext", 10))
			continue;
		n += snprintf(line + n, sizeof(line) - (size_t)n, "%s%s", shown++ ? "<-" : " ", frame);
	}
	finding_evidence(f, "%s", line);
}

static int deep_offcputime(struct finding *f, double secs)
{
	struct offcputime_opts o = { .min_block_us = 1000, .state = -1 };
	struct offcpu_stacks st = { 0 };
	struct symbolizer *sym = NULL;
	struct root r;
	int err = offcputime_collect(&o, secs, &st, NULL);

	if (err)
		goto out;
	offcpu_stacks_merge(&st, true);
	offcpu_stacks_sort(&st);
	err = root_open(&r, NULL);
	if (err)
		goto out;
	sym = symbolizer_new(&r);
	for (size_t i = 0; sym && i < st.n && i < DEEP_TOP_STACKS; i++)
		stack_evidence(f, sym, &st.s[i], secs);
	symbolizer_free(sym);
	root_close(&r);
out:
	offcpu_stacks_free(&st);
	return err;
}

/* The finding that calls for off-CPU stacks: tasks blocked, or I/O waits,
 * while the CPUs are mostly idle (latency that is not CPU). */
static struct finding *offcpu_target(struct findings *fs, const struct obs *o)
{
	double idle = series_mean(&o->host.cpu_idle);

	if (isnan(idle) || idle < 50)
		return NULL;
	for (int i = 0; i < fs->n; i++) {
		enum rule_id r = fs->v[i].rule;

		if (r == RULE_TASK_D_STATE || r == RULE_DISK_SLOW || r == RULE_CPU_IOWAIT)
			return &fs->v[i];
	}
	return NULL;
}

int deep_run(struct findings *fs, const struct obs *o, double seconds)
{
	double secs = seconds > 0 && seconds < DEEP_MAX_S ? seconds : DEEP_MAX_S;
	bool cpu = false, disk = false;
	struct finding *off = offcpu_target(fs, o);
	int err = 0, ran = 0, e;

	for (int i = 0; i < fs->n; i++) {
		cpu |= fs->v[i].rule == RULE_CPU_SATURATED;
		disk |= is_disk_rule(fs->v[i].rule);
	}
	if (cpu) {
		e = deep_runqlat(fs, secs);
		ran += !e;
		err = e ? e : err;
	}
	if (disk) {
		e = deep_biolatency(fs, secs);
		ran += !e;
		err = e ? e : err;
	}
	if (off) {
		e = deep_offcputime(off, secs);
		ran += !e;
		err = e ? e : err;
	}
	return ran ? 0 : err;
}
