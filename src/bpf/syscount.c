#include "bpf/snoop_api.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "syscount.skel.h"

struct syscount {
	struct syscount_bpf *skel;
	bool latency;
	int ncpu;
	struct syscount_val *buf;	/* ncpu values, for one lookup */
};

int syscount_table_add(struct syscount_table *t, long nr, const struct syscount_val *percpu, int ncpu)
{
	struct syscount_row r = { .nr = nr };
	struct syscount_row *p;

	for (int c = 0; c < ncpu; c++) {
		r.count += percpu[c].count;
		r.errors += percpu[c].errors;
		r.total_ns += percpu[c].total_ns;
		if (percpu[c].max_ns > r.max_ns)
			r.max_ns = percpu[c].max_ns;
	}
	if (!r.count)
		return 0;
	r.avg_ns = (double)r.total_ns / (double)r.count;
	p = realloc(t->rows, (t->n + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	t->rows = p;
	t->rows[t->n++] = r;
	return 0;
}

static int cmp_count(const void *a, const void *b)
{
	const struct syscount_row *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return (x->nr > y->nr) - (x->nr < y->nr);
}

static int cmp_time(const void *a, const void *b)
{
	const struct syscount_row *x = a, *y = b;

	if (x->total_ns != y->total_ns)
		return x->total_ns < y->total_ns ? 1 : -1;
	return cmp_count(a, b);
}

void syscount_table_sort(struct syscount_table *t, size_t top)
{
	if (t->n > 1)
		qsort(t->rows, t->n, sizeof(t->rows[0]), t->latency ? cmp_time : cmp_count);
	if (top && t->n > top)
		t->n = top;
}

void syscount_table_free(struct syscount_table *t)
{
	free(t->rows);
	t->rows = NULL;
	t->n = 0;
}

static int try_load(struct syscount_bpf **out, const struct snoop_opts *o, bool latency, bool btf)
{
	struct syscount_bpf *s = syscount_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	s->rodata->targ_tgid = (__u32)o->pid;
	s->rodata->targ_failed = o->failed;
	s->rodata->targ_latency = latency;
	s->rodata->filter_cg = o->cgroup != NULL;
	bpf_env_pick(s->obj, btf);
	/* without -L, sys_enter is not needed */
	if (!latency) {
		bpf_program__set_autoload(s->progs.sys_enter_btf, false);
		bpf_program__set_autoload(s->progs.sys_enter_raw, false);
	}
	err = syscount_bpf__load(s);
	if (err) {
		syscount_bpf__destroy(s);
		return err;
	}
	*out = s;
	return 0;
}

int syscount_open(const struct snoop_opts *o, bool latency, struct syscount **out,
		  struct bpf_env_err *e)
{
	struct syscount *x = calloc(1, sizeof(*x));
	int err;

	if (!x)
		return bpf_env_fail(e, -ENOMEM, "load", "syscount");
	x->latency = latency;
	x->ncpu = libbpf_num_possible_cpus();
	x->buf = calloc(x->ncpu > 0 ? (size_t)x->ncpu : 1, sizeof(*x->buf));
	if (x->ncpu <= 0 || !x->buf) {
		bpf_env_fail(e, -ENOMEM, "load", "syscount");
		goto fail;
	}
	err = try_load(&x->skel, o, latency, true);
	if (err && err != -EPERM)
		err = try_load(&x->skel, o, latency, false);
	if (err || !x->skel) {
		err = err ? err : -ENOMEM;
		bpf_env_fail(e, err, "load", "syscount");
		goto fail;
	}
	if (o->cgroup && bpf_env_set_cgroup(x->skel->maps.cgroup_map, o->cgroup, e))
		goto fail;
	err = syscount_bpf__attach(x->skel);
	if (err) {
		bpf_env_fail(e, err, "attach", bpf_env_failed_prog(x->skel->skeleton));
		goto fail;
	}
	*out = x;
	return 0;
fail:
	syscount_close(x);
	return e->err;
}

int syscount_read(struct syscount *s, struct syscount_table *t, bool clear)
{
	int fd = bpf_map__fd(s->skel->maps.counts), err;
	size_t sz = (size_t)s->ncpu * sizeof(*s->buf);

	t->latency = s->latency;
	for (__u32 nr = 0; nr < SYSCOUNT_MAX_NR; nr++) {
		if (bpf_map_lookup_elem(fd, &nr, s->buf))
			return -errno;
		err = syscount_table_add(t, nr, s->buf, s->ncpu);
		if (err)
			return err;
		if (clear && t->n && t->rows[t->n - 1].nr == nr) {
			memset(s->buf, 0, sz);
			bpf_map_update_elem(fd, &nr, s->buf, BPF_ANY);
		}
	}
	return 0;
}

void syscount_close(struct syscount *s)
{
	if (!s)
		return;
	syscount_bpf__destroy(s->skel);
	free(s->buf);
	free(s);
}
