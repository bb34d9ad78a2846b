/* The exited processes' sections of a recorded sample (codec.h, tags 0x0400
 * and 0x0401).
 *
 *   0x0400  u32 n, u64 dropped (records the ring buffer lost since the
 *           previous sample), then n tasks in the order they exited, each
 *           u16 len and len bytes:
 *             i32 pid tid ppid, u32 uid, i32 exit_code, u32 flags,
 *             u64 starttime utime stime (ticks), u64 minflt majflt nvcsw
 *             nivcsw maxrss_kb, u64 rchar wchar syscr syscw read_bytes
 *             write_bytes cancelled_write_bytes, i64 exit_ns (CLOCK_REALTIME),
 *             i32 priority nice, u8 comm length + comm
 *           A reader takes the fields it knows and skips the rest of len, so
 *           later versions may append fields.
 *   0x0401  exits are not recorded (no BPF): i32 -errno, then the reason,
 *           one line of text, to the end of the section. Written in the
 *           first record after the recorder (re)opened the store. */
#include "sample/codec.h"

#include <errno.h>
#include <string.h>

static void put_task(struct bw *w, const struct exited_task *t)
{
	size_t at = w->len, n = strnlen(t->comm, sizeof(t->comm) - 1);
	uint8_t c = (uint8_t)n;

	bw_u16(w, 0);		/* len, patched below */
	bw_u32(w, (uint32_t)t->pid), bw_u32(w, (uint32_t)t->tid), bw_u32(w, (uint32_t)t->ppid);
	bw_u32(w, t->uid), bw_u32(w, (uint32_t)t->exit_code), bw_u32(w, t->flags);
	bw_u64(w, t->starttime), bw_u64(w, t->utime), bw_u64(w, t->stime);
	bw_u64(w, t->minflt), bw_u64(w, t->majflt), bw_u64(w, t->nvcsw), bw_u64(w, t->nivcsw);
	bw_u64(w, t->maxrss_kb);
	bw_u64(w, t->io.rchar), bw_u64(w, t->io.wchar), bw_u64(w, t->io.syscr), bw_u64(w, t->io.syscw);
	bw_u64(w, t->io.read_bytes), bw_u64(w, t->io.write_bytes);
	bw_u64(w, t->io.cancelled_write_bytes);
	bw_u64(w, (uint64_t)t->exit_ns);
	bw_u32(w, (uint32_t)t->priority), bw_u32(w, (uint32_t)t->nice);
	bw_bytes(w, &c, 1);
	bw_bytes(w, t->comm, n);
	if (!w->err) {
		uint16_t len = (uint16_t)(w->len - at - 2);

		w->p[at] = (uint8_t)len;
		w->p[at + 1] = (uint8_t)(len >> 8);
	}
}

void sample_encode_exited(const struct exited_list *l, struct bw *w)
{
	bw_u32(w, (uint32_t)l->n);
	bw_u64(w, l->dropped);
	for (size_t i = 0; i < l->n; i++)
		put_task(w, &l->v[i]);
}

static void get_task(struct br *r, struct exited_task *t)
{
	const uint8_t *p, *c;
	size_t n;

	t->pid = (int)br_u32(r), t->tid = (int)br_u32(r), t->ppid = (int)br_u32(r);
	t->uid = br_u32(r), t->exit_code = (int32_t)br_u32(r), t->flags = br_u32(r);
	t->starttime = br_u64(r), t->utime = br_u64(r), t->stime = br_u64(r);
	t->minflt = br_u64(r), t->majflt = br_u64(r), t->nvcsw = br_u64(r), t->nivcsw = br_u64(r);
	t->maxrss_kb = br_u64(r);
	t->io.rchar = br_u64(r), t->io.wchar = br_u64(r), t->io.syscr = br_u64(r);
	t->io.syscw = br_u64(r), t->io.read_bytes = br_u64(r), t->io.write_bytes = br_u64(r);
	t->io.cancelled_write_bytes = br_u64(r);
	t->exit_ns = (int64_t)br_u64(r);
	t->priority = (int)br_u32(r), t->nice = (int)br_u32(r);
	p = br_take(r, 1);
	n = p ? *p : 0;
	c = br_take(r, n);
	if (c && n < sizeof(t->comm))
		memcpy(t->comm, c, n);
}

int sample_decode_exited(struct br *r, struct exited_list *out)
{
	uint32_t n = br_u32(r);
	int err;

	out->dropped = br_u64(r);
	if (r->err || n > r->len)	/* a task takes more than a byte */
		return -EBADMSG;
	for (uint32_t i = 0; i < n; i++) {
		uint16_t len = br_u16(r);
		const uint8_t *p = br_take(r, len);
		struct br tr = { p, len, 0, 0 };
		struct exited_task t = { 0 };

		if (!p)
			return -EBADMSG;
		get_task(&tr, &t);
		if (tr.err)
			return -EBADMSG;
		err = exited_list_add(out, &t);
		if (err)
			return err;
	}
	return r->err ? -EBADMSG : 0;
}

void sample_encode_exited_note(int err, const char *why, struct bw *w)
{
	bw_u32(w, (uint32_t)err);
	bw_bytes(w, why, strlen(why));
}

int sample_decode_exited_note(struct br *r, struct sample *out)
{
	size_t n;
	const uint8_t *p;

	out->exited_err = (int)br_u32(r);
	if (r->err)
		return -EBADMSG;
	n = r->len - r->off;
	p = br_take(r, n);
	if (n >= sizeof(out->exited_why))
		n = sizeof(out->exited_why) - 1;
	if (p && n)
		memcpy(out->exited_why, p, n);
	out->exited_why[n] = '\0';
	return 0;
}
