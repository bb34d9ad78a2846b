/* The process scan's section of a recorded sample (codec.h, tag 0x0300).
 *
 *   i32 io_denied, i32 fd_denied, i32 stack_denied, u32 n
 *   n records in (pid, tid) order:
 *     i32 pid, i32 tid, u32 have (PROC_PID_* parts), u32 uid, u8 parts
 *     (bit 0 status, 1 io, 2 statm, 3 cmdline present)
 *     stat: u8 comm length + comm, u8 state, i32 ppid pgrp session tty_nr,
 *       u64 minflt cminflt majflt cmajflt utime stime, i64 cutime cstime
 *       priority nice num_threads, u64 starttime vsize, i64 rss,
 *       i32 processor, u32 rt_priority policy, u64 delayacct_blkio_ticks
 *       guest_time, i64 cguest_time
 *     have & SCHEDSTAT: u64 run_ns wait_ns timeslices
 *     status: u32 have, u32 uid[4], i32 tgid ppid nspid, u64 vm_peak
 *       vm_size vm_hwm vm_rss rss_anon rss_file rss_shmem vm_swap (kB),
 *       u32 threads, u64 voluntary nonvoluntary ctxt switches
 *     io: u64 rchar wchar syscr syscw read_bytes write_bytes cancelled
 *     statm: u64 size resident shared text lib data dt (pages)
 *     cmdline: u16 length + bytes
 *     have & FDNR: i32 fd_nr;  have & STACK: u8 found, u64 size_kb ref_kb
 * Fixed field order keeps unchanged processes byte-identical between
 * records, which is what the store's delta compression feeds on. */
#include "sample/codec.h"

#include <stdlib.h>
#include <string.h>

static void put_stat(struct bw *w, const struct proc_pid_stat *st)
{
	size_t n = strnlen(st->comm, sizeof(st->comm) - 1);
	uint8_t c = (uint8_t)n, state = (uint8_t)st->state;

	bw_bytes(w, &c, 1);
	bw_bytes(w, st->comm, n);
	bw_bytes(w, &state, 1);
	bw_u32(w, (uint32_t)st->ppid), bw_u32(w, (uint32_t)st->pgrp);
	bw_u32(w, (uint32_t)st->session), bw_u32(w, (uint32_t)st->tty_nr);
	bw_u64(w, st->minflt), bw_u64(w, st->cminflt), bw_u64(w, st->majflt), bw_u64(w, st->cmajflt);
	bw_u64(w, st->utime), bw_u64(w, st->stime);
	bw_u64(w, (uint64_t)st->cutime), bw_u64(w, (uint64_t)st->cstime);
	bw_u64(w, (uint64_t)st->priority), bw_u64(w, (uint64_t)st->nice);
	bw_u64(w, (uint64_t)st->num_threads);
	bw_u64(w, st->starttime), bw_u64(w, st->vsize), bw_u64(w, (uint64_t)st->rss);
	bw_u32(w, (uint32_t)st->processor), bw_u32(w, st->rt_priority), bw_u32(w, st->policy);
	bw_u64(w, st->delayacct_blkio_ticks), bw_u64(w, st->guest_time);
	bw_u64(w, (uint64_t)st->cguest_time);
}

static void get_stat(struct br *r, struct proc_pid_stat *st)
{
	const uint8_t *p = br_take(r, 1);
	size_t n = p ? *p : 0;
	const uint8_t *c = br_take(r, n);

	if (c && n < sizeof(st->comm))
		memcpy(st->comm, c, n);
	p = br_take(r, 1);
	st->state = p ? (char)*p : '?';
	st->ppid = (int)br_u32(r), st->pgrp = (int)br_u32(r);
	st->session = (int)br_u32(r), st->tty_nr = (int)br_u32(r);
	st->minflt = br_u64(r), st->cminflt = br_u64(r), st->majflt = br_u64(r), st->cmajflt = br_u64(r);
	st->utime = br_u64(r), st->stime = br_u64(r);
	st->cutime = (int64_t)br_u64(r), st->cstime = (int64_t)br_u64(r);
	st->priority = (int64_t)br_u64(r), st->nice = (int64_t)br_u64(r);
	st->num_threads = (int64_t)br_u64(r);
	st->starttime = br_u64(r), st->vsize = br_u64(r), st->rss = (int64_t)br_u64(r);
	st->processor = (int)br_u32(r), st->rt_priority = br_u32(r), st->policy = br_u32(r);
	st->delayacct_blkio_ticks = br_u64(r), st->guest_time = br_u64(r);
	st->cguest_time = (int64_t)br_u64(r);
}

static void put_status(struct bw *w, const struct proc_pid_status *s)
{
	bw_u32(w, s->have);
	for (int i = 0; i < 4; i++)
		bw_u32(w, (uint32_t)s->uid[i]);
	bw_u32(w, (uint32_t)s->tgid), bw_u32(w, (uint32_t)s->ppid), bw_u32(w, (uint32_t)s->nspid);
	bw_u64(w, s->vm_peak_kb), bw_u64(w, s->vm_size_kb), bw_u64(w, s->vm_hwm_kb);
	bw_u64(w, s->vm_rss_kb), bw_u64(w, s->rss_anon_kb), bw_u64(w, s->rss_file_kb);
	bw_u64(w, s->rss_shmem_kb), bw_u64(w, s->vm_swap_kb);
	bw_u32(w, s->threads);
	bw_u64(w, s->voluntary_ctxt_switches), bw_u64(w, s->nonvoluntary_ctxt_switches);
}

static void get_status(struct br *r, struct proc_pid_status *s)
{
	s->have = br_u32(r);
	for (int i = 0; i < 4; i++)
		s->uid[i] = (uid_t)br_u32(r);
	s->tgid = (int)br_u32(r), s->ppid = (int)br_u32(r), s->nspid = (int)br_u32(r);
	s->vm_peak_kb = br_u64(r), s->vm_size_kb = br_u64(r), s->vm_hwm_kb = br_u64(r);
	s->vm_rss_kb = br_u64(r), s->rss_anon_kb = br_u64(r), s->rss_file_kb = br_u64(r);
	s->rss_shmem_kb = br_u64(r), s->vm_swap_kb = br_u64(r);
	s->threads = br_u32(r);
	s->voluntary_ctxt_switches = br_u64(r), s->nonvoluntary_ctxt_switches = br_u64(r);
}

/* io and statm: seven u64 each, in struct order */
static void put_u64s(struct bw *w, const uint64_t *v, int n)
{
	for (int i = 0; i < n; i++)
		bw_u64(w, v[i]);
}

static void get_u64s(struct br *r, uint64_t *v, int n)
{
	for (int i = 0; i < n; i++)
		v[i] = br_u64(r);
}

static void put_io(struct bw *w, const struct proc_pid_io *io)
{
	const uint64_t v[7] = { io->rchar, io->wchar, io->syscr, io->syscw, io->read_bytes,
				io->write_bytes, io->cancelled_write_bytes };

	put_u64s(w, v, 7);
}

static void get_io(struct br *r, struct proc_pid_io *io)
{
	uint64_t v[7];

	get_u64s(r, v, 7);
	*io = (struct proc_pid_io){ v[0], v[1], v[2], v[3], v[4], v[5], v[6] };
}

static void put_statm(struct bw *w, const struct proc_pid_statm *m)
{
	const uint64_t v[7] = { m->size, m->resident, m->shared, m->text, m->lib, m->data, m->dt };

	put_u64s(w, v, 7);
}

static void get_statm(struct br *r, struct proc_pid_statm *m)
{
	uint64_t v[7];

	get_u64s(r, v, 7);
	*m = (struct proc_pid_statm){ v[0], v[1], v[2], v[3], v[4], v[5], v[6] };
}

static void put_rec(struct bw *w, const struct proc_pid_rec *rec)
{
	uint8_t parts = (uint8_t)((rec->status ? 1 : 0) | (rec->io ? 2 : 0) | (rec->statm ? 4 : 0) |
				  (rec->cmdline ? 8 : 0));

	bw_u32(w, (uint32_t)rec->pid), bw_u32(w, (uint32_t)rec->tid);
	bw_u32(w, rec->have), bw_u32(w, (uint32_t)rec->uid);
	bw_bytes(w, &parts, 1);
	put_stat(w, &rec->stat);
	if (rec->have & PROC_PID_SCHEDSTAT)
		bw_u64(w, rec->sched.run_ns), bw_u64(w, rec->sched.wait_ns), bw_u64(w, rec->sched.timeslices);
	if (rec->status)
		put_status(w, rec->status);
	if (rec->io)
		put_io(w, rec->io);
	if (rec->statm)
		put_statm(w, rec->statm);
	if (rec->cmdline) {
		size_t n = strnlen(rec->cmdline, 65535);

		bw_u16(w, (uint16_t)n);
		bw_bytes(w, rec->cmdline, n);
	}
	if (rec->have & PROC_PID_FDNR)
		bw_u32(w, (uint32_t)rec->fd_nr);
	if (rec->have & PROC_PID_STACK) {
		uint8_t f = rec->stack.found;

		bw_bytes(w, &f, 1);
		bw_u64(w, rec->stack.size_kb), bw_u64(w, rec->stack.ref_kb);
	}
}

void sample_encode_procs(const struct proc_pid_sample *ps, struct bw *w)
{
	bw_u32(w, (uint32_t)ps->io_denied);
	bw_u32(w, (uint32_t)ps->fd_denied);
	bw_u32(w, (uint32_t)ps->stack_denied);
	bw_u32(w, (uint32_t)ps->n);
	for (size_t i = 0; i < ps->n; i++)
		put_rec(w, &ps->recs[i]);
}

/* One record; the optional parts point at the caller's storage (copied by
 * proc_pid_sample_append). */
static void get_rec(struct br *r, struct proc_pid_rec *rec, struct proc_pid_status *st,
		    struct proc_pid_io *io, struct proc_pid_statm *sm, char *cmd, size_t cmdsz)
{
	const uint8_t *p;
	uint8_t parts;

	memset(rec, 0, sizeof(*rec));
	rec->pid = (int)br_u32(r), rec->tid = (int)br_u32(r);
	rec->have = br_u32(r), rec->uid = (uid_t)br_u32(r);
	p = br_take(r, 1);
	parts = p ? *p : 0;
	get_stat(r, &rec->stat);
	rec->stat.pid = rec->tid ? rec->tid : rec->pid;
	if (rec->have & PROC_PID_SCHEDSTAT)
		rec->sched.run_ns = br_u64(r), rec->sched.wait_ns = br_u64(r), rec->sched.timeslices = br_u64(r);
	if (parts & 1)
		get_status(r, st), rec->status = st;
	if (parts & 2)
		get_io(r, io), rec->io = io;
	if (parts & 4)
		get_statm(r, sm), rec->statm = sm;
	if (parts & 8) {
		size_t n = br_u16(r);

		p = br_take(r, n);
		if (n >= cmdsz)
			n = cmdsz - 1;
		if (p)
			memcpy(cmd, p, n);
		cmd[n] = '\0';
		rec->cmdline = cmd;
	}
	if (rec->have & PROC_PID_FDNR)
		rec->fd_nr = (int)br_u32(r);
	if (rec->have & PROC_PID_STACK) {
		p = br_take(r, 1);
		rec->stack.found = p && *p;
		rec->stack.size_kb = br_u64(r), rec->stack.ref_kb = br_u64(r);
	}
}

int sample_decode_procs(struct br *r, struct proc_pid_sample *out)
{
	enum { CMD_MAX = 65536 };
	char *cmd = malloc(CMD_MAX);
	struct proc_pid_status st;
	struct proc_pid_io io;
	struct proc_pid_statm sm;
	struct proc_pid_rec rec;
	uint32_t n;
	int err = 0;

	out->io_denied = (int)br_u32(r);
	out->fd_denied = (int)br_u32(r);
	out->stack_denied = (int)br_u32(r);
	n = br_u32(r);
	if (!cmd)
		return -ENOMEM;
	for (uint32_t i = 0; i < n && !r->err && !err; i++) {
		get_rec(r, &rec, &st, &io, &sm, cmd, CMD_MAX);
		if (!r->err)
			err = proc_pid_sample_append(out, &rec);
	}
	free(cmd);
	return r->err ? r->err : err;
}
