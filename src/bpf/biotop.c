#include "bpf/biotop.h"

#include <errno.h>
#include <stdlib.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpf/bpf_env.h"
#include "biotop.skel.h"

struct biotop {
	struct biotop_bpf *skel;
	int io_start;
	struct biotop_key *keys;	/* BIOTOP_MAX_ROWS each, for one batch */
	struct biotop_val *vals;
};

static int try_load(struct biotop_bpf **out, pid_t pid, bool btf, bool io_start)
{
	struct biotop_bpf *s = biotop_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	s->rodata->targ_tgid = (__u32)pid;
	bpf_env_pick(s->obj, btf);
	if (!io_start) {
		bpf_program__set_autoload(s->progs.io_start_btf, false);
		bpf_program__set_autoload(s->progs.io_start_raw, false);
	}
	err = biotop_bpf__load(s);
	if (err) {
		biotop_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

/* Load and attach one flavour, with or without block_io_start. Returns 0 or
 * the negative errno with e filled. */
static int start(struct biotop *b, pid_t pid, bool btf, bool io_start, struct bpf_env_err *e)
{
	int err = try_load(&b->skel, pid, btf, io_start);

	if (err)
		return bpf_env_fail(e, err, "load", "biotop (block tracepoints)");
	err = biotop_bpf__attach(b->skel);
	if (err) {
		bpf_env_fail(e, err, "attach", bpf_env_failed_prog(b->skel->skeleton));
		biotop_bpf__destroy(b->skel);
		b->skel = NULL;
		return err;
	}
	b->io_start = io_start;
	return 0;
}

int biotop_open(pid_t pid, struct biotop **out, struct bpf_env_err *e)
{
	struct biotop *b = calloc(1, sizeof(*b));
	int err = -EOPNOTSUPP;

	if (!b)
		return bpf_env_fail(e, -ENOMEM, "load", "biotop");
	b->keys = calloc(BIOTOP_MAX_ROWS, sizeof(*b->keys));
	b->vals = calloc(BIOTOP_MAX_ROWS, sizeof(*b->vals));
	if (!b->keys || !b->vals) {
		bpf_env_fail(e, -ENOMEM, "load", "biotop");
		goto fail;
	}
	/* tp_btf, then raw_tp (not after EPERM); each with block_io_start
	 * (Linux 6.5+), then without: its load (tp_btf) or attach (raw_tp)
	 * fails on older kernels. No BTF lookup of our own: parsing the
	 * kernel's BTF a second time doubled the start-up CPU. */
	for (int f = bpf_env_raw_only() ? 1 : 0; f < 2 && err; f++) {
		err = start(b, pid, f == 0, true, e);
		if (err && err != -EPERM)
			err = start(b, pid, f == 0, false, e);
		if (err == -EPERM)
			break;
	}
	if (err)
		goto fail;
	*out = b;
	return 0;
fail:
	biotop_close(b);
	return e->err;
}

/* One lookup-and-delete pass over the map (each bucket emptied atomically). */
static int take_batch(struct biotop *b, size_t *n)
{
	int fd = bpf_map__fd(b->skel->maps.counts);
	__u32 out_batch, cnt;
	void *in = NULL;
	int err;

	*n = 0;
	for (;;) {
		cnt = BIOTOP_MAX_ROWS - (__u32)*n;
		if (!cnt)
			return 0;
		err = bpf_map_lookup_and_delete_batch(fd, in, &out_batch, b->keys + *n,
						      b->vals + *n, &cnt, NULL);
		*n += cnt;
		if (err)
			return errno == ENOENT ? 0 : -errno;
		in = &out_batch;
	}
}

int biotop_take(struct biotop *b, struct biotop_row **rows, size_t *n)
{
	struct biotop_row *r;
	int err = take_batch(b, n);

	*rows = NULL;
	if (err) {
		*n = 0;
		return err;
	}
	r = calloc(*n ? *n : 1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	for (size_t i = 0; i < *n; i++) {
		r[i].k = b->keys[i];
		r[i].k.comm[sizeof(r[i].k.comm) - 1] = '\0';
		r[i].v = b->vals[i];
	}
	*rows = r;
	return 0;
}

uint64_t biotop_dropped(struct biotop *b)
{
	return bpf_env_dropped(b->skel->maps.dropped);
}

int biotop_io_start(const struct biotop *b)
{
	return b->io_start;
}

void biotop_close(struct biotop *b)
{
	if (!b)
		return;
	biotop_bpf__destroy(b->skel);
	free(b->keys);
	free(b->vals);
	free(b);
}
