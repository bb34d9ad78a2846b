#include "bpf/syslat_api.h"

#include <errno.h>
#include <stdlib.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "syslat.skel.h"

struct syslat {
	struct syslat_bpf *skel;
	bool ms;
	uint64_t dropped_seen;
};

static int try_load(struct syslat_bpf **out, const struct syslat_opts *o, bool btf)
{
	struct syslat_bpf *s = syslat_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	s->rodata->targ_tgid = (__u32)o->pid;
	s->rodata->per_proc = o->per_proc;
	s->rodata->ms = o->ms;
	s->rodata->filter_nr = o->only != NULL;
	bpf_env_pick(s->obj, btf);
	err = syslat_bpf__load(s);
	if (err) {
		syslat_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

static int fill_only(struct syslat *s, const bool *only)
{
	int fd = bpf_map__fd(s->skel->maps.only);
	__u8 one = 1;

	for (__u32 nr = 0; only && nr < SYSLAT_MAX_NR; nr++)
		if (only[nr] && bpf_map_update_elem(fd, &nr, &one, BPF_ANY))
			return -errno;
	return 0;
}

int syslat_open(const struct syslat_opts *o, struct syslat **out, struct bpf_env_err *e)
{
	struct syslat *s = calloc(1, sizeof(*s));
	int err;

	if (!s)
		return bpf_env_fail(e, -ENOMEM, "load", "syslat");
	s->ms = o->ms;
	err = bpf_env_raw_only() ? -EOPNOTSUPP : try_load(&s->skel, o, true);
	if (err && err != -EPERM)
		err = try_load(&s->skel, o, false);
	if (err || !s->skel) {
		bpf_env_fail(e, err ? err : -ENOMEM, "load", "syslat");
		goto fail;
	}
	err = fill_only(s, o->only);
	if (err) {
		bpf_env_fail(e, err, "fill maps of", "syslat");
		goto fail;
	}
	err = syslat_bpf__attach(s->skel);
	if (err) {
		bpf_env_fail(e, err, "attach", bpf_env_failed_prog(s->skel->skeleton));
		goto fail;
	}
	*out = s;
	return 0;
fail:
	syslat_close(s);
	return e->err;
}

int syslat_read(struct syslat *s, struct log2_hists *hs, bool clear)
{
	uint64_t d = bpf_env_dropped(s->skel->maps.dropped);

	hs->unit = s->ms ? "msecs" : "usecs";
	hs->key_name = "syscall";
	hs->dropped = d - s->dropped_seen;	/* this interval's */
	if (clear)
		s->dropped_seen = d;
	return log2_hists_read_map(bpf_map__fd(s->skel->maps.hists), hs, clear);
}

void syslat_close(struct syslat *s)
{
	if (!s)
		return;
	syslat_bpf__destroy(s->skel);
	free(s);
}
