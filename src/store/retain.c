/* Retention: whole segments go, oldest first, never the one being written. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "store/store_priv.h"

int store_retain(struct store *st, uint64_t max_bytes, int64_t max_age_s)
{
	uint64_t total = 0;
	int deleted = 0, err;

	if (!st->writer)
		return -EINVAL;
	if ((err = seg_list(st, max_age_s > 0, NULL, 0)) != 0)
		return err;
	for (size_t i = 0; i < st->nsegs; i++)
		total += st->segs[i].size;
	int64_t oldest_kept = st->w.last_t != INT64_MIN && max_age_s > 0
		? st->w.last_t - max_age_s * 1000000000ll : INT64_MIN;
	for (size_t i = 0; i + 1 < st->nsegs; i++) {
		const struct seg_info *s = &st->segs[i];
		if (st->w.segfd >= 0 && s->seq == st->w.seq)
			break;	/* the one being written (and those after: none) */
		/* A segment ends where the next one begins. */
		int64_t end = st->segs[i + 1].first_t_ns;
		bool too_big = max_bytes > 0 && total > max_bytes;
		bool too_old = end != INT64_MIN && end < oldest_kept;
		if (!too_big && !too_old)
			break;
		if (unlinkat(st->dfd, s->name, 0) != 0 && errno != ENOENT)
			return -errno;
		total -= s->size;
		deleted++;
	}
	if (deleted)
		seg_list(st, false, NULL, 0);
	return deleted;
}
