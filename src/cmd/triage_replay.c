/* triage --from TIME [--to TIME] [--store DIR]: the USE report over a recorded
 * window. The window is cut into slices (--slice, default 60 s of recorded
 * time, at most OBS_MAX_INTERVALS intervals each); each slice is collected
 * and judged as a live report would be, and the findings of consecutive
 * slices merge into episodes with the time they were true
 * (analysis/episodes.h). Consecutive slices share their boundary sample, so
 * no interval is lost between them. The USE matrix printed is that of the
 * worst slice (the one with the worst finding). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/episodes.h"
#include "analysis/rules.h"
#include "cmd/triage_cmd.h"
#include "cmd/triage_collect.h"
#include "cmd/triage_window.h"
#include "core/err.h"

struct slice {
	struct obs *o;
	struct collect *col;
	long long from;		/* its first sample's time */
	int k;			/* samples collected */
};

struct replay {
	const struct triage_opts *t;
	struct findings all;	/* the episodes */
	struct slice cur;
	struct obs *worst_o;	/* the worst slice's observations */
	struct findings worst_fs;
	int nslices;
	long long from, to;	/* the window */
	struct triage_window *window;	/* the whole window's growth fits */
};

static void slice_free(struct slice *s)
{
	collect_free(s->col);
	obs_free(s->o);
	memset(s, 0, sizeof(*s));
}

static int slice_start(struct slice *s, const struct sample *smp)
{
	s->o = obs_new();
	s->col = s->o ? collect_new(s->o, 0) : NULL;
	if (!s->col) {
		slice_free(s);
		return -ENOMEM;
	}
	s->from = (long long)sample_wall(smp);
	s->k = 0;
	return 0;
}

/* Is a worse than b (the worst finding's severity, then impact)? */
static bool slice_worse(const struct findings *a, const struct findings *b)
{
	int wa = findings_worst(a), wb = findings_worst(b);

	if (wa != wb)
		return wa > wb;
	return a->n && b->n && a->v[0].impact > b->v[0].impact;
}

/* Judge the slice that ends with smp and merge its findings. */
static int slice_end(struct replay *rp, const struct sample *smp)
{
	struct slice *s = &rp->cur;
	struct findings fs = { 0 };
	long long to = (long long)sample_wall(smp);
	int err;

	if (!s->o || !s->col)
		return -EINVAL;
	collect_last(s->col, NULL);
	if (s->o->intervals > 0)
		s->o->interval_s = s->o->window_s / s->o->intervals;
	rules_run(s->o, &fs);
	findings_rank(&fs);
	err = episodes_merge(&rp->all, &fs, rp->nslices++, s->from, to);
	if (!rp->worst_o || slice_worse(&fs, &rp->worst_fs)) {
		obs_free(rp->worst_o);
		findings_free(&rp->worst_fs);
		rp->worst_o = s->o;	/* kept: the matrix is this slice's */
		rp->worst_fs = fs;
		s->o = NULL;
	} else {
		findings_free(&fs);
	}
	collect_free(s->col);
	obs_free(s->o);
	memset(s, 0, sizeof(*s));
	return err;
}

/* One recorded sample into the current slice; a full slice is judged and
 * the next one starts on the same sample. */
static int step(struct replay *rp, const struct sample *smp)
{
	struct slice *s = &rp->cur;
	int err;

	if (!s->col && (err = slice_start(s, smp)))
		return err;
	err = collect_sample(s->col, smp, NULL, s->k++);
	if (err)
		return err;
	if (s->k > 1 && ((double)sample_wall(smp) - (double)s->from >= rp->t->slice ||
			 s->k > OBS_MAX_INTERVALS)) {
		err = slice_end(rp, smp);
		if (!err)
			err = step(rp, smp);
	}
	return err;
}

/* What only the whole window shows: slow leaks (mem.growth over hours). */
static int window_end(struct replay *rp)
{
	struct obs *o = obs_new();
	struct findings fs = { 0 };
	int err;

	if (!o)
		return -ENOMEM;
	triage_window_obs(rp->window, o);
	rules_mem_growth(o, &fs);
	err = episodes_add_window(&rp->all, &fs, rp->nslices, rp->from, rp->to);
	findings_free(&fs);
	obs_free(o);
	return err;
}

int triage_replay(struct sample_loop *lp, const struct triage_opts *t)
{
	struct replay rp = { .t = t };
	struct sample_step st = { .index = -1 };
	const struct sample *last = NULL;
	int err, status = TRIAGE_CANNOT_RUN;

	lp->interval = t->interval_set ? t->interval : 0;
	rp.window = triage_window_new();
	if (!rp.window) {
		err_errno(NULL, -ENOMEM, "cannot judge the recorded window");
		return status;
	}
	while ((err = sample_loop_next(lp, &st)) == 0) {
		if (triage_window_add(rp.window, st.newer)) {
			err = -ENOMEM;
			break;
		}
		if (!last)
			rp.from = (long long)sample_wall(st.newer);
		/* a recorder restart or a reboot: no interval across it */
		if (!st.older && rp.cur.col) {
			err = rp.cur.k > 1 ? slice_end(&rp, last) : 0;
			slice_free(&rp.cur);
			if (err)
				goto out;
		}
		last = st.newer;
		err = step(&rp, st.newer);
		if (err) {
			sample_loop_say(lp, st.newer, SAMPLE_UPTIME, NULL);
			goto out;
		}
	}
	if (err < 0)
		goto out;
	err = 0;	/* the samples are used up */
	if (rp.cur.col && rp.cur.k > 1)
		err = slice_end(&rp, last);
	if (err) {
		err_errno(NULL, err, "cannot judge the recorded window");
		goto out;
	}
	if (!rp.worst_o) {
		err_msg(NULL, "the recorded window holds fewer than two samples: no interval to judge");
		goto out;
	}
	rp.to = (long long)sample_wall(last);
	if (window_end(&rp)) {
		err_errno(NULL, -ENOMEM, "cannot judge the recorded window");
		goto out;
	}
	findings_rank(&rp.all);
	status = triage_show(rp.worst_o, &rp.all, t, true, rp.nslices, t->slice, (time_t)rp.from,
			     (time_t)rp.to);
out:
	triage_window_free(rp.window);
	slice_free(&rp.cur);
	obs_free(rp.worst_o);
	findings_free(&rp.worst_fs);
	findings_free(&rp.all);
	return status;
}
