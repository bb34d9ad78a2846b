#include "model/profile.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/delta.h"

#define PENDING_MAX_BYTES (32u << 20)	/* symbolize early past this */
#define KEY_SIZE (PERF_MAX_STACK * 512)

/* A pending sample in the arena: this header, u64 ips[nr], u8 ctx[nr],
 * padded to 8 bytes. */
struct raw {
	uint32_t pid, tid;
	uint16_t nr, dropped;
	uint32_t pad;
	uint64_t ip;
};

static size_t raw_size(unsigned nr)
{
	return (sizeof(struct raw) + nr * 9 + 7) & ~(size_t)7;
}

int profile_init(struct profile *p, const struct root *r, size_t max_stacks)
{
	memset(p, 0, sizeof(*p));
	p->sym = symbolizer_new(r);
	if (!p->sym)
		return -ENOMEM;
	if (stacks_init(&p->stacks, max_stacks, 0)) {
		symbolizer_free(p->sym);
		return -ENOMEM;
	}
	return 0;
}

void profile_free(struct profile *p)
{
	symbolizer_free(p->sym);
	stacks_free(&p->stacks);
	free(p->pending);
	memset(p, 0, sizeof(*p));
}

static void fold(struct profile *p, const struct raw *s, char *key)
{
	const uint64_t *ips = (const uint64_t *)(s + 1);
	const uint8_t *ctx = (const uint8_t *)(ips + s->nr);
	char frame[1024];
	const char *comm = symbolizer_thread_name(p->sym, (pid_t)s->pid, (pid_t)s->tid);
	size_t len = 0, n;
	unsigned user = 0;

	len = stacks_frame_clean(key, len, KEY_SIZE, comm, strlen(comm));
	if (p->with_pid)
		len += (size_t)snprintf(key + len, KEY_SIZE - len, "-%u", s->pid);
	if (p->with_tid)
		len += (size_t)snprintf(key + len, KEY_SIZE - len, "/%u", s->tid);
	if (s->dropped)
		len += (size_t)snprintf(key + len, KEY_SIZE - len, ";[truncated]");
	for (uint32_t k = s->nr; k-- > 0;) {
		/* The first frame of each context is where the CPU was; the
		 * others are return addresses. */
		bool ret = k > 0 && ctx[k - 1] == ctx[k];

		n = symbolizer_frame(p->sym, (pid_t)s->pid, ips[k], (enum perf_ctx)ctx[k], ret,
				     frame, sizeof(frame));
		if (len + 2 >= KEY_SIZE)
			break;
		key[len++] = ';';
		len = stacks_frame_clean(key, len, KEY_SIZE, frame, n);
		user += ctx[k] == PCTX_USER;
	}
	if (s->nr == 0) {	/* no call chain: the IP alone */
		n = symbolizer_frame(p->sym, (pid_t)s->pid, s->ip, PCTX_NONE, false, frame, sizeof(frame));
		key[len++] = ';';
		len = stacks_frame_clean(key, len, KEY_SIZE, frame, n);
	}
	p->user_stacks += user > 0;
	p->user_depth1 += user == 1;
	p->truncated += s->dropped > 0;
	stacks_add(&p->stacks, key, len, 1);
}

void profile_flush(struct profile *p)
{
	char *key = malloc(KEY_SIZE);

	if (!key) {
		p->stacks.dropped_samples += p->npending;
		p->npending = p->used = 0;
		return;
	}
	for (size_t o = 0; o < p->used;) {
		const struct raw *r = (const struct raw *)(p->pending + o);

		fold(p, r, key);
		o += raw_size(r->nr);
	}
	p->npending = p->used = 0;
	free(key);
}

/* Keep the sample raw: symbolization waits for the end of the capture (or
 * a full arena), so that it does not compete with the workload. What would
 * be gone by then is read now: the process's maps and thread name. */
static int pend(struct profile *p, const struct perf_sample *s)
{
	size_t need = raw_size(s->nr);
	struct raw *r;

	symbolizer_prepare(p->sym, (pid_t)s->pid, (pid_t)s->tid);
	if (p->used + need > PENDING_MAX_BYTES)
		profile_flush(p);
	if (p->used + need > p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 65536;
		char *v;

		while (cap < p->used + need)
			cap *= 2;
		v = realloc(p->pending, cap);
		if (!v) {
			p->stacks.dropped_samples++;
			return 0;
		}
		p->pending = v;
		p->cap = cap;
	}
	r = (struct raw *)(p->pending + p->used);
	*r = (struct raw){ s->pid, s->tid, (uint16_t)s->nr, (uint16_t)s->nr_dropped, 0, s->ip };
	memcpy(r + 1, s->ips, s->nr * 8);
	memcpy((char *)(r + 1) + s->nr * 8, s->ctx, s->nr);
	p->used += need;
	p->npending++;
	return 0;
}

int profile_record(const struct perf_record *rec, void *arg)
{
	struct profile *p = arg;

	switch (rec->type) {
	case PERF_RECORD_SAMPLE:
		p->samples++;
		return pend(p, &rec->u.sample);
	case PERF_RECORD_MMAP:
	case PERF_RECORD_MMAP2:
		symbolizer_mmap(p->sym, &rec->u.mmap);
		break;
	case PERF_RECORD_COMM:
		symbolizer_comm(p->sym, (pid_t)rec->u.comm.pid, (pid_t)rec->u.comm.tid, rec->u.comm.comm);
		break;
	case PERF_RECORD_EXIT:
		p->exits += rec->u.exit.pid == rec->u.exit.tid;
		break;
	case PERF_RECORD_LOST:
	case PERF_RECORD_LOST_SAMPLES:
		p->lost += rec->u.lost.lost;
		break;
	}
	return 0;
}

double profile_depth1_pct(const struct profile *p)
{
	return pct((double)p->user_depth1, (double)p->user_stacks);
}
