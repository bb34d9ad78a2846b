#include "bpf/filetop_api.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <asm/unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "filetop.skel.h"

struct filetop {
	struct filetop_bpf *skel;
	struct filetop_key *keys;	/* FILETOP_MAX_FILES, for one read */
};

static void set_nrs(struct filetop_bpf *s)
{
	s->rodata->nr_read = __NR_read;
	s->rodata->nr_write = __NR_write;
	s->rodata->nr_pread = __NR_pread64;
	s->rodata->nr_pwrite = __NR_pwrite64;
	s->rodata->nr_readv = __NR_readv;
	s->rodata->nr_writev = __NR_writev;
	s->rodata->nr_preadv = __NR_preadv;
	s->rodata->nr_pwritev = __NR_pwritev;
#ifdef __NR_preadv2
	s->rodata->nr_preadv2 = __NR_preadv2;
	s->rodata->nr_pwritev2 = __NR_pwritev2;
#endif
}

static int try_load(struct filetop_bpf **out, const struct filetop_opts *o, bool btf)
{
	struct filetop_bpf *s = filetop_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	s->rodata->targ_tgid = (__u32)o->pid;
	/* its own writes of the table would count, and -a would show them */
	s->rodata->self_tgid = (__u32)getpid();
	s->rodata->all_types = o->all;
	set_nrs(s);
	bpf_env_pick(s->obj, btf);
	err = filetop_bpf__load(s);
	if (err) {
		filetop_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

int filetop_open(const struct filetop_opts *o, struct filetop **out, struct bpf_env_err *e)
{
	struct filetop *x = calloc(1, sizeof(*x));
	int err;

	if (!x)
		return bpf_env_fail(e, -ENOMEM, "load", "filetop");
	x->keys = calloc(FILETOP_MAX_FILES, sizeof(*x->keys));
	if (!x->keys) {
		bpf_env_fail(e, -ENOMEM, "load", "filetop");
		goto fail;
	}
	err = bpf_env_raw_only() ? -EOPNOTSUPP : try_load(&x->skel, o, true);
	if (err && err != -EPERM)
		err = try_load(&x->skel, o, false);
	if (err || !x->skel) {
		bpf_env_fail(e, err ? err : -ENOMEM, "load", "filetop");
		goto fail;
	}
	err = filetop_bpf__attach(x->skel);
	if (err) {
		bpf_env_fail(e, err, "attach", bpf_env_failed_prog(x->skel->skeleton));
		goto fail;
	}
	*out = x;
	return 0;
fail:
	filetop_close(x);
	return e->err;
}

static int table_add(void *ctx, const void *key, const void *val)
{
	struct filetop_table *t = ctx;
	struct filetop_row *r;

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
	r->v.name[sizeof(r->v.name) - 1] = '\0';
	return 0;
}

int filetop_read(struct filetop *x, struct filetop_table *t)
{
	struct filetop_val v;

	t->n = 0;
	return bpf_env_map_drain(x->skel->maps.counts, x->keys, FILETOP_MAX_FILES, &v, table_add, t);
}

uint64_t filetop_dropped(struct filetop *x)
{
	return bpf_env_dropped(x->skel->maps.dropped);
}

void filetop_close(struct filetop *x)
{
	if (!x)
		return;
	filetop_bpf__destroy(x->skel);
	free(x->keys);
	free(x);
}

void filetop_table_free(struct filetop_table *t)
{
	free(t->r);
	memset(t, 0, sizeof(*t));
}
