#include "bpf/runqlat_api.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include <bpf/libbpf.h>

#include "runqlat.skel.h"

struct runqlat {
	struct runqlat_bpf *skel;
	struct runqlat_opts opts;
	uint64_t dropped;	/* lost events already reported */
};

static int try_load(struct runqlat_bpf **out, const struct runqlat_opts *o, bool btf)
{
	struct runqlat_bpf *s = runqlat_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	s->rodata->targ_tgid = (__u32)o->pid;
	s->rodata->filter_cg = o->cgroup != NULL;
	s->rodata->targ_ms = o->ms;
	s->rodata->targ_key = o->key;
	bpf_env_pick(s->obj, btf);
	err = runqlat_bpf__load(s);
	if (err) {
		runqlat_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

int runqlat_open(const struct runqlat_opts *o, struct runqlat **out, struct bpf_env_err *e)
{
	struct runqlat *r = calloc(1, sizeof(*r));
	int err;

	if (!r)
		return bpf_env_fail(e, -ENOMEM, "load", "runqlat");
	r->opts = *o;
	err = try_load(&r->skel, o, true);
	if (err && err != -EPERM)
		err = try_load(&r->skel, o, false);
	if (err || !r->skel) {
		err = err ? err : -ENOMEM;
		bpf_env_fail(e, err, "load", "runqlat");
		goto fail;
	}
	if (o->cgroup) {
		err = bpf_env_set_cgroup(r->skel->maps.cgroup_map, o->cgroup, e);
		if (err)
			goto fail;
	}
	err = runqlat_bpf__attach(r->skel);
	if (err) {
		bpf_env_fail(e, err, "attach", bpf_env_failed_prog(r->skel->skeleton));
		goto fail;
	}
	*out = r;
	return 0;
fail:
	runqlat_close(r);
	return e->err;
}

int runqlat_read(struct runqlat *r, struct log2_hists *hs, bool clear)
{
	static const char *const keys[] = {
		[RUNQLAT_KEY_NONE] = NULL, [RUNQLAT_KEY_TGID] = "pid",
		[RUNQLAT_KEY_TID] = "tid", [RUNQLAT_KEY_CPU] = "cpu",
	};
	uint64_t now;

	hs->unit = r->opts.ms ? "msecs" : "usecs";
	hs->key_name = keys[r->opts.key];
	now = bpf_env_dropped(r->skel->maps.dropped);
	hs->dropped = now - r->dropped;
	if (clear)
		r->dropped = now;
	return log2_hists_read_map(bpf_map__fd(r->skel->maps.hists), hs, clear);
}

void runqlat_close(struct runqlat *r)
{
	if (!r)
		return;
	runqlat_bpf__destroy(r->skel);	/* detaches every link, unloads */
	free(r);
}

int runqlat_collect(const struct runqlat_opts *o, double seconds, struct log2_hists *out,
		    struct bpf_env_err *e)
{
	struct bpf_env_err dummy;
	struct runqlat *r = NULL;
	int err;

	err = runqlat_open(o, &r, e ? e : &dummy);
	if (err || !r)
		return err ? err : -EINVAL;
	bpf_env_sleep(seconds);
	err = runqlat_read(r, out, true);
	runqlat_close(r);
	return err;
}
