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

/* Flag bits as the kernel sees them, include/uapi/asm-generic/fcntl.h (x86
 * and most arches; glibc defines O_LARGEFILE as 0 on 64-bit, so its macros
 * cannot name what the kernel got). O_ACCMODE is handled apart. */
static const struct { uint64_t bit; const char *name; } open_flags[] = {
	{ 00000100, "O_CREAT" }, { 00000200, "O_EXCL" }, { 00000400, "O_NOCTTY" },
	{ 00001000, "O_TRUNC" }, { 00002000, "O_APPEND" }, { 00004000, "O_NONBLOCK" },
	{ 00010000, "O_DSYNC" }, { 00020000, "FASYNC" }, { 00040000, "O_DIRECT" },
	{ 00100000, "O_LARGEFILE" }, { 00200000, "O_DIRECTORY" }, { 00400000, "O_NOFOLLOW" },
	{ 01000000, "O_NOATIME" }, { 02000000, "O_CLOEXEC" }, { 04000000, "__O_SYNC" },
	{ 010000000, "O_PATH" }, { 020000000, "__O_TMPFILE" },
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
		return errno ? -errno : -ENOMEM;
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
	err = bpf_env_raw_only() ? -EOPNOTSUPP : try_load(&x->skel, o, true);
	if (err && err != -EPERM)
		err = try_load(&x->skel, o, false);
	if (err || !x->skel) {
		err = err ? err : -ENOMEM;
		bpf_env_fail(e, err, "load", "opensnoop");
		goto fail;
	}
	if (bpf_env_ring_start(x->skel->skeleton, x->skel->maps.events,
			       x->skel->maps.cgroup_map, o->cgroup, on_event, x, &x->rb,
			       "opensnoop", e))
		goto fail;
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
