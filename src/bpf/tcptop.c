#include "bpf/tcptop_api.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "tcptop.skel.h"

struct tcptop {
	struct tcptop_bpf *skel;
	struct tcptop_key *keys;	/* TCPTOP_MAX_CONNS, for one read */
};

static int try_load(struct tcptop_bpf **out, const struct tcptop_opts *o, bool btf)
{
	struct tcptop_bpf *s = tcptop_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	s->rodata->targ_tgid = (__u32)o->pid;
	s->rodata->targ_family = (__u16)o->family;
	bpf_env_pick(s->obj, btf);
	err = tcptop_bpf__load(s);
	if (err) {
		tcptop_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

int tcptop_open(const struct tcptop_opts *o, struct tcptop **out, struct bpf_env_err *e)
{
	struct tcptop *x = calloc(1, sizeof(*x));
	int err;

	if (!x)
		return bpf_env_fail(e, -ENOMEM, "load", "tcptop");
	x->keys = calloc(TCPTOP_MAX_CONNS, sizeof(*x->keys));
	if (!x->keys) {
		bpf_env_fail(e, -ENOMEM, "load", "tcptop");
		goto fail;
	}
	err = bpf_env_raw_only() ? -EOPNOTSUPP : try_load(&x->skel, o, true);
	if (err && err != -EPERM)
		err = try_load(&x->skel, o, false);
	if (err || !x->skel) {
		bpf_env_fail(e, err ? err : -ENOMEM, "load",
			     "tcptop (tracepoints sock:sock_send_length/sock_recv_length, Linux 6.3+)");
		goto fail;
	}
	err = tcptop_bpf__attach(x->skel);
	if (err) {
		bpf_env_fail(e, err, "attach", bpf_env_failed_prog(x->skel->skeleton));
		goto fail;
	}
	*out = x;
	return 0;
fail:
	tcptop_close(x);
	return e->err;
}

static int table_add(void *ctx, const void *key, const void *val)
{
	struct tcptop_table *t = ctx;
	struct tcptop_row *r;

	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;

		r = realloc(t->r, cap * sizeof(*r));
		if (!r)
			return -ENOMEM;
		t->r = r;
		t->cap = cap;
	}
	r = &t->r[t->n++];
	memcpy(&r->k, key, sizeof(r->k));
	memcpy(&r->v, val, sizeof(r->v));
	r->v.comm[sizeof(r->v.comm) - 1] = '\0';
	return 0;
}

int tcptop_read(struct tcptop *x, struct tcptop_table *t)
{
	struct tcptop_val v;

	t->n = 0;
	return bpf_env_map_drain(x->skel->maps.counts, x->keys, TCPTOP_MAX_CONNS, &v, table_add, t);
}

uint64_t tcptop_dropped(struct tcptop *x)
{
	return bpf_env_dropped(x->skel->maps.dropped);
}

void tcptop_close(struct tcptop *x)
{
	if (!x)
		return;
	tcptop_bpf__destroy(x->skel);
	free(x->keys);
	free(x);
}

void tcptop_table_free(struct tcptop_table *t)
{
	free(t->r);
	memset(t, 0, sizeof(*t));
}
