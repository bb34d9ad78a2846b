/* What a store holds: ranges of records without a break, what broke them
 * (restart, reboot, gap, interval change, damage), the damage, the size.
 * Reads every record's header and checks its checksum; decompresses nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_priv.h"

struct hist_walk {
	struct store_hist *h;
	size_t rcap, dcap;
	bool need_key;		/* after damage, records wait for a KEY (as replay does) */
	bool in_dmg, after_dmg;
	int64_t last_t;		/* last good record */
	int64_t dmg_max_t;
	char boot_id[37];
	uint32_t interval_ms;
	const char *dmg_why;
	const char *dmg_seg;
};

static int dmg_close(struct hist_walk *hw, int64_t to)
{
	struct store_hist *h = hw->h;

	if (h->ndamage == hw->dcap) {
		size_t n = hw->dcap ? hw->dcap * 2 : 8;
		struct store_damage *d = realloc(h->damage, n * sizeof(*d));
		if (!d)
			return -ENOMEM;
		h->damage = d;
		hw->dcap = n;
	}
	struct store_damage *d = &h->damage[h->ndamage++];
	d->from_ns = hw->last_t != INT64_MIN ? hw->last_t : to;
	d->to_ns = to;
	snprintf(d->why, sizeof(d->why), "%s", hw->dmg_why);
	snprintf(d->seg, sizeof(d->seg), "%s", hw->dmg_seg);
	hw->in_dmg = false;
	hw->after_dmg = true;
	return 0;
}

static enum store_begin what_begins(const struct hist_walk *hw, const struct rec_hdr *rh, const char *boot)
{
	int64_t dt;

	if (hw->h->nranges == 0)
		return hw->after_dmg ? STORE_BEGIN_DAMAGE : STORE_BEGIN_FIRST;
	/* saturating: a damaged header's time can be anything */
	if (__builtin_sub_overflow(rh->t_ns, hw->last_t, &dt))
		dt = rh->t_ns > hw->last_t ? INT64_MAX : INT64_MIN;
	if (boot[0] && hw->boot_id[0] && strcmp(boot, hw->boot_id) != 0)
		return STORE_BEGIN_REBOOT;
	if (rh->flags & STORE_REC_START)
		return STORE_BEGIN_RESTART;
	if (hw->after_dmg)
		return STORE_BEGIN_DAMAGE;
	if (rh->interval_ms != hw->interval_ms)
		return STORE_BEGIN_INTERVAL;
	if (dt < 0 || (rh->interval_ms && dt > 2 * (int64_t)rh->interval_ms * 1000000))
		return STORE_BEGIN_GAP;
	return (enum store_begin)-1;	/* the same range */
}

static int hist_rec(struct hist_walk *hw, const struct rec_hdr *rh, const unsigned char *body)
{
	struct store_hist *h = hw->h;
	char boot[37];

	memcpy(boot, hw->boot_id, sizeof(boot));
	if (rh->flags & REC_F_BOOTID) {
		memcpy(boot, body, 36);
		boot[36] = '\0';
	}
	int b = (int)what_begins(hw, rh, boot);
	if (b >= 0) {
		if (h->nranges == hw->rcap) {
			size_t n = hw->rcap ? hw->rcap * 2 : 8;
			struct store_range *r = realloc(h->ranges, n * sizeof(*r));
			if (!r)
				return -ENOMEM;
			h->ranges = r;
			hw->rcap = n;
		}
		struct store_range *r = &h->ranges[h->nranges++];
		memset(r, 0, sizeof(*r));
		r->from_ns = rh->t_ns;
		r->interval_ms = rh->interval_ms;
		memcpy(r->boot_id, boot, sizeof(boot));
		r->begin = (enum store_begin)b;
		r->gap_ns = h->nranges > 1 ? rh->t_ns - h->ranges[h->nranges - 2].to_ns : 0;
	}
	struct store_range *r = &h->ranges[h->nranges - 1];
	r->to_ns = rh->t_ns;
	r->records++;
	h->records++;
	h->raw_bytes += rh->raw_len;
	hw->last_t = rh->t_ns;
	hw->interval_ms = rh->interval_ms;
	memcpy(hw->boot_id, boot, sizeof(boot));
	hw->after_dmg = false;
	return 0;
}

static int hist_seg(struct store *st, struct hist_walk *hw, size_t i, struct seg_reader *sr)
{
	struct rec_hdr rh;
	const char *why;
	int64_t ht;
	int res, err;
	bool live = i + 1 == st->nsegs && hw->h->writer_active;

	if ((err = seg_reader_open(sr, st, &st->segs[i], live)) != 0)
		return err == -ENOENT ? 0 : err;
	hw->need_key = true;
	while ((res = seg_reader_next(sr, &rh, &why, &ht)) != SEG_END) {
		if (res < 0)
			break;
		if (res == SEG_DAMAGE || (hw->need_key && !(rh.flags & REC_F_KEY))) {
			ht = res == SEG_REC ? rh.t_ns : ht;
			if (!hw->in_dmg) {
				hw->in_dmg = true;
				/* a record that is not a KEY where one must be: a
				 * segment that does not start with one */
				hw->dmg_why = res == SEG_DAMAGE ? why : "no key record";
				hw->dmg_seg = st->segs[i].name;
				hw->dmg_max_t = ht;
			} else if (ht > hw->dmg_max_t) {
				hw->dmg_max_t = ht;
			}
			hw->need_key = true;
			continue;
		}
		hw->need_key = false;
		if (hw->in_dmg && (res = dmg_close(hw, rh.t_ns)) != 0)
			break;
		if ((res = hist_rec(hw, &rh, sr->body)) != 0)
			break;
	}
	seg_reader_close(sr);
	if (res >= 0 && hw->in_dmg && !live)	/* damage at a segment's end ends there */
		res = dmg_close(hw, hw->dmg_max_t != INT64_MIN ? hw->dmg_max_t : hw->last_t);
	return res < 0 ? res : 0;
}

int store_history(struct store *st, struct store_hist *h)
{
	struct hist_walk hw = { .h = h, .last_t = INT64_MIN, .dmg_max_t = INT64_MIN };
	struct seg_reader sr = { .fd = -1 };
	int err;

	memset(h, 0, sizeof(*h));
	if ((err = seg_list(st, false, NULL, 0)) != 0)
		return err;
	h->writer_active = store_writer_active(st);
	h->segments = st->nsegs;
	for (size_t i = 0; i < st->nsegs; i++)
		h->bytes += st->segs[i].size;
	for (size_t i = 0; i < st->nsegs && !err; i++)
		err = hist_seg(st, &hw, i, &sr);
	if (!err && hw.in_dmg)
		err = dmg_close(&hw, hw.dmg_max_t != INT64_MIN ? hw.dmg_max_t : hw.last_t);
	free(sr.body);
	if (err)
		store_hist_free(h);
	return err;
}

void store_hist_free(struct store_hist *h)
{
	free(h->ranges);
	free(h->damage);
	memset(h, 0, sizeof(*h));
}

const char *store_begin_name(enum store_begin b)
{
	static const char *const names[] = {
		[STORE_BEGIN_FIRST] = "first",
		[STORE_BEGIN_RESTART] = "restart",
		[STORE_BEGIN_REBOOT] = "reboot",
		[STORE_BEGIN_GAP] = "gap",
		[STORE_BEGIN_INTERVAL] = "interval",
		[STORE_BEGIN_DAMAGE] = "damage",
	};

	return (unsigned)b < sizeof(names) / sizeof(names[0]) && names[b] ? names[b] : "?";
}
