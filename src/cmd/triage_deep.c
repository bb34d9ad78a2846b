/* `triage --deep`, the collecting half: run the BPF probes analysis/deep.h's
 * plan asks for, symbolize the off-CPU stacks, and hand the results to
 * deep_apply as data. */
#include "cmd/triage_cmd.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "analysis/deep.h"
#include "bpf/biolatency_api.h"
#include "bpf/offcputime_api.h"
#include "bpf/runqlat_api.h"
#include "core/root.h"
#include "model/offcpu.h"

/* "1.90 s blocked, postgres[812]: do_nanosleep<-hrtimer_nanosleep" */
static void stack_line(struct symbolizer *sym, const struct offcpu_stack *s, char *line, size_t size)
{
	char frame[128];
	int n = snprintf(line, size, "%.2f s blocked, %s[%u]:", (double)s->total_us / 1e6, s->comm, s->pid);
	const uint64_t *k = s->frames + (s->nuser > 0 ? s->nuser : 0);

	/* the innermost kernel frames past the scheduler say why it blocked */
	for (int j = 0, shown = 0; j < s->nkern && shown < 4 && n < (int)size; j++) {
		offcpu_frame(sym, s->tgid, k[j], true, j == 0, frame, sizeof(frame));
		if (strstr(frame, "schedule") || !strncmp(frame, "bpf_", 4) || !strncmp(frame, "_einittext", 10))
			continue;
		n += snprintf(line + n, size - (size_t)n, "%s%s", shown++ ? "<-" : " ", frame);
	}
}

static int offcpu_stacks(double secs, struct deep_results *r)
{
	struct offcputime_opts o = { .min_block_us = 1000, .state = -1 };
	struct offcpu_stacks st = { 0 };
	struct symbolizer *sym = NULL;
	struct root root;
	int err = offcputime_collect(&o, secs, &st, NULL);

	if (err)
		goto out;
	offcpu_stacks_merge(&st, true);
	offcpu_stacks_sort(&st);
	err = root_open(&root, NULL);
	if (err)
		goto out;
	sym = symbolizer_new(&root);
	for (size_t i = 0; sym && i < st.n && i < DEEP_TOP_STACKS; i++)
		stack_line(sym, &st.s[i], r->stacks[r->nstacks++], sizeof(r->stacks[0]));
	symbolizer_free(sym);
	root_close(&root);
out:
	offcpu_stacks_free(&st);
	return err;
}

int triage_deep(struct findings *fs, const struct obs *o, double seconds)
{
	struct deep_plan p;
	struct deep_results r = { 0 };
	struct log2_hists runq = { 0 }, bio = { 0 };
	int err;

	deep_plan(fs, o, seconds, &p);
	if (p.runqlat) {
		struct runqlat_opts ro = { .key = RUNQLAT_KEY_NONE };

		r.runqlat_err = runqlat_collect(&ro, p.secs, &runq, NULL);
		if (!r.runqlat_err)
			log2_hists_total(&runq, &r.runq);
	}
	if (p.biolatency) {
		struct biolatency_opts bo = { .key = BIOLAT_KEY_DISK };

		r.biolatency_err = biolatency_collect(&bo, p.secs, &bio, NULL);
		r.bio = &bio;
	}
	if (p.offcpu >= 0)
		r.offcpu_err = offcpu_stacks(p.secs, &r);
	err = deep_apply(fs, &p, &r);
	log2_hists_free(&runq);
	log2_hists_free(&bio);
	return err;
}
