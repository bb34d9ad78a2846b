#include "bpf/oomkill.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "bpf/bpf_env.h"
#include "oomkill.skel.h"

struct oomkill {
	struct oomkill_bpf *skel;
	struct ring_buffer *rb;
	oomkill_fn fn;
	void *ctx;
};

static int on_event(void *ctx, void *data, size_t size)
{
	struct oomkill *x = ctx;
	struct oom_event ev;

	if (size < sizeof(ev))
		return 0;
	memcpy(&ev, data, sizeof(ev));
	ev.comm[sizeof(ev.comm) - 1] = '\0';
	ev.trig_comm[sizeof(ev.trig_comm) - 1] = '\0';
	ev.memcg[sizeof(ev.memcg) - 1] = '\0';
	x->fn(x->ctx, &ev);
	return 0;
}

static int try_load(struct oomkill_bpf **out, bool btf)
{
	struct oomkill_bpf *s = oomkill_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	bpf_env_pick(s->obj, btf);
	err = oomkill_bpf__load(s);
	if (err) {
		oomkill_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

int oomkill_open(oomkill_fn fn, void *ctx, struct oomkill **out, struct bpf_env_err *e)
{
	struct oomkill *x = calloc(1, sizeof(*x));
	int err;

	if (!x)
		return bpf_env_fail(e, -ENOMEM, "load", "oomkill");
	x->fn = fn;
	x->ctx = ctx;
	err = bpf_env_raw_only() ? -EOPNOTSUPP : try_load(&x->skel, true);
	if (err && err != -EPERM)
		err = try_load(&x->skel, false);
	if (err || !x->skel) {
		bpf_env_fail(e, err ? err : -ENOMEM, "load", "oomkill (oom:mark_victim)");
		goto fail;
	}
	if (bpf_env_ring_start(x->skel->skeleton, x->skel->maps.events, NULL, NULL, on_event, x,
			       &x->rb, "oomkill", e))
		goto fail;
	*out = x;
	return 0;
fail:
	oomkill_close(x);
	return e->err;
}

int oomkill_poll(struct oomkill *x, int timeout_ms)
{
	return ring_buffer__poll(x->rb, timeout_ms);
}

uint64_t oomkill_dropped(struct oomkill *x)
{
	return bpf_env_dropped(x->skel->maps.dropped);
}

void oomkill_close(struct oomkill *x)
{
	if (!x)
		return;
	ring_buffer__free(x->rb);
	oomkill_bpf__destroy(x->skel);
	free(x);
}
