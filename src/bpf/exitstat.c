#include "bpf/exitstat_api.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpf/tasks_api.h"
#include "exitstat.skel.h"

struct exitstat {
	struct exitstat_bpf *skel;
	struct ring_buffer *rb;
	exitstat_fn fn;
	void *ctx;
};

static int on_event(void *ctx, void *data, size_t size)
{
	struct exitstat *x = ctx;
	struct exitstat_rec rec;

	if (size < sizeof(rec) || !x->fn)
		return 0;
	memcpy(&rec, data, sizeof(rec));
	rec.comm[sizeof(rec.comm) - 1] = '\0';
	x->fn(x->ctx, &rec);
	return 0;
}

static int try_load(struct exitstat_bpf **out, bool btf)
{
	struct exitstat_bpf *s = exitstat_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	bpf_env_pick(s->obj, btf);
	err = exitstat_bpf__load(s);
	if (err) {
		exitstat_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

int exitstat_open(const struct root *r, struct exitstat **out, struct bpf_env_err *e)
{
	struct exitstat *x;
	int err;

	*out = NULL;
	x = tasks_host_obj(r, sizeof(*x), "exitstat", false, e, &err);
	if (!x)
		return err;
	err = bpf_env_raw_only() ? -EOPNOTSUPP : try_load(&x->skel, true);
	if (err && err != -EPERM)
		err = try_load(&x->skel, false);
	if (err || !x->skel) {
		bpf_env_fail(e, err ? err : -ENOMEM, "load", "exitstat");
		goto fail;
	}
	if (bpf_env_ring_start(x->skel->skeleton, x->skel->maps.events, NULL, NULL,
			       on_event, x, &x->rb, "exitstat", e))
		goto fail;
	*out = x;
	return 0;
fail:
	exitstat_close(x);
	return e->err;
}

int exitstat_drain(struct exitstat *x, exitstat_fn fn, void *ctx)
{
	int n;

	x->fn = fn;
	x->ctx = ctx;
	n = ring_buffer__consume(x->rb);
	x->fn = NULL;
	x->ctx = NULL;
	return n;
}

uint64_t exitstat_dropped(struct exitstat *x)
{
	return bpf_env_dropped(x->skel->maps.dropped);
}

int exitstat_prog_stats(struct exitstat *x, uint64_t *run_ns, uint64_t *runs)
{
	struct bpf_program *p = bpf_program__autoload(x->skel->progs.exit_btf) ?
				x->skel->progs.exit_btf : x->skel->progs.exit_raw;
	struct bpf_prog_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(bpf_program__fd(p), &info, &len))
		return -errno;
	*run_ns = info.run_time_ns;
	*runs = info.run_cnt;
	return 0;
}

void exitstat_close(struct exitstat *x)
{
	if (!x)
		return;
	ring_buffer__free(x->rb);
	exitstat_bpf__destroy(x->skel);
	free(x);
}
