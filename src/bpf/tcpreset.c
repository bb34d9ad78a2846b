/* User half of tcpreset.bpf.c (see tcpreset_api.h). */
#include "bpf/tcpreset_api.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "tcpreset.skel.h"

struct tcpreset {
	struct tcpreset_bpf *skel;
};

static int load(struct tcpreset *t, uint32_t netns, bool btf)
{
	int err;

	t->skel = tcpreset_bpf__open();
	if (!t->skel)
		return errno ? -errno : -ENOMEM;
	t->skel->rodata->targ_netns = netns;
	bpf_env_pick(t->skel->obj, btf);
	err = tcpreset_bpf__load(t->skel);
	if (err) {
		tcpreset_bpf__destroy(t->skel);
		t->skel = NULL;
	}
	return err;
}

int tcpreset_open(const struct root *r, uint32_t netns, struct tcpreset **out, struct bpf_env_err *e)
{
	struct tcpreset *t;
	int err;

	*out = NULL;
	err = bpf_env_check(r, e);
	if (err)
		return err;
	t = calloc(1, sizeof(*t));
	if (!t)
		return bpf_env_fail(e, -ENOMEM, "load", "tcpreset");
	err = bpf_env_raw_only() ? -EOPNOTSUPP : load(t, netns, true);
	if (err && err != -EPERM)
		err = load(t, netns, false);
	if (err) {
		bpf_env_fail(e, err, "load", "tcpreset");
		goto fail;
	}
	err = tcpreset_bpf__attach(t->skel);
	if (err) {
		bpf_env_fail(e, err, "attach", "tcp:tcp_send_reset");
		goto fail;
	}
	*out = t;
	return 0;
fail:
	tcpreset_close(t);
	return e->err;
}

int tcpreset_read(struct tcpreset *t, struct tcpreset_row *rows, size_t max, struct tcpreset_counts *c)
{
	struct tcpreset_key k, next;
	const void *prev = NULL;
	int fd = bpf_map__fd(t->skel->maps.refused), n = 0;

	for (int i = 0; i < TCPRESET__COUNT; i++)
		c->v[i] = bpf_env_percpu_sum(t->skel->maps.counters, (uint32_t)i);
	/* a walk without deletes: a key that goes away restarts it at worst,
	 * and nothing deletes here */
	while ((size_t)n < max && bpf_map_get_next_key(fd, prev, &next) == 0) {
		__u64 v;

		k = next;
		prev = &k;
		if (bpf_map_lookup_elem(fd, &k, &v))
			continue;
		rows[n].family = k.family;
		rows[n].lport = k.lport;
		memcpy(rows[n].raddr, k.raddr, sizeof(rows[n].raddr));
		rows[n].n = v;
		n++;
	}
	return n;
}

void tcpreset_close(struct tcpreset *t)
{
	if (!t)
		return;
	tcpreset_bpf__destroy(t->skel);
	free(t);
}
