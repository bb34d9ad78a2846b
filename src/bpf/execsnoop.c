#include "bpf/snoop_api.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <asm/unistd.h>

#include <bpf/libbpf.h>

#include "execsnoop.skel.h"

struct execsnoop {
	struct execsnoop_bpf *skel;
	struct ring_buffer *rb;
	execsnoop_fn fn;
	void *ctx;
};

const char *exec_event_arg(const struct exec_event *ev, uint32_t i, size_t *len)
{
	uint32_t size = ev->args_size < EXEC_ARGS_SIZE ? ev->args_size : EXEC_ARGS_SIZE;
	uint32_t off = 0;

	if (i >= ev->args_count)
		return NULL;
	for (uint32_t k = 0; k < i; k++) {
		const char *nul = memchr(ev->args + off, '\0', size - off);

		if (!nul)
			return NULL;
		off = (uint32_t)(nul - ev->args) + 1;
		if (off >= size)
			return NULL;
	}
	*len = strnlen(ev->args + off, size - off);
	return ev->args + off;
}

static int on_event(void *ctx, void *data, size_t size)
{
	struct execsnoop *x = ctx;
	struct exec_event ev;

	/* the program sends only the used part of args: copy into a full struct */
	if (size < offsetof(struct exec_event, args))
		return 0;
	if (size > sizeof(ev))
		size = sizeof(ev);
	memcpy(&ev, data, size);
	if (ev.args_size > size - offsetof(struct exec_event, args))
		ev.args_size = (uint32_t)(size - offsetof(struct exec_event, args));
	x->fn(x->ctx, &ev);
	return 0;
}

static int try_load(struct execsnoop_bpf **out, const struct snoop_opts *o, bool btf)
{
	struct execsnoop_bpf *s = execsnoop_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	s->rodata->nr_execve = __NR_execve;
#ifdef __NR_execveat
	s->rodata->nr_execveat = __NR_execveat;
#endif
	s->rodata->targ_failed = o->failed;
	s->rodata->targ_uid = o->uid < 0 ? (__u32)-1 : (__u32)o->uid;
	s->rodata->filter_cg = o->cgroup != NULL;
	bpf_env_pick(s->obj, btf);
	err = execsnoop_bpf__load(s);
	if (err) {
		execsnoop_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

int execsnoop_open(const struct snoop_opts *o, execsnoop_fn fn, void *ctx,
		   struct execsnoop **out, struct bpf_env_err *e)
{
	struct execsnoop *x = calloc(1, sizeof(*x));
	int err;

	if (!x)
		return bpf_env_fail(e, -ENOMEM, "load", "execsnoop");
	x->fn = fn;
	x->ctx = ctx;
	err = bpf_env_raw_only() ? -EOPNOTSUPP : try_load(&x->skel, o, true);
	if (err && err != -EPERM)
		err = try_load(&x->skel, o, false);
	if (err || !x->skel) {
		err = err ? err : -ENOMEM;
		bpf_env_fail(e, err, "load", "execsnoop");
		goto fail;
	}
	if (bpf_env_ring_start(x->skel->skeleton, x->skel->maps.events,
			       x->skel->maps.cgroup_map, o->cgroup, on_event, x, &x->rb,
			       "execsnoop", e))
		goto fail;
	*out = x;
	return 0;
fail:
	execsnoop_close(x);
	return e->err;
}

int execsnoop_poll(struct execsnoop *x, int timeout_ms)
{
	return ring_buffer__poll(x->rb, timeout_ms);
}

uint64_t execsnoop_dropped(struct execsnoop *x)
{
	return bpf_env_dropped(x->skel->maps.dropped);
}

void execsnoop_close(struct execsnoop *x)
{
	if (!x)
		return;
	ring_buffer__free(x->rb);
	execsnoop_bpf__destroy(x->skel);
	free(x);
}
