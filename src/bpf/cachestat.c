#include "bpf/cachestat_api.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "cachestat.skel.h"

struct cachestat_sys {
	struct cachestat_bpf *skel;
};

static int try_load(struct cachestat_bpf **out, pid_t pid, bool btf)
{
	struct cachestat_bpf *s = cachestat_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	s->rodata->targ_tgid = (__u32)pid;
	/* its own reads of /proc/meminfo and /proc/vmstat would count */
	s->rodata->self_tgid = (__u32)getpid();
	bpf_env_pick(s->obj, btf);
	err = cachestat_bpf__load(s);
	if (err) {
		cachestat_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

int cachestat_sys_open(pid_t pid, struct cachestat_sys **out, struct bpf_env_err *e)
{
	struct cachestat_sys *x = calloc(1, sizeof(*x));
	int err;

	if (!x)
		return bpf_env_fail(e, -ENOMEM, "load", "cachestat");
	err = bpf_env_raw_only() ? -EOPNOTSUPP : try_load(&x->skel, pid, true);
	if (err && err != -EPERM)
		err = try_load(&x->skel, pid, false);
	if (err || !x->skel) {
		bpf_env_fail(e, err ? err : -ENOMEM, "load",
			     "cachestat (filemap:mm_filemap_*, writeback:writeback_dirty_folio)");
		goto fail;
	}
	err = cachestat_bpf__attach(x->skel);
	if (err) {
		bpf_env_fail(e, err, "attach", bpf_env_failed_prog(x->skel->skeleton));
		goto fail;
	}
	*out = x;
	return 0;
fail:
	cachestat_sys_close(x);
	return e->err;
}

void cachestat_sys_read(struct cachestat_sys *x, uint64_t v[CS__COUNT])
{
	for (uint32_t i = 0; i < CS__COUNT; i++)
		v[i] = bpf_env_percpu_sum(x->skel->maps.counts, i);
}

void cachestat_sys_close(struct cachestat_sys *x)
{
	if (!x)
		return;
	cachestat_bpf__destroy(x->skel);
	free(x);
}
