/* The store as a feed of recorded samples (store_feed.h): a cursor over the
 * window; at the end, each damaged time range it met is said once, naming
 * the times, so that the rest replays and the loss is known. */
#include "sample/store_feed.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "core/when.h"
#include "store/store.h"

struct store_feed {
	const char *cmd;
	struct store *st;
	struct store_cursor *cur;
	size_t said;		/* damage ranges said so far */
	int64_t from_ns, to_ns;	/* the window */
	const char *dir;
	long records;
	char boot_id[37];	/* the last record's */
	bool quiet;		/* a look-ahead pass: nothing said */
};

static void fmt_time(int64_t t_ns, char *out, size_t size)
{
	time_t t = (time_t)(t_ns / 1000000000LL);
	struct tm tm;

	if (t_ns == INT64_MIN || t_ns <= 0)
		snprintf(out, size, "the start");
	else if (t_ns == INT64_MAX)
		snprintf(out, size, "the end");
	else if (!localtime_r(&t, &tm))
		snprintf(out, size, "?");
	else
		strftime(out, size, "%Y-%m-%d %H:%M:%S", &tm);
}

static void say_damage(struct store_feed *f)
{
	if (f->quiet)
		return;
	for (; f->said < store_cursor_ndamage(f->cur); f->said++) {
		int64_t a, b;
		const char *why, *seg;
		char ta[32], tb[32];

		if (store_cursor_damage(f->cur, f->said, &a, &b, &why, &seg))
			break;
		fmt_time(a, ta, sizeof(ta));
		fmt_time(b, tb, sizeof(tb));
		err_msg(f->cmd, "the recording is damaged between %s and %s (%s, %s): those samples are lost,"
			" the rest is replayed", ta, tb, why, seg);
	}
}

static int feed_next(void *ctx, const void **data, size_t *len, bool *restart)
{
	struct store_feed *f = ctx;
	struct store_rec r;
	int err = store_next(f->cur, &r);

	if (err == -ENODATA) {
		say_damage(f);
		if (f->records == 0) {
			char ta[32], tb[32];

			if (f->quiet)
				return -ENODATA;
			fmt_time(f->from_ns, ta, sizeof(ta));
			fmt_time(f->to_ns, tb, sizeof(tb));
			err_msg(f->cmd, "nothing is recorded in %s between %s and %s (see triage history --store %s)",
				f->dir, ta, tb, f->dir);
			return -ENODATA;
		}
		return 1;
	}
	if (err) {
		if (!f->quiet)
			err_msg(f->cmd, "cannot read the recording: %s", store_strerror(err));
		return err;
	}
	/* only KEY records carry the boot_id: compare when both are known */
	*restart = f->records > 0 && ((r.flags & STORE_REC_START) ||
				      (r.boot_id[0] && f->boot_id[0] && strcmp(r.boot_id, f->boot_id) != 0));
	if (r.boot_id[0])
		snprintf(f->boot_id, sizeof(f->boot_id), "%s", r.boot_id);
	f->records++;
	*data = r.data;
	*len = r.len;
	return 0;
}

static void feed_quiet(void *ctx)
{
	((struct store_feed *)ctx)->quiet = true;
}

static void feed_close(void *ctx)
{
	struct store_feed *f = ctx;

	store_cursor_free(f->cur);
	store_close(f->st);
	free(f);
}

int sample_store_feed_open(const char *cmd, const char *dir, const char *from, const char *to, bool edges,
			   struct sample_feed *feed)
{
	struct store_feed *f = calloc(1, sizeof(*f));
	int64_t a, b;
	char why[512] = "";
	int err;

	if (!f)
		return -ENOMEM;
	f->cmd = cmd;
	if (!dir)
		dir = STORE_DEFAULT_DIR;
	err = when_window(from, to, time(NULL), &a, &b, why, sizeof(why));
	if (err) {
		err_msg(cmd, "%s", why);
		err = -EINVAL;	/* bad usage */
		goto fail;
	}
	if (!to)
		b = INT64_MAX;	/* to the end: now is whole seconds, the last record is not */
	err = store_open_read(&f->st, dir, why, sizeof(why));
	if (err) {
		err_msg(cmd, "cannot replay %s: %s", dir, why[0] ? why : store_strerror(err));
		goto fail;
	}
	f->from_ns = a, f->to_ns = b, f->dir = dir;
	err = store_seek(f->st, a, b, &f->cur);
	if (err) {
		err_msg(cmd, "cannot read %s: %s", dir, store_strerror(err));
		goto fail;
	}
	if (edges)
		store_cursor_edges(f->cur);
	*feed = (struct sample_feed){ .ctx = f, .next = feed_next, .close = feed_close,
				 .quiet = feed_quiet };
	return 0;
fail:
	store_close(f->st);
	free(f);
	return err;
}
