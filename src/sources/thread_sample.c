/* Thread samples: storage and the parsers of proc/PID/task/TID/{syscall,
 * wchan,stack} (formats in thread_sample.h). */
#include "sources/thread_sample.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sources/scan.h"

void thread_sample_free(struct thread_sample *s)
{
	free(s->t);
	free(s->p);
	memset(s, 0, sizeof(*s));
}

struct thread_rec *thread_sample_add_thread(struct thread_sample *s)
{
	struct thread_rec *v = scan_grow(s->t, s->nt, &s->capt, sizeof(*v), 256);

	if (!v)
		return NULL;
	s->t = v;
	memset(&v[s->nt], 0, sizeof(*v));
	v[s->nt].slices = UINT64_MAX;
	return &v[s->nt++];
}

struct thread_proc_rec *thread_sample_add_proc(struct thread_sample *s)
{
	struct thread_proc_rec *v = scan_grow(s->p, s->np, &s->capp, sizeof(*v), 128);

	if (!v)
		return NULL;
	s->p = v;
	memset(&v[s->np], 0, sizeof(*v));
	return &v[s->np++];
}

static int thread_cmp(const void *a, const void *b)
{
	const struct thread_rec *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->tid < y->tid ? -1 : x->tid > y->tid;
}

static int proc_cmp(const void *a, const void *b)
{
	const struct thread_proc_rec *x = a, *y = b;

	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

void thread_sample_sort(struct thread_sample *s)
{
	if (s->nt)
		qsort(s->t, s->nt, sizeof(*s->t), thread_cmp);
	if (s->np)
		qsort(s->p, s->np, sizeof(*s->p), proc_cmp);
}

bool thread_sample_carry(const struct thread_sample *prev, size_t *cursor, struct thread_rec *t, bool by_kernel)
{
	const struct thread_rec *o;

	if (!prev)
		return false;
	while (*cursor < prev->nt && (prev->t[*cursor].pid < t->pid ||
				      (prev->t[*cursor].pid == t->pid && prev->t[*cursor].tid < t->tid)))
		(*cursor)++;
	if (*cursor >= prev->nt)
		return false;
	o = &prev->t[*cursor];
	if (o->pid != t->pid || o->tid != t->tid || o->state != t->state || t->state == 'R')
		return false;
	/* by_kernel: the iterator compared its own switch counts already */
	if (!by_kernel && (t->slices == UINT64_MAX || o->slices != t->slices))
		return false;
	t->sc = o->sc;
	t->nr = o->nr;
	t->arg0 = o->arg0;
	memcpy(t->wchan, o->wchan, sizeof(t->wchan));
	memcpy(t->frames, o->frames, sizeof(t->frames));
	return true;
}

/* "0x1f" -> 0x1f. */
static int hex_word(const char **p, const char *end, uint64_t *v)
{
	const char *w, *e;
	size_t n = scan_word(p, end, &w);

	if (n < 3 || w[0] != '0' || w[1] != 'x')
		return -EINVAL;
	e = scan_hex(w + 2, w + n, v);
	return e == w + n ? 0 : -EINVAL;
}

int thread_syscall_parse(const char *buf, size_t len, struct thread_rec *out)
{
	const char *p = buf, *end = buf + len, *w;
	size_t n = scan_word(&p, end, &w);
	uint64_t nr, sp;

	out->sc = THREAD_SC_UNKNOWN;
	if (n == 7 && !memcmp(w, "running", 7)) {
		out->sc = THREAD_SC_RUNNING;
		return 0;
	}
	if (n == 2 && !memcmp(w, "-1", 2)) {
		out->sc = THREAD_SC_NONE;
		return 0;
	}
	p = w;
	if (scan_u64(&p, end, &nr) || nr > 1u << 20)
		return -EINVAL;
	if (hex_word(&p, end, &out->arg0) || hex_word(&p, end, &sp))
		return -EINVAL;
	out->nr = (long)nr;
	out->sc = THREAD_SC_IN;
	return 0;
}

int thread_wchan_parse(const char *buf, size_t len, char *out, size_t size)
{
	const char *p = buf, *w;
	size_t n = scan_word(&p, buf + len, &w);

	out[0] = '\0';
	if (n == 0 || (n == 1 && w[0] == '0'))
		return 0;
	if (n >= size)
		n = size - 1;
	memcpy(out, w, n);
	out[n] = '\0';
	return 0;
}

bool thread_sched_frame(const char *s)
{
	static const char *const pre[] = {
		"__schedule", "schedule", "io_schedule", "preempt_schedule", "__cond_resched",
		"do_nanosleep", "__x64_sys_", "__arm64_sys_", "do_syscall_64", "entry_SYSCALL",
	};

	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++)
		if (!strncmp(s, pre[i], strlen(pre[i])))
			return true;
	return false;
}

int thread_stack_parse(const char *buf, size_t len, char (*out)[THREAD_WCHAN_MAX], int max)
{
	const char *p = buf, *end = buf + len;
	int k = 0;

	while (p < end && k < max) {
		const char *next = scan_next_line(p, end), *w, *q = p;
		size_t n;

		/* "[<0>] " then the symbol up to '+' */
		scan_word(&q, next, &w);
		n = scan_word(&q, next, &w);
		for (size_t i = 0; i < n; i++)
			if (w[i] == '+') {
				n = i;
				break;
			}
		if (n && n < THREAD_WCHAN_MAX) {
			memcpy(out[k], w, n);
			out[k][n] = '\0';
			if (!thread_sched_frame(out[k]))
				k++;
		}
		p = next;
	}
	return k;
}
