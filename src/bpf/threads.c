#include "bpf/threads_api.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpf/tasks.h"
#include "bpf/tasks_api.h"
#include "bpf/threads.h"
#include "core/buf.h"
#include "core/root.h"
#include "sources/kallsyms.h"
#include "sources/symtab.h"
#include "sources/task_feed.h"
#include "sources/proc_uptime.h"
#include "threads.skel.h"

struct threads_iter {
	struct threads_bpf *skel;
	struct bpf_link *link;
	struct buf b;
	struct symtab syms;		/* kallsyms, read at the first sample with frames */
	bool syms_read;
	uint64_t sched_lo, sched_hi;	/* __sched_text_start .. end */
	bool fed;			/* no iterator: records come from threads_iter_feed */
	bool fresh;			/* fed since the last sample */
};

int threads_iter_open_fed(const struct root *r, struct threads_iter **out, struct bpf_env_err *e)
{
	struct threads_iter *it;
	int err;

	*out = NULL;
	it = tasks_host_obj(r, sizeof(*it), "threads", true, e, &err);
	if (!it)
		return err;
	symtab_init(&it->syms);
	it->fed = true;
	*out = it;
	return 0;
}

int threads_states_split(const void *recs, size_t len, struct buf *out)
{
	const char *p = recs;
	struct tasks_head h;
	struct tasks_state st;
	size_t size;
	int err;

	out->len = 0;
	err = buf_reserve(out, len);	/* the states are fewer bytes than the whole */
	if (err)
		return err;
	for (size_t off = 0; off < len; off += size) {
		if (len - off < sizeof(h))
			return -EINVAL;
		memcpy(&h, p + off, sizeof(h));
		size = h.kind == TASKS_LEADER ? sizeof(struct tasks_leader) :
		       h.kind == TASKS_THREAD ? sizeof(struct tasks_thread) :
		       h.kind == TASKS_STATE ? sizeof(st) : 0;
		if (!size || size > len - off)
			return -EINVAL;
		if (h.kind != TASKS_STATE)
			continue;
		memcpy(&st, p + off, sizeof(st));
		memcpy(out->p + out->len, &st.r, sizeof(st.r));
		out->len += sizeof(st.r);
	}
	return 0;
}

int threads_iter_feed(struct threads_iter *it, const void *recs, size_t len)
{
	int err = threads_states_split(recs, len, &it->b);

	it->fresh = err == 0;
	return err;
}

int threads_iter_open(const struct root *r, struct threads_iter **out, struct bpf_env_err *e)
{
	struct threads_iter *it;
	int err;

	*out = NULL;
	it = tasks_host_obj(r, sizeof(*it), "threads", true, e, &err);
	if (!it)
		return err;
	symtab_init(&it->syms);
	it->skel = threads_bpf__open_and_load();
	if (!it->skel) {
		err = errno ? -errno : -ENOMEM;
		bpf_env_fail(e, err, "load", "threads");
		goto fail;
	}
	it->link = bpf_program__attach_iter(it->skel->progs.dump_thread, NULL);
	if (!it->link) {
		err = errno ? -errno : -EINVAL;
		bpf_env_fail(e, err, "attach", "thread iterator");
		goto fail;
	}
	*out = it;
	return 0;
fail:
	threads_iter_close(it);
	return e->err;
}

/* kallsyms once, and the scheduler's text section in it (the start is
 * often lost: symtab keeps one name per address). */
static void read_syms(struct threads_iter *it, const struct root *r)
{
	it->syms_read = true;
	if (kallsyms_read(r, &it->syms))
		return;
	for (size_t i = 0; i < it->syms.n; i++) {
		const char *n = symtab_name(&it->syms, &it->syms.v[i]);

		if (!strcmp(n, "__sched_text_start"))
			it->sched_lo = it->syms.v[i].start;
		else if (!strcmp(n, "__sched_text_end"))
			it->sched_hi = it->syms.v[i].start;
	}
}

int threads_iter_sample(struct threads_iter *it, const struct root *r, const struct thread_sample *prev,
			struct thread_sample *out)
{
	struct proc_uptime up;
	int fd, err;

	if (!it->syms_read)
		read_syms(it, r);
	if (it->fed) {
		if (!it->fresh)
			return -EAGAIN;	/* this pass's records were taken already */
		it->fresh = false;
	} else {
		fd = bpf_iter_create(bpf_link__fd(it->link));
		if (fd < 0)
			return fd;
		/* 2 GiB: a record is 160 bytes, so 13 million tasks */
		err = buf_read_fd(&it->b, fd, (size_t)2 << 30);
		close(fd);
		if (err)
			return err;
	}
	err = threads_recs_build(it->b.p, it->b.len, it->syms.n ? &it->syms : NULL, it->sched_lo,
				 it->sched_hi, sysconf(_SC_CLK_TCK), prev, out);
	if (!err)
		out->up_s = proc_uptime_read(r, &up) == 0 ? up.up_s : 0;
	return err;
}

/* Wait channel and the frames below it, as get_wchan() and /proc's stack. */
static void frames(struct thread_rec *t, const struct threads_rec *rec, const struct symtab *syms,
		   uint64_t lo, uint64_t hi)
{
	int m = -1;

	for (uint32_t i = 0; syms && i < rec->nframes && i < THREADS_STACK_DEPTH && m < THREAD_FRAMES; i++) {
		uint64_t a = rec->kstack[i];
		const struct sym *s;
		const char *name;

		if (lo && hi > lo && a >= lo && a < hi)
			continue;	/* in_sched_functions() */
		if (!(s = symtab_find(syms, a)))
			continue;
		name = symtab_name(syms, s);
		/* by name when the section's start is not in kallsyms (it shares
		 * its address with the first __sched function); entry code */
		if (thread_sched_frame(name))
			continue;
		if (m < 0)
			snprintf(t->wchan, sizeof(t->wchan), "%s", name);
		else
			snprintf(t->frames[m], sizeof(t->frames[m]), "%s", name);
		m++;
	}
}

static int add_rec(struct thread_sample *out, const struct threads_rec *rec, const struct symtab *syms,
		   uint64_t lo, uint64_t hi, long hz)
{
	struct thread_rec *t;
	char st = task_feed_state(rec->state, rec->exit_state);

	if (rec->pid == rec->tgid) {
		struct thread_proc_rec *p = thread_sample_add_proc(out);

		if (!p)
			return -ENOMEM;
		p->pid = (int)rec->tgid;
		p->ppid = (int)rec->ppid;
		p->kthread = rec->flags & TASK_FEED_PF_KTHREAD;
		p->state = st;
		memcpy(p->comm, rec->comm, sizeof(rec->comm));
		p->comm[sizeof(rec->comm)] = '\0';
		p->nthreads = (int)rec->nr_threads;
		p->rss_pages = rec->rss;
		p->blkio_ticks = task_feed_ticks(rec->blkio_ns, hz);
	}
	if (!(t = thread_sample_add_thread(out)))
		return -ENOMEM;
	t->pid = (int)rec->tgid;
	t->tid = (int)rec->pid;
	t->state = st;
	t->slices = rec->pcount;
	t->carry = rec->cached;
	if (st == 'R')
		t->sc = THREAD_SC_RUNNING;
	else if (rec->nr == -1)
		t->sc = THREAD_SC_NONE;
	else if (rec->nr >= 0) {
		t->sc = THREAD_SC_IN;
		t->nr = (long)rec->nr;
		t->arg0 = rec->arg0;
	}
	frames(t, rec, syms, lo, hi);
	return 0;
}

int threads_recs_build(const void *recs, size_t len, const struct symtab *syms, uint64_t lo,
		       uint64_t hi, long hz, const struct thread_sample *prev, struct thread_sample *out)
{
	size_t pj = 0;
	const char *p = recs;
	struct threads_rec rec;

	thread_sample_free(out);
	out->source = "bpf";
	out->have_stack = syms != NULL;
	if (len % sizeof(rec))
		return -EINVAL;
	for (size_t off = 0; off < len; off += sizeof(rec)) {
		memcpy(&rec, p + off, sizeof(rec));
		if (add_rec(out, &rec, syms, lo, hi, hz))
			return -ENOMEM;
	}
	/* the iterator walks tasks by TID: threads of a group may come after
	 * a later group's leader */
	thread_sample_sort(out);
	for (size_t i = 0; i < out->nt; i++)
		if (out->t[i].carry) {
			thread_sample_carry(prev, &pj, &out->t[i], true);
			out->t[i].carry = false;
		}
	return 0;
}

void threads_iter_close(struct threads_iter *it)
{
	if (!it)
		return;
	bpf_link__destroy(it->link);
	threads_bpf__destroy(it->skel);
	buf_free(&it->b);
	symtab_free(&it->syms);
	free(it);
}
