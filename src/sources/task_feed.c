#include "sources/task_feed.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "bpf/tasks.h"

#define NSEC_PER_SEC 1000000000ULL

/* include/linux/sched.h: the bits /proc reports, and the two states it
 * reports as others. */
#define TASK_REPORT 0x7fU
#define TASK_REPORT_IDLE (TASK_REPORT + 1)
#define TASK_IDLE 0x402U		/* TASK_UNINTERRUPTIBLE | TASK_NOLOAD */
#define TASK_RTLOCK_WAIT 0x1000U	/* since 5.15: shown as D */
#define TASK_UNINTERRUPTIBLE 0x2U

void task_feed_cputime_adjust(uint64_t rtime, uint64_t utime, uint64_t stime,
			      uint64_t prev_ut, uint64_t prev_st, uint64_t *ut, uint64_t *st)
{
	/* The filter: the kernel never hands out less than it did before. */
	if (prev_st + prev_ut >= rtime) {
		*ut = prev_ut;
		*st = prev_st;
		return;
	}
	/* No system ticks: all user time (stime stays 0, utime = rtime below).
	 * No user ticks: all system time. */
	if (stime != 0 && utime == 0) {
		stime = rtime;
	} else if (stime != 0) {
		/* mul_u64_u64_div_u64(): exact on x86-64, as here */
		stime = (uint64_t)((unsigned __int128)stime * rtime / ((unsigned __int128)stime + utime));
		if (stime > rtime)
			stime = rtime;
	}
	if (stime < prev_st)
		stime = prev_st;
	utime = rtime - stime;
	if (utime < prev_ut) {
		utime = prev_ut;
		stime = rtime - utime;
	}
	*ut = utime;
	*st = stime;
}

char task_feed_state(uint32_t state, uint32_t exit_state)
{
	static const char letters[] = "RSDTtXZPI";
	uint32_t s = (state | exit_state) & TASK_REPORT;
	int i = 0;

	if (state == TASK_IDLE)
		s = TASK_REPORT_IDLE;
	if (state == TASK_RTLOCK_WAIT)
		s = TASK_UNINTERRUPTIBLE;
	while (s) {		/* fls() */
		i++;
		s >>= 1;
	}
	return letters[i];
}

uint64_t task_feed_ticks(uint64_t ns, long hz)
{
	if (hz <= 0)
		hz = 100;
	if (NSEC_PER_SEC % (uint64_t)hz == 0)
		return ns / (NSEC_PER_SEC / (uint64_t)hz);
	return (uint64_t)((unsigned __int128)ns * (uint64_t)hz / NSEC_PER_SEC);
}

/* A process while its threads are being added: small (the item is made
 * at the end, from the record), so 10,000 processes cost ~400 kB here. */
struct acc {
	int pid;
	const char *rec;		/* its leader record (read with memcpy) */
	uint64_t utime, stime, sum;	/* ns, the whole group */
};

static int acc_cmp(const void *a, const void *b)
{
	int x = ((const struct acc *)a)->pid, y = ((const struct acc *)b)->pid;

	return x < y ? -1 : x > y;
}

static struct acc *acc_find(struct acc *v, size_t n, int pid)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].pid == pid)
			return &v[mid];
		if (v[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The size of the record at p (len bytes left), or 0 when malformed; its
 * kind in *kind. */
static size_t rec_size(const char *p, size_t len, uint32_t *kind)
{
	struct tasks_head h;
	size_t size;

	if (len < sizeof(h))
		return 0;
	memcpy(&h, p, sizeof(h));
	*kind = h.kind;
	size = h.kind == TASKS_LEADER ? sizeof(struct tasks_leader) :
	       h.kind == TASKS_THREAD ? sizeof(struct tasks_thread) :
	       h.kind == TASKS_STATE ? sizeof(struct tasks_state) : 0;	/* skipped: threads.c's */
	return size <= len ? size : 0;
}

/* FNV-1a, 64 bits, over v words. */
static uint64_t fnv64(uint64_t h, const uint64_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (int b = 0; b < 64; b += 8) {
			h ^= (v[i] >> b) & 0xff;
			h *= 0x100000001b3ULL;
		}
	}
	return h;
}

uint64_t task_feed_sig(const struct tasks_leader *l, uint64_t group_sum_exec)
{
	uint64_t comm[2], v[] = {
		group_sum_exec, l->start_boottime, l->total_vm, (uint64_t)l->rss,
		(uint64_t)l->swapents, (uint64_t)l->state << 32 | l->exit_state,
		(uint64_t)l->euid << 32 | l->ppid, (uint64_t)(uint32_t)l->prio << 32 | (uint32_t)l->static_prio,
		(uint64_t)l->policy << 32 | l->rt_priority, (uint64_t)l->nr_threads << 32 | (uint32_t)l->processor,
	};
	uint64_t h;

	memcpy(comm, l->comm, sizeof(comm));
	h = fnv64(0xcbf29ce484222325ULL, v, sizeof(v) / sizeof(v[0]));
	h = fnv64(h, comm, 2);
	return h ? h : 1;
}

/* The item of the leader l, with the group's times in a. */
static void leader_item(const struct tasks_leader *l, const struct acc *a, long hz, long page_size,
			struct task_feed_item *it)
{
	struct proc_pid_stat *s = &it->stat;
	uint64_t ut, st;

	memset(it, 0, sizeof(*it));
	it->kthread = l->h.flags & TASK_FEED_PF_KTHREAD;
	it->uid = l->euid;
	s->pid = (int)l->h.pid;
	memcpy(s->comm, l->comm, sizeof(l->comm));
	s->comm[sizeof(l->comm) - 1] = '\0';
	s->state = task_feed_state(l->state, l->exit_state);
	s->ppid = (int)l->ppid;
	s->priority = (int64_t)l->prio - 100;		/* task_prio(): prio - MAX_RT_PRIO */
	s->nice = (int64_t)l->static_prio - 120;	/* task_nice(): static_prio - DEFAULT_PRIO */
	s->num_threads = l->nr_threads;
	s->vsize = l->total_vm * (uint64_t)page_size;
	s->rss = l->rss;
	s->processor = l->processor;
	s->rt_priority = l->rt_priority;
	s->policy = l->policy;
	task_feed_cputime_adjust(a->sum, a->utime, a->stime, l->prev_utime, l->prev_stime, &ut, &st);
	s->utime = task_feed_ticks(ut, hz);
	s->stime = task_feed_ticks(st, hz);
	s->starttime = task_feed_ticks(l->start_boottime, hz);
	it->sig = task_feed_sig(l, a->sum);
}

/* Pass 1: the leaders, with their own and their dead threads' times, into
 * *out (sorted by PID). Returns the count, or -EINVAL / -ENOMEM. */
static ssize_t leaders(const char *p, const char *end, struct acc **out)
{
	size_t n = 0, cap = 0, size;
	struct acc *v = NULL;
	bool sorted = true;

	for (const char *q = p; q < end; q += size) {
		struct tasks_leader l;
		uint32_t kind = 0;

		size = rec_size(q, (size_t)(end - q), &kind);
		if (!size) {
			free(v);
			return -EINVAL;
		}
		if (kind != TASKS_LEADER)
			continue;
		if (n == cap) {
			struct acc *nv = realloc(v, (cap = cap ? cap * 2 : 1024) * sizeof(*v));

			if (!nv) {
				free(v);
				return -ENOMEM;
			}
			v = nv;
		}
		memcpy(&l, q, sizeof(l));
		v[n] = (struct acc){ .pid = (int)l.h.pid, .rec = q,
				     .utime = l.sig_utime + l.h.utime,
				     .stime = l.sig_stime + l.h.stime,
				     .sum = l.sig_sum_exec + l.h.sum_exec };
		if (n && v[n - 1].pid >= v[n].pid)
			sorted = false;
		n++;
	}
	if (!sorted)
		qsort(v, n, sizeof(*v), acc_cmp);
	*out = v;
	return (ssize_t)n;
}

int task_feed_build(const void *recs, size_t len, long hz, long page_size, struct task_feed *f)
{
	const char *p = recs, *end;
	struct acc *v = NULL;
	ssize_t n;
	size_t size;

	memset(f, 0, sizeof(*f));
	if (!len)
		return 0;
	end = p + len;
	n = leaders(p, end, &v);
	if (n < 0)
		return (int)n;
	/* Pass 2: every other thread into its group (thread_group_cputime()). */
	for (const char *q = p; q < end; q += size) {
		struct tasks_thread t;
		struct acc *a;
		uint32_t kind = 0;

		size = rec_size(q, (size_t)(end - q), &kind);
		if (kind != TASKS_THREAD)
			continue;
		memcpy(&t, q, sizeof(t));
		a = acc_find(v, (size_t)n, (int)t.h.tgid);
		if (!a)
			continue;	/* its leader was not seen: gone meanwhile */
		a->utime += t.h.utime;
		a->stime += t.h.stime;
		a->sum += t.h.sum_exec;
	}
	/* Then the items: the split and the ticks. */
	f->v = malloc((n ? (size_t)n : 1) * sizeof(*f->v));
	if (!f->v) {
		free(v);
		return -ENOMEM;
	}
	for (ssize_t i = 0; i < n; i++) {
		struct tasks_leader l;

		memcpy(&l, v[i].rec, sizeof(l));
		leader_item(&l, &v[i], hz, page_size, &f->v[i]);
	}
	f->n = (size_t)n;
	free(v);
	return 0;
}

void task_feed_free(struct task_feed *f)
{
	free(f->v);
	memset(f, 0, sizeof(*f));
}

const struct task_feed_item *task_feed_find(const struct task_feed *f, int pid)
{
	size_t lo = 0, hi = f->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->v[mid].stat.pid == pid)
			return &f->v[mid];
		if (f->v[mid].stat.pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
