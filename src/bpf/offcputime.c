#include "bpf/offcputime_api.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "offcputime.skel.h"

struct offcputime {
	struct offcputime_bpf *skel;
};

int offcpu_stacks_add(struct offcpu_stacks *st, const struct offcpu_stack *s)
{
	int nf = (s->nuser > 0 ? s->nuser : 0) + (s->nkern > 0 ? s->nkern : 0);
	struct offcpu_stack *d;

	if (st->n == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 64;
		struct offcpu_stack *p = realloc(st->s, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		st->s = p;
		st->cap = cap;
	}
	d = &st->s[st->n];
	*d = *s;
	d->frames = NULL;
	if (nf) {
		d->frames = malloc((size_t)nf * sizeof(uint64_t));
		if (!d->frames)
			return -ENOMEM;
		memcpy(d->frames, s->frames, (size_t)nf * sizeof(uint64_t));
	}
	st->n++;
	return 0;
}

static int nframes(const struct offcpu_stack *s)
{
	return (s->nuser > 0 ? s->nuser : 0) + (s->nkern > 0 ? s->nkern : 0);
}

static bool same_stack(const struct offcpu_stack *a, const struct offcpu_stack *b)
{
	return a->pid == b->pid && a->nuser == b->nuser && a->nkern == b->nkern &&
	       !strncmp(a->comm, b->comm, sizeof(a->comm)) &&
	       (!nframes(a) || !memcmp(a->frames, b->frames, (size_t)nframes(a) * sizeof(uint64_t)));
}

void offcpu_stacks_merge(struct offcpu_stacks *st, bool per_process)
{
	size_t out = 0;

	if (per_process)
		for (size_t i = 0; i < st->n; i++)
			st->s[i].pid = st->s[i].tgid;
	/* quadratic, on at most OFFCPU_MAX_KEYS entries read once per run */
	for (size_t i = 0; i < st->n; i++) {
		size_t j;

		for (j = 0; j < out; j++)
			if (same_stack(&st->s[j], &st->s[i]))
				break;
		if (j < out) {
			st->s[j].total_us += st->s[i].total_us;
			st->s[j].count += st->s[i].count;
			free(st->s[i].frames);
		} else {
			st->s[out++] = st->s[i];
		}
	}
	st->n = out;
}

static int cmp_total(const void *a, const void *b)
{
	const struct offcpu_stack *x = a, *y = b;

	if (x->total_us != y->total_us)
		return x->total_us < y->total_us ? 1 : -1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

void offcpu_stacks_sort(struct offcpu_stacks *st)
{
	if (st->n > 1)
		qsort(st->s, st->n, sizeof(st->s[0]), cmp_total);
}

void offcpu_stacks_free(struct offcpu_stacks *st)
{
	for (size_t i = 0; i < st->n; i++)
		free(st->s[i].frames);
	free(st->s);
	st->s = NULL;
	st->n = st->cap = 0;
}

static int try_load(struct offcputime_bpf **out, const struct offcputime_opts *o, bool btf)
{
	struct offcputime_bpf *s = offcputime_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	s->rodata->targ_tgid = (__u32)o->pid;
	s->rodata->filter_cg = o->cgroup != NULL;
	s->rodata->min_block_ns = (o->min_block_us ? o->min_block_us : 1) * 1000;
	s->rodata->max_block_ns = o->max_block_us ? o->max_block_us * 1000 : (__u64)-1;
	s->rodata->user_stacks = !o->kernel_only;
	s->rodata->kernel_stacks = !o->user_only;
	s->rodata->targ_state = o->state;
	bpf_env_pick(s->obj, btf);
	err = offcputime_bpf__load(s);
	if (err) {
		offcputime_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

int offcputime_open(const struct offcputime_opts *o, struct offcputime **out, struct bpf_env_err *e)
{
	struct offcputime *x = calloc(1, sizeof(*x));
	int err;

	if (!x)
		return bpf_env_fail(e, -ENOMEM, "load", "offcputime");
	err = try_load(&x->skel, o, true);
	if (err && err != -EPERM)
		err = try_load(&x->skel, o, false);
	if (err || !x->skel) {
		err = err ? err : -ENOMEM;
		bpf_env_fail(e, err, "load", "offcputime");
		goto fail;
	}
	if (o->cgroup && bpf_env_set_cgroup(x->skel->maps.cgroup_map, o->cgroup, e))
		goto fail;
	err = offcputime_bpf__attach(x->skel);
	if (err) {
		bpf_env_fail(e, err, "attach", bpf_env_failed_prog(x->skel->skeleton));
		goto fail;
	}
	*out = x;
	return 0;
fail:
	offcputime_close(x);
	return e->err;
}

/* Copy stack id's frames (leaf first, up to the first 0) into out. Returns
 * how many, or -1 when the id is invalid or gone. */
static int read_stack(int fd, __s32 id, uint64_t *out)
{
	__u64 ips[OFFCPU_MAX_DEPTH];
	int n = 0;

	if (id < 0 || bpf_map_lookup_elem(fd, &id, ips))
		return -1;
	while (n < OFFCPU_MAX_DEPTH && ips[n])
		out[n] = ips[n], n++;
	return n;
}

int offcputime_read(struct offcputime *x, struct offcpu_stacks *st)
{
	int info = bpf_map__fd(x->skel->maps.info), stacks = bpf_map__fd(x->skel->maps.stacks);
	struct offcpu_key key, next, *prev = NULL;
	uint64_t frames[2 * OFFCPU_MAX_DEPTH];
	struct offcpu_stack s;
	struct offcpu_val v;
	int err;

	while (bpf_map_get_next_key(info, prev, &next) == 0) {
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(info, &key, &v))
			continue;
		memset(&s, 0, sizeof(s));
		s.pid = key.pid;
		s.tgid = key.tgid;
		memcpy(s.comm, key.comm, sizeof(s.comm));
		s.comm[sizeof(s.comm) - 1] = '\0';
		s.total_us = v.total_us;
		s.count = v.count;
		s.nuser = read_stack(stacks, key.user_stack_id, frames);
		s.nkern = read_stack(stacks, key.kern_stack_id, frames + (s.nuser > 0 ? s.nuser : 0));
		s.frames = frames;
		err = offcpu_stacks_add(st, &s);
		if (err)
			return err;
	}
	st->dropped += bpf_env_dropped(x->skel->maps.dropped);
	return 0;
}

void offcputime_close(struct offcputime *x)
{
	if (!x)
		return;
	offcputime_bpf__destroy(x->skel);
	free(x);
}

int offcputime_collect(const struct offcputime_opts *o, double seconds, struct offcpu_stacks *st,
		       struct bpf_env_err *e)
{
	struct bpf_env_err dummy;
	struct offcputime *x = NULL;
	int err;

	err = offcputime_open(o, &x, e ? e : &dummy);
	if (err || !x)
		return err ? err : -EINVAL;
	bpf_env_sleep(seconds);
	err = offcputime_read(x, st);
	offcputime_close(x);
	return err;
}
