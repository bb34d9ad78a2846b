#include "model/profile.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/delta.h"

#define PENDING_MAX 16384
#define KEY_SIZE (PERF_MAX_STACK * 512)

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

static void fold(struct profile *p, const struct perf_sample *s, char *key)
{
	char frame[1024];
	const char *comm = symbolizer_thread_name(p->sym, (pid_t)s->pid, (pid_t)s->tid);
	size_t len = 0, n;
	unsigned user = 0;

	len = stacks_frame_clean(key, len, KEY_SIZE, comm, strlen(comm));
	if (p->with_pid)
		len += (size_t)snprintf(key + len, KEY_SIZE - len, "-%u", s->pid);
	if (s->nr_dropped)
		len += (size_t)snprintf(key + len, KEY_SIZE - len, ";[truncated]");
	for (uint32_t k = s->nr; k-- > 0;) {
		/* The first frame of each context is where the CPU was; the
		 * others are return addresses. */
		bool ret = k > 0 && s->ctx[k - 1] == s->ctx[k];

		n = symbolizer_frame(p->sym, (pid_t)s->pid, s->ips[k], (enum perf_ctx)s->ctx[k], ret,
				     frame, sizeof(frame));
		if (len + 2 >= KEY_SIZE)
			break;
		key[len++] = ';';
		len = stacks_frame_clean(key, len, KEY_SIZE, frame, n);
		user += s->ctx[k] == PCTX_USER;
	}
	if (s->nr == 0) {	/* no call chain: the IP alone */
		n = symbolizer_frame(p->sym, (pid_t)s->pid, s->ip, PCTX_NONE, false, frame, sizeof(frame));
		key[len++] = ';';
		len = stacks_frame_clean(key, len, KEY_SIZE, frame, n);
	}
	p->user_stacks += user > 0;
	p->user_depth1 += user == 1;
	p->truncated += s->nr_dropped > 0;
	stacks_add(&p->stacks, key, len, 1);
}

void profile_flush(struct profile *p)
{
	char *key = malloc(KEY_SIZE);

	if (!key) {
		p->stacks.dropped_samples += p->npending;
		p->npending = 0;
		return;
	}
	for (size_t i = 0; i < p->npending; i++)
		fold(p, &p->pending[i], key);
	p->npending = 0;
	free(key);
}

static int pend(struct profile *p, const struct perf_sample *s)
{
	if (p->npending == PENDING_MAX)
		profile_flush(p);
	if (p->npending == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 256;
		struct perf_sample *v = realloc(p->pending, cap * sizeof(*v));

		if (!v) {
			p->stacks.dropped_samples++;
			return 0;
		}
		p->pending = v;
		p->cap = cap;
	}
	p->pending[p->npending++] = *s;
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
