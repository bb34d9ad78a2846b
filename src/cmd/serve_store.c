/* `triage serve --store DIR`: the windows from the flight recorder's
 * samples (triage record writing DIR) instead of sampling the host again.
 * Every interval the records since the last window's end are read through
 * the store feed (sample/store_feed.h, via the sample loop), collected as
 * one window (the previous window's last record is this one's first),
 * judged and published like a live window. What a recording does not hold
 * (descriptors, sockets, filesystems of the moment, thread states) is
 * listed under unchecked, as for `triage --from`. */
#include "cmd/serve.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "analysis/rules.h"
#include "cmd/triage_collect.h"
#include "core/err.h"
#include "core/sampler.h"
#include "sample/loop.h"

#define CMD "serve"

/* The samples of [from, end] into one window: 0 published, 1 fewer than two
 * records (nothing to judge yet), -errno. *last_s: the last record's time. */
static int store_window(const struct serve_opts *so, const char *from, struct serve_pub *pub, double *last_s)
{
	struct common_opts co = so->co;
	struct sample_loop lp;
	struct sample_want want;
	struct sample_step st = { .index = -1 };
	const struct sample *last = NULL;
	struct obs *o = NULL;
	struct collect *col = NULL;
	int err;

	co.from = from;
	co.to = NULL;
	collect_want(0, OBS_MAX_INTERVALS, &want);
	if (sample_loop_open(&lp, CMD, &co, &want))
		return 1;	/* said: nothing recorded since then (or the store is unreadable) */
	lp.interval = 0;
	lp.max = OBS_MAX_INTERVALS + 1;
	o = obs_new();
	col = o ? collect_new(o, 0) : NULL;
	err = col ? 0 : -ENOMEM;
	while (!err && sample_loop_next(&lp, &st) == 0) {
		collect_want(0, OBS_MAX_INTERVALS, &lp.want);	/* every record: its processes too */
		if (st.index > 0 && !st.older)
			break;	/* a restart of the recorder or a reboot: the window ends before it */
		err = collect_sample(col, st.newer, NULL, (int)st.index);
		last = st.newer;
	}
	if (!err && last && o->intervals > 0) {
		struct findings fs = { 0 };
		struct serve_doc d;

		collect_last(col, NULL);
		o->interval_s = o->window_s / o->intervals;
		rules_run(o, &fs);
		findings_rank(&fs);
		err = serve_render(&d, o, &fs, last, so, NAN, so->textfile != NULL);
		findings_free(&fs);
		*last_s = (double)last->t_ns / 1e9;
		if (!err)
			serve_publish(pub, &d);
	} else if (!err) {
		err = 1;
	}
	collect_free(col);
	obs_free(o);
	sample_loop_close(&lp);
	return err;
}

int serve_store_run(const struct serve_opts *so, struct serve_pub *pub)
{
	struct timespec next;
	double last_s = (double)time(NULL) - 2 * so->interval - 1;	/* the first window needs two records */
	char from[64];
	long done = 0;

	sampler_install_signals();
	if (so->co.from)
		snprintf(from, sizeof(from), "%s", so->co.from);
	else
		snprintf(from, sizeof(from), "@%.0f", last_s);
	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!sampler_interrupted()) {
		int err = store_window(so, from, pub, &last_s);

		if (err < 0) {
			err_errno(CMD, err, "cannot judge the recorded window");
			return EXIT_FAIL;
		}
		if (err == 0) {
			snprintf(from, sizeof(from), "@%lld", (long long)last_s);	/* its last record starts the next */
			if (so->textfile && serve_write_textfile(so->textfile, &pub->doc))
				return EXIT_FAIL;
			if (so->count && ++done >= so->count)
				break;
		}
		next.tv_sec += (time_t)so->interval;
		next.tv_nsec += (long)((so->interval - (double)(time_t)so->interval) * 1e9);
		if (next.tv_nsec >= 1000000000L) {
			next.tv_sec++;
			next.tv_nsec -= 1000000000L;
		}
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR && !sampler_interrupted())
			;
	}
	return EXIT_OK;
}
