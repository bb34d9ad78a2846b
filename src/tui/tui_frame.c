/* A frame of the interactive top: the process rows (cmd/top_rows.h), the
 * per-CPU percentages (model/cpu.h) and the report's findings over the
 * interval (cmd/top_findings.h), from the loop's two samples. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/tui_priv.h"

void tui_frame_setup(struct tui *t, const struct sample *first)
{
	long pg = sysconf(_SC_PAGESIZE), hz = sysconf(_SC_CLK_TCK);

	t->params.hz = hz > 0 ? hz : 100;
	t->params.page_kb = pg >= 1024 ? pg / 1024 : 4;
	t->page_kb = t->params.page_kb;
	if (sample_has(first, SAMPLE_MEMINFO))
		t->params.mem_total_kb = first->mem.v[MI_MEM_TOTAL];
	t->params.ncpus = first->ncpu.online;	/* procps: the online CPUs */
	passwd_free(&t->users);
	t->have_users = sample_has(first, SAMPLE_PASSWD) &&
			passwd_parse(first->raw[SAMPLE_PASSWD].p, first->raw[SAMPLE_PASSWD].len, &t->users) == 0;
	if (!t->have_users)
		memset(&t->users, 0, sizeof(t->users));
}

void tui_frame_free(struct tui_frame *f)
{
	top_rows_free(&f->rows);
	free(f->order);
	free(f->depth);
	if (f->judged_ok)
		top_judged_free(&f->judged);
	if (f->cpu_ok)
		cpu_model_free(&f->cpu);
	memset(f, 0, sizeof(*f));
}

int tui_frame_refresh(struct tui *t)
{
	struct tui_frame *f = &t->fr;
	const struct sample *a = f->older, *b = f->newer;
	int err;

	top_rows_free(&f->rows);
	t->filter.threads = t->threads;
	t->filter.name = t->name_filter[0] ? t->name_filter : NULL;
	t->params.dt_s = a ? b->up.up_s - a->up.up_s : b->up.up_s;
	err = top_rows_build(&f->rows, a && a->have_procs ? &a->procs : NULL, &b->procs, &t->params,
			     t->have_users ? &t->users : NULL, &t->filter);
	if (err)
		return err;
	top_rows_sort(&f->rows, t->key, t->ascending);
	return tui_table_order(t);
}

static void count_tasks(struct tui_frame *f)
{
	const struct proc_pid_sample *s = &f->newer->procs;

	f->ntasks = 0;
	f->nrunning = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (s->recs[i].tid)
			continue;
		f->ntasks++;
		f->nrunning += s->recs[i].stat.state == 'R';
	}
}

int tui_frame_build(struct tui *t, const struct sample *older, const struct sample *newer)
{
	struct tui_frame *f = &t->fr;

	tui_frame_free(f);
	t->have_frame = false;
	f->older = older;
	f->newer = newer;
	if (!newer->have_procs)
		snprintf(t->msg, sizeof(t->msg), "this sample holds no process scan");
	if (sample_has(newer, SAMPLE_STAT) && (!older || sample_has(older, SAMPLE_STAT))) {
		int ncpu = newer->stat.ncpu;

		cpu_model_init(&f->cpu);
		f->cpu_ok = cpu_model_compute(older ? &older->stat : NULL, &newer->stat, ncpu,
					      older ? newer->up.up_s - older->up.up_s : newer->up.up_s,
					      &f->cpu) == 0;
		if (!f->cpu_ok)
			cpu_model_free(&f->cpu);
	}
	/* findings need an interval; a failed judgement leaves them out */
	if (older)
		f->judged_ok = top_findings_judge(older, newer, &f->judged) == 0;
	if (!f->judged_ok)
		memset(&f->judged, 0, sizeof(f->judged));
	count_tasks(f);
	/* the findings' cursor stays on a finding that exists */
	if (t->sel_finding >= tui_header_findings(t))
		t->sel_finding = tui_header_findings(t) - 1;
	if (t->sel_finding < 0)
		t->sel_finding = 0;
	if (tui_header_findings(t) == 0)
		t->focus_findings = false;
	t->have_frame = true;
	return tui_frame_refresh(t);
}
