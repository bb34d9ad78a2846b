/* The one sample loop (loop.h). */
#include "sample/loop.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "core/err.h"
#include "core/err_read.h"
#include "model/interval.h"
#include "sample/codec.h"
#include "sample/store_feed.h"

static void init(struct sample_loop *l, const char *cmd, const struct sample_want *w)
{
	memset(l, 0, sizeof(*l));
	l->cmd = cmd;
	l->want = *w;
	l->max = -1;
	l->interval = 1;
	sample_init(&l->s[0]);
	sample_init(&l->s[1]);
	sample_init(&l->first);
	l->first_at = -1;
}

int sample_loop_open(struct sample_loop *l, const char *cmd, const struct common_opts *co,
		     const struct sample_want *w)
{
	struct sample_feed feed;
	int err;

	if (co->from || co->to || co->store) {
		err = sample_store_feed_open(cmd, co->store, co->from, co->to, w->window_edges, &feed);
		if (err)
			return err;
		sample_loop_open_feed(l, cmd, w, feed);
		return 0;
	}
	init(l, cmd, w);
	err = sampler_open_cmd(&l->smp, cmd, co->root);
	if (err)
		return err;
	if (l->smp.replay)
		l->want.scan.max_kept_fds = 0;
	return 0;
}

int sample_loop_exit(int err)
{
	return err == -EINVAL ? EXIT_USAGE : EXIT_FAIL;
}

void sample_loop_open_feed(struct sample_loop *l, const char *cmd, const struct sample_want *w,
			   struct sample_feed feed)
{
	init(l, cmd, w);
	l->feed = feed;
	l->interval = 0;
	sampler_install_signals();
}

void sample_loop_close(struct sample_loop *l)
{
	sample_free(&l->s[0]);
	sample_free(&l->s[1]);
	sample_free(&l->first);
	exited_list_free(&l->carry);
	if (l->feed.next) {
		if (l->feed.close)
			l->feed.close(l->feed.ctx);
	} else {
		sampler_close(&l->smp);
	}
	memset(l, 0, sizeof(*l));
}

void sample_loop_quiet(struct sample_loop *l)
{
	l->quiet = true;
	l->warned_decode = true;
	l->said_exits = true;
	if (l->feed.quiet)
		l->feed.quiet(l->feed.ctx);
}

bool sample_loop_replay(const struct sample_loop *l)
{
	return l->feed.next || l->smp.replay;
}

int sample_loop_left(const struct sample_loop *l)
{
	return l->feed.next ? -1 : sampler_left(&l->smp);
}

int sample_loop_last(struct sample_loop *l, struct sample **out)
{
	struct sample_step st;
	int err;

	l->interval = 0;
	if (!sample_loop_replay(l))
		l->max = 1;
	while ((err = sample_loop_next(l, &st)) == 0)
		;
	if (err < 0)
		return err;
	*out = sample_loop_newest(l);
	return *out ? 0 : -ENODATA;
}

const struct sample *sample_loop_first(const struct sample_loop *l)
{
	if (!l->keep_first || l->first_at < 0)
		return NULL;
	return l->first_at == 2 ? &l->first : &l->s[l->first_at];
}

struct sample *sample_loop_newest(struct sample_loop *l)
{
	return l->taken ? &l->s[l->cur] : NULL;
}

const struct root *sample_loop_root(const struct sample_loop *l)
{
	return l->feed.next ? NULL : sampler_root(&l->smp);
}

void sample_loop_say(const struct sample_loop *l, const struct sample *s, enum sample_part part,
		     const char *what)
{
	static const char *const dirs[ROOT__COUNT] = { "", "proc/", "sys/", "dev/" };
	int err = s->err[part] ? s->err[part] : -ENODATA;
	const struct root *r = sample_loop_root(l);

	if (r) {
		err_read(l->cmd, r, sample_part_dir(part), sample_part_file(part), err,
			 s->bad_line[part], what);
		return;
	}
	err_errno(l->cmd, err, "the recording has no /%s%s%s%s%s", dirs[sample_part_dir(part)],
		  sample_part_file(part), what ? " (" : "", what ? what : "", what ? ")" : "");
}

int sample_loop_require(const struct sample_loop *l, const struct sample *s, unsigned mask)
{
	for (int i = 0; i < SAMPLE__NPARTS; i++) {
		if (((mask >> i) & 1u) && !sample_has(s, (enum sample_part)i)) {
			sample_loop_say(l, s, (enum sample_part)i, NULL);
			return s->err[i] ? s->err[i] : -ENODATA;
		}
	}
	return 0;
}

/* A record about to be skipped: keep its ended processes for the next
 * record yielded (they ended in the interval that one closes). */
static void carry_exits(struct sample_loop *l, struct sample *s)
{
	l->carry_unknown |= !s->have_exited;
	if (s->have_exited && exited_list_move(&l->carry, &s->exited))
		l->carry_unknown = true;
}

/* The yielded record s gets the skipped records' exits before its own. */
static void give_exits(struct sample_loop *l, struct sample *s)
{
	/* the commands that look at processes say the recording's note once */
	if (s->exited_err && l->want.procs && !l->said_exits) {
		err_msg(l->cmd, "note: the recording says %s", s->exited_why);
		l->said_exits = true;
	}
	if (!l->carry.n && !l->carry_unknown)
		return;
	if (s->have_exited && exited_list_move(&l->carry, &s->exited) == 0) {
		s->exited = l->carry;
		memset(&l->carry, 0, sizeof(l->carry));
	}
	s->have_exited = s->have_exited && !l->carry_unknown;
	exited_list_free(&l->carry);
	l->carry_unknown = false;
}

/* A recorded sample into *s: the next record of the feed at least
 * l->interval after the last one yielded. 0, 1 at the end, -errno. */
static int next_recorded(struct sample_loop *l, struct sample *s)
{
	const void *data;
	size_t len;
	bool restart = false, any_restart = false;
	int err;

	for (;;) {
		if (sampler_interrupted())
			return 1;
		err = l->feed.next(l->feed.ctx, &data, &len, &restart);
		if (err)
			return err;
		any_restart |= restart;
		if (restart) {	/* no interval across it: what ended before is not in it */
			exited_list_free(&l->carry);
			l->carry_unknown = false;
		}
		sample_free(s);
		err = sample_decode(data, len, s);
		if (err) {
			if (!l->warned_decode)
				err_errno(l->cmd, err, "a recorded sample cannot be decoded; skipped");
			l->warned_decode = true;
			continue;
		}
		/* -i coarser than the recording: the first record that far on
		 * (a tenth of the interval of slack for the recorder's jitter) */
		if (l->taken && l->interval > 0 && !any_restart &&
		    (double)(s->t_ns - l->last_t_ns) < l->interval * 0.9e9) {
			carry_exits(l, s);
			continue;
		}
		give_exits(l, s);
		l->last_t_ns = s->t_ns;
		s->restart = any_restart;
		return 0;
	}
}

static int next_taken(struct sample_loop *l, struct sample *s, struct sample *prev)
{
	int err;

	if (l->taken) {
		double wait = l->taken == 1 && l->first_interval > 0 ? l->first_interval : l->interval;

		err = sampler_wait(&l->smp, wait);
		if (err == -EINTR || err == -ENODATA)
			return 1;
		if (err)
			return err;
	}
	sample_free(s);
	if (l->hooks.before)
		l->hooks.before(l->hooks.ctx, &l->want);
	err = sample_take(sampler_root(&l->smp), &l->want, prev, s);
	if (l->hooks.after)
		l->hooks.after(l->hooks.ctx, &l->want, s);
	if (err && !l->want.uptime_optional) {
		if (!l->quiet)
			sample_loop_say(l, s, SAMPLE_UPTIME, NULL);
		return err;
	}
	/* the kept fds moved to s: the older sample no longer owns them */
	return 0;
}

int sample_loop_next(struct sample_loop *l, struct sample_step *st)
{
	struct sample *prev = &l->s[l->cur], *s = &l->s[!l->cur];
	int err;

	if (l->max >= 0 && l->taken >= l->max)
		return 1;
	if (l->taken && sampler_interrupted())
		return 1;
	if (l->keep_first && l->first_at == !l->cur) {	/* its slot is about to be reused */
		sample_free(&l->first);
		l->first = *s;
		sample_init(s);
		l->first_at = 2;
	}
	err = l->feed.next ? next_recorded(l, s) : next_taken(l, s, l->taken ? prev : NULL);
	if (err)
		return err;
	l->cur = !l->cur;
	st->older = l->taken && !s->restart ? prev : NULL;
	st->newer = s;
	st->elapsed = interval_dt(st->older ? &st->older->up : NULL, &s->up);
	st->index = l->taken++;
	if (!st->older)
		l->first_at = l->cur;
	return 0;
}
