#include "bpf/strace_api.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpf/strace_sigs.h"
#include "strace.skel.h"

struct strace {
	struct strace_bpf *skel;
	struct ring_buffer *rb;
	strace_fn fn;
	void *ctx;
	int ncpu;
};

static int on_event(void *ctx, void *data, size_t size)
{
	struct strace *s = ctx;

	if (size >= sizeof(struct strace_event))
		s->fn(s->ctx, data);
	return 0;
}

static int try_load(struct strace_bpf **out, const struct strace_opts *o, bool btf)
{
	struct strace_bpf *s = strace_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	s->rodata->count_only = o->count_only;
	s->rodata->follow = o->follow;
	bpf_env_pick(s->obj, btf);
	if (!o->follow) {
		bpf_program__set_autoload(s->progs.fork_btf, false);
		bpf_program__set_autoload(s->progs.fork_raw, false);
	}
	err = strace_bpf__load(s);
	if (err) {
		strace_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

/* The syscall table and the processes, before attaching. */
static int fill_maps(struct strace *s, const struct strace_opts *o)
{
	int dfd = bpf_map__fd(s->skel->maps.descs), tfd = bpf_map__fd(s->skel->maps.tgids);
	struct strace_desc d;
	__u8 one = 1;

	for (__u32 nr = 0; nr < STRACE_MAX_NR; nr++) {
		strace_sig_desc(nr, &d);
		d.traced = !o->only || o->only[nr];
		if (bpf_map_update_elem(dfd, &nr, &d, BPF_ANY))
			return -errno;
	}
	for (size_t i = 0; i < o->npids; i++) {
		__u32 tgid = (__u32)o->pids[i];

		if (bpf_map_update_elem(tfd, &tgid, &one, BPF_ANY))
			return -errno;
	}
	return 0;
}

int strace_open(const struct strace_opts *o, strace_fn fn, void *ctx, struct strace **out,
		struct bpf_env_err *e)
{
	struct strace *s = calloc(1, sizeof(*s));
	int err;

	if (!s)
		return bpf_env_fail(e, -ENOMEM, "load", "strace");
	s->fn = fn;
	s->ctx = ctx;
	s->ncpu = libbpf_num_possible_cpus();
	err = bpf_env_raw_only() ? -EOPNOTSUPP : try_load(&s->skel, o, true);
	if (err && err != -EPERM)
		err = try_load(&s->skel, o, false);
	if (err || !s->skel || s->ncpu <= 0) {
		bpf_env_fail(e, err ? err : -ENOMEM, "load", "strace");
		goto fail;
	}
	err = fill_maps(s, o);
	if (err) {
		bpf_env_fail(e, err, "fill maps of", "strace");
		goto fail;
	}
	if (bpf_env_ring_start(s->skel->skeleton, s->skel->maps.events, NULL, NULL, on_event, s,
			       &s->rb, "strace", e))
		goto fail;
	*out = s;
	return 0;
fail:
	strace_close(s);
	return e->err;
}

int strace_poll(struct strace *s, int timeout_ms)
{
	/* after the wait, whatever is there (a wakeup may be coalesced) */
	int n = ring_buffer__poll(s->rb, timeout_ms), m;

	if (n < 0)
		return n;
	m = ring_buffer__consume(s->rb);
	return m < 0 ? m : n + m;
}

bool strace_alive(struct strace *s)
{
	int fd = bpf_map__fd(s->skel->maps.tgids);
	__u32 key, next, gone[64];
	size_t ngone = 0;
	bool any = false;
	int err;

	for (err = bpf_map_get_next_key(fd, NULL, &next); !err;
	     err = bpf_map_get_next_key(fd, &key, &next)) {
		key = next;
		if (kill((pid_t)key, 0) == 0 || errno != ESRCH)
			any = true;
		else if (ngone < sizeof(gone) / sizeof(gone[0]))
			gone[ngone++] = key;
	}
	for (size_t i = 0; i < ngone; i++)
		bpf_map_delete_elem(fd, &gone[i]);
	return any;
}

uint64_t strace_dropped(struct strace *s)
{
	return bpf_env_dropped(s->skel->maps.dropped);
}

void strace_close(struct strace *s)
{
	if (!s)
		return;
	ring_buffer__free(s->rb);
	strace_bpf__destroy(s->skel);
	free(s);
}

int strace_counts_add(struct strace_counts *c, long nr, const struct strace_count *percpu, int ncpu)
{
	struct strace_count_row r = { .nr = nr }, *p;

	for (int i = 0; i < ncpu; i++) {
		r.calls += percpu[i].calls;
		r.errors += percpu[i].errors;
		r.total_ns += percpu[i].total_ns;
	}
	if (!r.calls)
		return 0;
	p = realloc(c->rows, (c->n + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	c->rows = p;
	c->rows[c->n++] = r;
	return 0;
}

static int cmp_time(const void *a, const void *b)
{
	const struct strace_count_row *x = a, *y = b;

	if (x->total_ns != y->total_ns)
		return x->total_ns < y->total_ns ? 1 : -1;
	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	return (x->nr > y->nr) - (x->nr < y->nr);
}

void strace_counts_finish(struct strace_counts *c)
{
	if (c->n > 1)
		qsort(c->rows, c->n, sizeof(c->rows[0]), cmp_time);
	c->calls = c->errors = c->total_ns = 0;
	for (size_t i = 0; i < c->n; i++) {
		c->calls += c->rows[i].calls;
		c->errors += c->rows[i].errors;
		c->total_ns += c->rows[i].total_ns;
	}
}

int strace_read_counts(struct strace *s, struct strace_counts *c)
{
	int fd = bpf_map__fd(s->skel->maps.counts), err;
	struct strace_count *buf = calloc((size_t)s->ncpu, sizeof(*buf));

	if (!buf)
		return -ENOMEM;
	for (__u32 nr = 0; nr < STRACE_MAX_NR; nr++) {
		if (bpf_map_lookup_elem(fd, &nr, buf)) {
			err = -errno;
			goto out;
		}
		err = strace_counts_add(c, nr, buf, s->ncpu);
		if (err)
			goto out;
	}
	strace_counts_finish(c);
	err = 0;
out:
	free(buf);
	return err;
}

void strace_counts_free(struct strace_counts *c)
{
	free(c->rows);
	c->rows = NULL;
	c->n = 0;
}
