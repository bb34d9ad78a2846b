#include "bpf/biolatency_api.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "biolatency.skel.h"

struct biolatency {
	struct biolatency_bpf *skel;
	struct biolatency_opts opts;
	uint64_t dropped;	/* lost events already reported */
};

/* REQ_OP_* names, include/linux/blk_types.h (enum req_op). */
static const char *const op_names[] = {
	[0] = "Read", [1] = "Write", [2] = "Flush", [3] = "Discard",
	[5] = "SecureErase", [9] = "WriteZeroes", [10] = "ZoneOpen",
	[11] = "ZoneClose", [12] = "ZoneFinish", [13] = "ZoneAppend",
	[15] = "ZoneReset", [17] = "ZoneResetAll", [34] = "DrvIn", [35] = "DrvOut",
};

const char *block_flags_str(uint32_t flags, char *buf, size_t size)
{
	uint32_t op = flags & BLK_OP_MASK;
	const char *name = op < sizeof(op_names) / sizeof(op_names[0]) ? op_names[op] : NULL;
	size_t n;

	if (name)
		n = (size_t)snprintf(buf, size, "%s", name);
	else
		n = (size_t)snprintf(buf, size, "Op%u", op);
	if (n < size && (flags & BLK_F_SYNC))
		n += (size_t)snprintf(buf + n, size - n, "|Sync");
	if (n < size && (flags & BLK_F_META))
		n += (size_t)snprintf(buf + n, size - n, "|Meta");
	if (n < size && (flags & BLK_F_FUA))
		n += (size_t)snprintf(buf + n, size - n, "|FUA");
	if (n < size && (flags & BLK_F_PREFLUSH))
		snprintf(buf + n, size - n, "|Preflush");
	return buf;
}

static int try_load(struct biolatency_bpf **out, const struct biolatency_opts *o, bool btf)
{
	struct biolatency_bpf *s = biolatency_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	s->rodata->targ_queued = o->queued;
	s->rodata->targ_ms = o->ms;
	s->rodata->targ_key = o->key;
	s->rodata->targ_dev = o->dev;
	/* insert only matters with -Q */
	bpf_env_pick(s->obj, btf);
	if (!o->queued) {
		bpf_program__set_autoload(s->progs.insert_btf, false);
		bpf_program__set_autoload(s->progs.insert_raw, false);
	}
	err = biolatency_bpf__load(s);
	if (err) {
		biolatency_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

int biolatency_open(const struct biolatency_opts *o, struct biolatency **out, struct bpf_env_err *e)
{
	struct biolatency *b = calloc(1, sizeof(*b));
	int err;

	if (!b)
		return bpf_env_fail(e, -ENOMEM, "load", "biolatency");
	b->opts = *o;
	err = try_load(&b->skel, o, true);
	if (err && err != -EPERM)
		err = try_load(&b->skel, o, false);
	if (err || !b->skel) {
		err = err ? err : -ENOMEM;
		bpf_env_fail(e, err, "load", "biolatency");
		goto fail;
	}
	err = biolatency_bpf__attach(b->skel);
	if (err) {
		bpf_env_fail(e, err, "attach", bpf_env_failed_prog(b->skel->skeleton));
		goto fail;
	}
	*out = b;
	return 0;
fail:
	biolatency_close(b);
	return e->err;
}

int biolatency_read(struct biolatency *b, struct log2_hists *hs, bool clear)
{
	uint64_t now = bpf_env_dropped(b->skel->maps.dropped);
	int err;

	hs->dropped = now - b->dropped;
	if (clear)
		b->dropped = now;
	hs->unit = b->opts.ms ? "msecs" : "usecs";
	hs->key_name = b->opts.key == BIOLAT_KEY_DISK ? "disk" :
		       b->opts.key == BIOLAT_KEY_FLAGS ? "flags" : NULL;
	err = log2_hists_read_map(bpf_map__fd(b->skel->maps.hists), hs, clear);
	if (err)
		return err;
	for (size_t i = 0; i < hs->n && b->opts.key == BIOLAT_KEY_FLAGS; i++)
		block_flags_str((uint32_t)hs->h[i].key, hs->h[i].name, sizeof(hs->h[i].name));
	return 0;
}

void biolatency_close(struct biolatency *b)
{
	if (!b)
		return;
	biolatency_bpf__destroy(b->skel);
	free(b);
}

int biolatency_collect(const struct biolatency_opts *o, double seconds, struct log2_hists *out,
		       struct bpf_env_err *e)
{
	struct bpf_env_err dummy;
	struct biolatency *b = NULL;
	int err;

	err = biolatency_open(o, &b, e ? e : &dummy);
	if (err || !b)
		return err ? err : -EINVAL;
	bpf_env_sleep(seconds);
	err = biolatency_read(b, out, true);
	biolatency_close(b);
	return err;
}
