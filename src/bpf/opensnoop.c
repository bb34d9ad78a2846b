#include "bpf/snoop_api.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <asm/unistd.h>

#include <bpf/libbpf.h>

#include "opensnoop.skel.h"

struct opensnoop {
	struct opensnoop_bpf *skel;
	struct ring_buffer *rb;
	opensnoop_fn fn;
	void *ctx;
};

/* Flag names, <asm-generic/fcntl.h> (O_ACCMODE handled apart). */
static const struct { uint64_t bit; const char *name; } open_flags[] = {
	{ O_CREAT, "O_CREAT" }, { O_EXCL, "O_EXCL" }, { O_NOCTTY, "O_NOCTTY" },
	{ O_TRUNC, "O_TRUNC" }, { O_APPEND, "O_APPEND" }, { O_NONBLOCK, "O_NONBLOCK" },
	{ O_DSYNC, "O_DSYNC" }, { O_DIRECT, "O_DIRECT" }, { O_LARGEFILE, "O_LARGEFILE" },
	{ O_DIRECTORY, "O_DIRECTORY" }, { O_NOFOLLOW, "O_NOFOLLOW" }, { O_NOATIME, "O_NOATIME" },
	{ O_CLOEXEC, "O_CLOEXEC" }, { O_PATH, "O_PATH" }, { __O_TMPFILE, "O_TMPFILE" },
	{ O_SYNC, "O_SYNC" }, { FASYNC, "FASYNC" },
};

const char *open_flags_str(uint64_t flags, char *buf, size_t size)
{
	static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
	size_t n = (size_t)snprintf(buf, size, "%s", acc[flags & O_ACCMODE]);

	for (size_t i = 0; i < sizeof(open_flags) / sizeof(open_flags[0]) && n < size; i++)
		if ((flags & open_flags[i].bit) == open_flags[i].bit)
			n += (size_t)snprintf(buf + n, size - n, "|%s", open_flags[i].name);
	return buf;
}

static int on_event(void *ctx, void *data, size_t size)
{
	struct opensnoop *x = ctx;

	if (size >= sizeof(struct open_event))
		x->fn(x->ctx, data);
	return 0;
}

static int try_load(struct opensnoop_bpf **out, const struct snoop_opts *o, bool btf)
{
	struct opensnoop_bpf *s = opensnoop_bpf__open();
	int err;

	if (!s)
		return -errno;
#ifdef __NR_open
	s->rodata->nr_open = __NR_open;
#endif
	s->rodata->nr_openat = __NR_openat;
#ifdef __NR_openat2
	s->rodata->nr_openat2 = __NR_openat2;
#endif
	s->rodata->targ_tgid = (__u32)o->pid;
	s->rodata->targ_failed = o->failed;
	s->rodata->targ_uid = o->uid < 0 ? (__u32)-1 : (__u32)o->uid;
	s->rodata->filter_cg = o->cgroup != NULL;
	bpf_env_pick(s->obj, btf);
	err = opensnoop_bpf__load(s);
	if (err) {
		opensnoop_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

int opensnoop_open(const struct snoop_opts *o, opensnoop_fn fn, void *ctx,
		   struct opensnoop **out, struct bpf_env_err *e)
{
	struct opensnoop *x = calloc(1, sizeof(*x));
	int err;

	if (!x)
		return bpf_env_fail(e, -ENOMEM, "load", "opensnoop");
	x->fn = fn;
	x->ctx = ctx;
	err = try_load(&x->skel, o, true);
	if (err && err != -EPERM)
		err = try_load(&x->skel, o, false);
	if (err) {
		bpf_env_fail(e, err, "load", "opensnoop");
		goto fail;
	}
	if (o->cgroup && bpf_env_set_cgroup(x->skel->maps.cgroup_map, o->cgroup, e))
		goto fail;
	x->rb = ring_buffer__new(bpf_map__fd(x->skel->maps.events), on_event, x, NULL);
	if (!x->rb) {
		bpf_env_fail(e, -errno, "open ring buffer of", "opensnoop");
		goto fail;
	}
	err = opensnoop_bpf__attach(x->skel);
	if (err) {
		bpf_env_fail(e, err, "attach", bpf_env_failed_prog(x->skel->skeleton));
		goto fail;
	}
	*out = x;
	return 0;
fail:
	opensnoop_close(x);
	return e->err;
}

int opensnoop_poll(struct opensnoop *x, int timeout_ms)
{
	return ring_buffer__poll(x->rb, timeout_ms);
}

uint64_t opensnoop_dropped(struct opensnoop *x)
{
	return bpf_env_dropped(x->skel->maps.dropped);
}

void opensnoop_close(struct opensnoop *x)
{
	if (!x)
		return;
	ring_buffer__free(x->rb);
	opensnoop_bpf__destroy(x->skel);
	free(x);
}
