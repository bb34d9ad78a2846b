#include "bpf/biosnoop_api.h"

#include <errno.h>
#include <stdlib.h>

#include <bpf/libbpf.h>

#include "biosnoop.skel.h"

struct biosnoop {
	struct biosnoop_bpf *skel;
	struct ring_buffer *rb;
	biosnoop_fn fn;
	void *ctx;
};

static int on_event(void *ctx, void *data, size_t size)
{
	struct biosnoop *b = ctx;

	if (size >= sizeof(struct biosnoop_event))
		b->fn(b->ctx, data);
	return 0;
}

static int try_load(struct biosnoop_bpf **out, const struct biosnoop_opts *o, bool btf)
{
	struct biosnoop_bpf *s = biosnoop_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	s->rodata->targ_tgid = (__u32)o->pid;
	s->rodata->targ_dev = o->dev;
	bpf_env_pick(s->obj, btf);
	if (!o->queued) {
		bpf_program__set_autoload(s->progs.insert_btf, false);
		bpf_program__set_autoload(s->progs.insert_raw, false);
	}
	err = biosnoop_bpf__load(s);
	if (err) {
		biosnoop_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

int biosnoop_open(const struct biosnoop_opts *o, biosnoop_fn fn, void *ctx,
		  struct biosnoop **out, struct bpf_env_err *e)
{
	struct biosnoop *b = calloc(1, sizeof(*b));
	int err;

	if (!b)
		return bpf_env_fail(e, -ENOMEM, "load", "biosnoop");
	b->fn = fn;
	b->ctx = ctx;
	err = bpf_env_raw_only() ? -EOPNOTSUPP : try_load(&b->skel, o, true);
	if (err && err != -EPERM)
		err = try_load(&b->skel, o, false);
	if (err || !b->skel) {
		err = err ? err : -ENOMEM;
		bpf_env_fail(e, err, "load", "biosnoop");
		goto fail;
	}
	if (bpf_env_ring_start(b->skel->skeleton, b->skel->maps.events, NULL, NULL, on_event, b,
			       &b->rb, "biosnoop", e))
		goto fail;
	*out = b;
	return 0;
fail:
	biosnoop_close(b);
	return e->err;
}

int biosnoop_poll(struct biosnoop *b, int timeout_ms)
{
	return ring_buffer__poll(b->rb, timeout_ms);
}

uint64_t biosnoop_dropped(struct biosnoop *b)
{
	return bpf_env_dropped(b->skel->maps.dropped);
}

void biosnoop_close(struct biosnoop *b)
{
	if (!b)
		return;
	ring_buffer__free(b->rb);
	biosnoop_bpf__destroy(b->skel);
	free(b);
}
