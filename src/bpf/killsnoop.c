#include "bpf/killsnoop.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include <bpf/libbpf.h>

#include "bpf/bpf_env.h"
#include "killsnoop.skel.h"

struct killsnoop {
	struct killsnoop_bpf *skel;
	struct ring_buffer *rb;
	killsnoop_fn fn;
	void *ctx;
};

static int on_event(void *ctx, void *data, size_t size)
{
	struct killsnoop *k = ctx;
	struct killsnoop_event ev;

	if (size < sizeof(ev))
		return 0;
	memcpy(&ev, data, sizeof(ev));
	ev.comm[sizeof(ev.comm) - 1] = '\0';
	ev.tcomm[sizeof(ev.tcomm) - 1] = '\0';
	k->fn(k->ctx, &ev);
	return 0;
}

static int try_load(struct killsnoop_bpf **out, const struct killsnoop_opts *o, bool btf)
{
	struct killsnoop_bpf *s = killsnoop_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	s->rodata->targ_tgid = (__u32)o->pid;
	s->rodata->targ_sig = o->sig;
	s->rodata->targ_failed = o->failed;
	s->rodata->nr_kill = SYS_kill;
	s->rodata->nr_tkill = SYS_tkill;
	s->rodata->nr_tgkill = SYS_tgkill;
	bpf_env_pick(s->obj, btf);
	err = killsnoop_bpf__load(s);
	if (err) {
		killsnoop_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

int killsnoop_open(const struct killsnoop_opts *o, killsnoop_fn fn, void *ctx,
		   struct killsnoop **out, struct bpf_env_err *e)
{
	struct killsnoop *k = calloc(1, sizeof(*k));
	int err;

	if (!k)
		return bpf_env_fail(e, -ENOMEM, "load", "killsnoop");
	k->fn = fn;
	k->ctx = ctx;
	err = bpf_env_raw_only() ? -EOPNOTSUPP : try_load(&k->skel, o, true);
	if (err && err != -EPERM)
		err = try_load(&k->skel, o, false);
	if (err || !k->skel) {
		bpf_env_fail(e, err ? err : -ENOMEM, "load", "killsnoop (signal:signal_generate)");
		goto fail;
	}
	if (bpf_env_ring_start(k->skel->skeleton, k->skel->maps.events, NULL, NULL, on_event, k,
			       &k->rb, "killsnoop", e))
		goto fail;
	*out = k;
	return 0;
fail:
	killsnoop_close(k);
	return e->err;
}

int killsnoop_poll(struct killsnoop *k, int timeout_ms)
{
	return ring_buffer__poll(k->rb, timeout_ms);
}

uint64_t killsnoop_dropped(struct killsnoop *k)
{
	return bpf_env_dropped(k->skel->maps.dropped);
}

void killsnoop_close(struct killsnoop *k)
{
	if (!k)
		return;
	ring_buffer__free(k->rb);
	killsnoop_bpf__destroy(k->skel);
	free(k);
}
