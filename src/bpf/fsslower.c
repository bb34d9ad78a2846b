#include "bpf/fsslower_api.h"

#include <errno.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <asm/unistd.h>

#include <bpf/libbpf.h>

#include "fsslower.skel.h"

struct fsslower {
	struct fsslower_bpf *skel;
	struct ring_buffer *rb;
	fsslower_fn fn;
	void *ctx;
	bool ext4;
};

static int on_event(void *ctx, void *data, size_t size)
{
	struct fsslower *x = ctx;

	if (size >= sizeof(struct fsslower_event))
		x->fn(x->ctx, data);
	return 0;
}

static void set_nrs(struct fsslower_bpf *s)
{
	s->rodata->nr_read = __NR_read;
	s->rodata->nr_write = __NR_write;
	s->rodata->nr_pread = __NR_pread64;
	s->rodata->nr_pwrite = __NR_pwrite64;
	s->rodata->nr_readv = __NR_readv;
	s->rodata->nr_writev = __NR_writev;
	s->rodata->nr_preadv = __NR_preadv;
	s->rodata->nr_pwritev = __NR_pwritev;
#ifdef __NR_open
	s->rodata->nr_open = __NR_open;
#endif
#ifdef __NR_creat
	s->rodata->nr_creat = __NR_creat;
#endif
	s->rodata->nr_openat = __NR_openat;
	s->rodata->nr_fsync = __NR_fsync;
	s->rodata->nr_fdatasync = __NR_fdatasync;
}

static int try_load(struct fsslower_bpf **out, const struct fsslower_opts *o, bool btf, bool ext4)
{
	struct fsslower_bpf *s = fsslower_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	s->rodata->targ_tgid = (__u32)o->pid;
	/* its own writes of what it prints would be events, without end */
	s->rodata->self_tgid = (__u32)getpid();
	s->rodata->min_ns = o->min_ns;
	set_nrs(s);
	bpf_env_pick(s->obj, btf);
	if (!ext4) {
		bpf_program__set_autoload(s->progs.ext4_sync_enter_btf, false);
		bpf_program__set_autoload(s->progs.ext4_sync_exit_btf, false);
		bpf_program__set_autoload(s->progs.ext4_sync_enter_raw, false);
		bpf_program__set_autoload(s->progs.ext4_sync_exit_raw, false);
	}
	err = fsslower_bpf__load(s);
	if (err) {
		fsslower_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

/* Load (tp_btf, else raw_tp) and attach; with ext4, its sync tracepoints too. */
static int start(struct fsslower *x, const struct fsslower_opts *o, bool ext4, struct bpf_env_err *e)
{
	int err = bpf_env_raw_only() ? -EOPNOTSUPP : try_load(&x->skel, o, true, ext4);

	if (err && err != -EPERM)
		err = try_load(&x->skel, o, false, ext4);
	if (err || !x->skel)
		return bpf_env_fail(e, err ? err : -ENOMEM, "load", "fsslower");
	return bpf_env_ring_start(x->skel->skeleton, x->skel->maps.events, NULL, NULL, on_event, x,
				  &x->rb, "fsslower", e);
}

static void stop(struct fsslower *x)
{
	ring_buffer__free(x->rb);
	fsslower_bpf__destroy(x->skel);
	x->rb = NULL;
	x->skel = NULL;
}

int fsslower_open(const struct fsslower_opts *o, fsslower_fn fn, void *ctx, struct fsslower **out,
		  struct bpf_env_err *e)
{
	struct fsslower *x = calloc(1, sizeof(*x));

	if (!x)
		return bpf_env_fail(e, -ENOMEM, "load", "fsslower");
	x->fn = fn;
	x->ctx = ctx;
	x->ext4 = true;
	if (start(x, o, true, e)) {
		/* a kernel without ext4 (or its tracepoints): the syscalls alone */
		stop(x);
		memset(e, 0, sizeof(*e));
		x->ext4 = false;
		if (start(x, o, false, e)) {
			fsslower_close(x);
			return e->err;
		}
	}
	*out = x;
	return 0;
}

int fsslower_poll(struct fsslower *x, int timeout_ms)
{
	return ring_buffer__poll(x->rb, timeout_ms);
}

bool fsslower_ext4(const struct fsslower *x)
{
	return x->ext4;
}

uint64_t fsslower_dropped(struct fsslower *x)
{
	return bpf_env_dropped(x->skel->maps.dropped);
}

void fsslower_close(struct fsslower *x)
{
	if (!x)
		return;
	stop(x);
	free(x);
}
