/* Stepping through the samples: live and snapshots forward only; a
 * recording (--from) both ways. Stepping back re-opens the loop just
 * before the record preceding the one wanted (the times seen so far are
 * kept, sorted, in t->times) and steps up to it, so the frame is always an
 * interval between two records. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/when.h"
#include "tui/tui_priv.h"

#define JUMP_MAX_STEPS 100000	/* records stepped over to reach a time */

/* The index of t_ns in times[], inserted when new. */
static int note_time(struct tui *t, int64_t t_ns, size_t *at)
{
	size_t lo = 0, hi = t->ntimes;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->times[mid] < t_ns)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	if (lo < t->ntimes && t->times[lo] == t_ns)
		return 0;
	if (t->ntimes == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		int64_t *v = realloc(t->times, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		t->times = v;
		t->cap = cap;
	}
	memmove(t->times + lo + 1, t->times + lo, (t->ntimes - lo) * sizeof(*t->times));
	t->times[lo] = t_ns;
	t->ntimes++;
	return 0;
}

int tui_step(struct tui *t)
{
	struct sample_step st;
	int err = sample_loop_next(t->lp, &st);

	if (err == 1)
		t->at_end = true;
	if (err)
		return err;
	t->at_end = false;
	if (st.index == 0 && !t->have_users)
		tui_frame_setup(t, st.newer);
	if (t->replay) {
		err = note_time(t, st.newer->t_ns, &t->pos);
		if (err)
			return err;
	}
	return tui_frame_build(t, st.older, st.newer);
}

/* Re-open the recording at from_ns and step until the newer sample is at
 * least until_ns. 0, or -errno (the loop says why). */
static int reopen(struct tui *t, int64_t from_ns, int64_t until_ns)
{
	struct common_opts co = t->co;
	int err;

	snprintf(t->from_buf, sizeof(t->from_buf), "@%.3f", (double)from_ns / 1e9);
	co.from = t->from_buf;
	tui_frame_free(&t->fr);
	t->have_frame = false;
	sample_loop_close(t->lp);
	err = sample_loop_open(t->lp, t->o->cmd, &co, &t->want);
	if (err)
		return err;
	t->lp->interval = 0;
	t->lp->want.scan.threads = t->threads;
	for (long k = 0; k < JUMP_MAX_STEPS; k++) {
		err = tui_step(t);
		if (err || (t->have_frame && t->fr.newer->t_ns >= until_ns))
			break;
	}
	return err < 0 ? err : 0;
}

void tui_replay_back(struct tui *t)
{
	size_t target;
	int64_t from;

	if (t->pos == 0 || t->ntimes == 0) {
		snprintf(t->msg, sizeof(t->msg), "the start of the replay (--from)");
		return;
	}
	target = t->pos - 1;
	/* a millisecond before the record preceding the target: it becomes the older */
	from = (target > 0 ? t->times[target - 1] : t->times[target]) - 1000000;
	if (reopen(t, from, t->times[target]))
		snprintf(t->msg, sizeof(t->msg), "cannot re-open the recording");
}

void tui_replay_jump(struct tui *t)
{
	char buf[64], why[160];
	int64_t at, spacing = 0;

	if (!tui_prompt(t, "Jump to time (2026-12-03 03:00, 03:00:10, -2h, @EPOCH): ", buf, sizeof(buf)) || !buf[0])
		return;
	if (when_parse(buf, time(NULL), &at, why, sizeof(why))) {
		snprintf(t->msg, sizeof(t->msg), "%.200s", why);
		return;
	}
	/* start an interval or two before, so that the record at the time
	 * comes with the one before it */
	if (t->ntimes >= 2)
		spacing = (t->times[t->ntimes - 1] - t->times[0]) / (int64_t)(t->ntimes - 1);
	if (reopen(t, at - 2 * spacing - 1000000, at)) {
		snprintf(t->msg, sizeof(t->msg), "cannot re-open the recording");
		return;
	}
	if (!t->have_frame || t->fr.newer->t_ns < at) {
		snprintf(t->msg, sizeof(t->msg), "no record at or after %.40s: the last one is shown", buf);
		return;
	}
	snprintf(t->msg, sizeof(t->msg), "jumped to %.40s", buf);
}
