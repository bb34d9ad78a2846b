/* Thread states of a recorded sample (sample_threads.h), codec section
 * 0x0c00:
 *   f64 up_s, f64 dt (IEEE-754 bits), str source (u8 length + bytes),
 *   i32 denied, u8 have_stack, u8 delayacct + 1, u32 hz, u32 page, u32 n,
 *   then n processes in pid order:
 *     i32 pid ppid, u8 kthread, u8 state, str comm, u32 nthreads,
 *     u64 rss_pages blkio_ticks, u32 samples running dstate lock,
 *     u64 slices, u32 slice_threads waits_other, u8 nwaits, each wait:
 *       u8 state, str syscall wchan frame, u64 arg0, u32 n,
 *       str file mount fstype
 * A process whose threads sleep where they slept and did not run is
 * byte-identical between records (the store's delta compression). */
#include "sample/sample_threads.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct sample_threads *sample_threads_new(void)
{
	struct sample_threads *st = calloc(1, sizeof(*st));

	if (st)
		st->delayacct = -1;
	return st;
}

void sample_threads_free(struct sample_threads *st)
{
	if (!st)
		return;
	free(st->p);
	free(st->w);
	free(st);
}

int sample_threads_reserve(struct sample_threads *st, size_t n)
{
	struct sample_tproc *p;

	if (n <= st->cap)
		return 0;
	p = realloc(st->p, n * sizeof(*p));
	if (!p)
		return -ENOMEM;
	st->p = p;
	st->cap = n;
	return 0;
}

int sample_threads_reserve_waits(struct sample_threads *st, size_t n)
{
	struct sample_twait *w;

	if (n <= st->capw)
		return 0;
	w = realloc(st->w, n * sizeof(*w));
	if (!w)
		return -ENOMEM;
	st->w = w;
	st->capw = n;
	return 0;
}

struct sample_tproc *sample_threads_add(struct sample_threads *st)
{
	struct sample_tproc *p;

	if (st->n == st->cap && sample_threads_reserve(st, st->cap ? st->cap * 2 : 256))
		return NULL;
	p = &st->p[st->n++];
	memset(p, 0, sizeof(*p));
	p->first_wait = st->nw;
	return p;
}

struct sample_twait *sample_threads_add_wait(struct sample_threads *st, struct sample_tproc *p)
{
	struct sample_twait *w;

	if (p->nwaits >= SAMPLE_TWAITS)
		return NULL;
	if (st->nw == st->capw && sample_threads_reserve_waits(st, st->capw ? st->capw * 2 : 256))
		return NULL;
	w = &st->w[st->nw++];
	memset(w, 0, sizeof(*w));
	p->nwaits++;
	return w;
}

void sample_threads_clear(struct sample_threads *st)
{
	st->n = st->nw = 0;
}

static void put_u8(struct bw *w, unsigned v)
{
	uint8_t c = (uint8_t)v;

	bw_bytes(w, &c, 1);
}

static unsigned get_u8(struct br *r)
{
	const uint8_t *p = br_take(r, 1);

	return p ? *p : 0;
}

static void put_str(struct bw *w, const char *s, size_t size)
{
	size_t n = strnlen(s, size - 1);

	put_u8(w, (unsigned)(n > 255 ? 255 : n));
	bw_bytes(w, s, n > 255 ? 255 : n);
}

static void get_str(struct br *r, char *out, size_t size)
{
	size_t n = get_u8(r);
	const uint8_t *s = br_take(r, n);

	if (!s || n >= size || memchr(s, '\0', n)) {
		r->err = -EBADMSG;
		out[0] = '\0';
		return;
	}
	memcpy(out, s, n);
	out[n] = '\0';
}

static void put_f64(struct bw *w, double v)
{
	uint64_t u;

	memcpy(&u, &v, sizeof(u));
	bw_u64(w, u);
}

static double get_f64(struct br *r)
{
	uint64_t u = br_u64(r);
	double v;

	memcpy(&v, &u, sizeof(v));
	return v;
}

static void put_wait(struct bw *w, const struct sample_twait *t)
{
	put_u8(w, (unsigned char)t->state);
	put_str(w, t->syscall, sizeof(t->syscall));
	put_str(w, t->wchan, sizeof(t->wchan));
	put_str(w, t->frame, sizeof(t->frame));
	bw_u64(w, t->arg0);
	bw_u32(w, t->n);
	put_str(w, t->file, sizeof(t->file));
	put_str(w, t->mount, sizeof(t->mount));
	put_str(w, t->fstype, sizeof(t->fstype));
}

static void get_wait(struct br *r, struct sample_twait *t)
{
	t->state = (char)get_u8(r);
	get_str(r, t->syscall, sizeof(t->syscall));
	get_str(r, t->wchan, sizeof(t->wchan));
	get_str(r, t->frame, sizeof(t->frame));
	t->arg0 = br_u64(r);
	t->n = br_u32(r);
	get_str(r, t->file, sizeof(t->file));
	get_str(r, t->mount, sizeof(t->mount));
	get_str(r, t->fstype, sizeof(t->fstype));
}

static void put_proc(struct bw *w, const struct sample_threads *st, const struct sample_tproc *p)
{
	bw_u32(w, (uint32_t)p->pid), bw_u32(w, (uint32_t)p->ppid);
	put_u8(w, p->kthread);
	put_u8(w, (unsigned char)p->state);
	put_str(w, p->comm, sizeof(p->comm));
	bw_u32(w, (uint32_t)p->nthreads);
	bw_u64(w, (uint64_t)p->rss_pages), bw_u64(w, p->blkio_ticks);
	bw_u32(w, p->samples), bw_u32(w, p->running), bw_u32(w, p->dstate), bw_u32(w, p->lock);
	bw_u64(w, p->slices);
	bw_u32(w, p->slice_threads), bw_u32(w, p->waits_other);
	put_u8(w, (unsigned)p->nwaits);
	for (int i = 0; i < p->nwaits; i++)
		put_wait(w, sample_tproc_wait(st, p, i));
}

static int get_proc(struct br *r, struct sample_threads *st, struct sample_tproc *p)
{
	int nwaits;

	p->pid = (int)br_u32(r), p->ppid = (int)br_u32(r);
	p->kthread = get_u8(r) != 0;
	p->state = (char)get_u8(r);
	get_str(r, p->comm, sizeof(p->comm));
	p->nthreads = (int)br_u32(r);
	p->rss_pages = (int64_t)br_u64(r), p->blkio_ticks = br_u64(r);
	p->samples = br_u32(r), p->running = br_u32(r), p->dstate = br_u32(r), p->lock = br_u32(r);
	p->slices = br_u64(r);
	p->slice_threads = br_u32(r), p->waits_other = br_u32(r);
	nwaits = (int)get_u8(r);
	if (nwaits > SAMPLE_TWAITS)
		return -EBADMSG;
	for (int i = 0; i < nwaits && !r->err; i++) {
		struct sample_twait *t = sample_threads_add_wait(st, p);

		if (!t)
			return -ENOMEM;
		get_wait(r, t);
	}
	return r->err;
}

void sample_encode_threads(const struct sample_threads *st, struct bw *w)
{
	put_f64(w, st->up_s), put_f64(w, st->dt);
	put_str(w, st->source, sizeof(st->source));
	bw_u32(w, (uint32_t)st->denied);
	put_u8(w, st->have_stack);
	put_u8(w, (unsigned)(st->delayacct + 1));
	bw_u32(w, (uint32_t)st->hz), bw_u32(w, (uint32_t)st->page);
	bw_u32(w, (uint32_t)st->n);
	for (size_t i = 0; i < st->n; i++)
		put_proc(w, st, &st->p[i]);
}

#define TPROC_MIN 63	/* the bytes of a process without waits, empty comm */

int sample_decode_threads(struct br *r, struct sample_threads **out)
{
	struct sample_threads *st = sample_threads_new();
	uint32_t n;
	int err = 0;

	*out = NULL;
	if (!st)
		return -ENOMEM;
	st->up_s = get_f64(r), st->dt = get_f64(r);
	get_str(r, st->source, sizeof(st->source));
	st->denied = (int)br_u32(r);
	st->have_stack = get_u8(r) != 0;
	st->delayacct = (int)get_u8(r) - 1;
	st->hz = (int)br_u32(r), st->page = (int)br_u32(r);
	n = br_u32(r);
	if (r->err || n > (r->len - r->off) / TPROC_MIN + 1)
		err = -EBADMSG;
	for (uint32_t i = 0; i < n && !err; i++) {
		struct sample_tproc *p = sample_threads_add(st);

		err = p ? get_proc(r, st, p) : -ENOMEM;
		if (!err && i && st->p[i - 1].pid >= p->pid)
			err = -EBADMSG;	/* in pid order: the model merges them */
	}
	if (err) {
		sample_threads_free(st);
		return err;
	}
	*out = st;
	return 0;
}
