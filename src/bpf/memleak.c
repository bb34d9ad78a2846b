#include "bpf/memleak_api.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "sources/elf_syms.h"
#include "sources/proc_pid_maps.h"

#include "memleak.skel.h"

#define MAX_LINKS 32
#define BATCH 4096

/* One stack id's sums while scanning. */
struct agg {
	int32_t stack_id;
	uint64_t bytes, allocs, oldest_ns;
};

struct memleak {
	struct memleak_bpf *skel;
	struct bpf_link *links[MAX_LINKS];
	unsigned nlinks, nprobes;
	char libc[4096];	/* as the maps name it */
	char path[4200];	/* what the probes were attached by */
	struct agg *agg;	/* per stack id (+1: index 0 for "not captured") */
	__u64 *keys;
	struct memleak_alloc *vals;
};

/* libc's name: libc.so.6, libc-2.31.so, libc.so (musl: ld-musl-ARCH.so.1). */
static bool is_libc(const char *path)
{
	const char *b = strrchr(path, '/');

	b = b ? b + 1 : path;
	return !strncmp(b, "libc.so", 7) || (!strncmp(b, "libc-", 5) && strstr(b, ".so")) ||
	       !strncmp(b, "ld-musl-", 8);
}

/* The process's libc, and a path the kernel resolves to the same file: the
 * process's own root (another mount namespace), or its map_files link when
 * the file was replaced since it was mapped. */
static int find_libc(struct memleak *x, const struct root *r, pid_t pid, struct bpf_env_err *e)
{
	struct pid_maps maps;
	int err = proc_pid_maps_read(r, pid, true, &maps);

	if (err)
		return bpf_env_fail(e, err, "maps", "");
	err = -ENOENT;
	for (size_t i = 0; i < maps.n; i++) {
		const struct pid_map *m = &maps.v[i];

		if (!m->path[0] || !is_libc(m->path))
			continue;
		snprintf(x->libc, sizeof(x->libc), "%s", m->path);
		if (m->deleted)
			snprintf(x->path, sizeof(x->path), "/proc/%d/map_files/%lx-%lx", (int)pid,
				 (unsigned long)m->start, (unsigned long)m->end);
		else
			snprintf(x->path, sizeof(x->path), "/proc/%d/root%s", (int)pid, m->path);
		err = 0;
		break;
	}
	proc_pid_maps_free(&maps);
	if (err)
		return bpf_env_fail(e, err, "libc", "");
	return 0;
}

static int attach(struct memleak *x, struct bpf_program *prog, pid_t pid, uint64_t off, bool ret)
{
	struct bpf_uprobe_opts uo = { .sz = sizeof(uo), .retprobe = ret };
	struct bpf_link *l;

	if (x->nlinks == MAX_LINKS)
		return -E2BIG;
	l = bpf_program__attach_uprobe_opts(prog, pid, x->path, (size_t)off, &uo);
	if (!l)
		return errno ? -errno : -EINVAL;
	x->links[x->nlinks++] = l;
	return 0;
}

struct probe {
	const char *fn;
	struct bpf_program *enter, *leave;
	bool required;
};

#define NPROBES 11

/* Each function's file offset, read from libc once (libbpf's func_name
 * would read the whole file for every probe). A function at the offset of
 * one before it (memalign and aligned_alloc are one function) gets 0. */
static int offsets(const struct memleak *x, const struct probe *pr, uint64_t *offs,
		   struct bpf_env_err *e)
{
	const char *names[NPROBES];
	int fd = open(x->path, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return bpf_env_fail(e, -errno, "uprobe", x->libc);
	for (size_t i = 0; i < NPROBES; i++)
		names[i] = pr[i].fn;
	err = elf_syms_func_offsets(fd, names, NPROBES, offs);
	close(fd);
	if (err)
		return bpf_env_fail(e, err, "uprobe", x->libc);
	for (size_t i = 0; i < NPROBES; i++) {
		for (size_t k = 0; k < i && offs[i]; k++)
			if (offs[k] == offs[i])
				offs[i] = 0;
		if (!offs[i] && pr[i].required)
			return bpf_env_fail(e, -ENOENT, "uprobe", pr[i].fn);
	}
	return 0;
}

/* Returns first, then entries: a call entered after its entry probe is in
 * place always has its return probed too. */
static int attach_all(struct memleak *x, const struct memleak_opts *o, struct bpf_env_err *e)
{
	struct memleak_bpf *s = x->skel;
	const struct probe pr[NPROBES] = {
		{ "malloc", s->progs.malloc_enter, s->progs.alloc_exit, true },
		{ "calloc", s->progs.calloc_enter, s->progs.alloc_exit, true },
		{ "realloc", s->progs.realloc_enter, s->progs.alloc_exit, true },
		{ "free", s->progs.free_enter, NULL, true },
		{ "posix_memalign", s->progs.pmemalign_enter, s->progs.pmemalign_exit, false },
		{ "aligned_alloc", s->progs.memalign_enter, s->progs.alloc_exit, false },
		{ "memalign", s->progs.memalign_enter, s->progs.alloc_exit, false },
		{ "valloc", s->progs.malloc_enter, s->progs.alloc_exit, false },
		{ "pvalloc", s->progs.malloc_enter, s->progs.alloc_exit, false },
		{ "mmap", s->progs.mmap_enter, s->progs.mmap_exit, false },
		{ "munmap", s->progs.munmap_enter, NULL, false },
	};
	uint64_t offs[NPROBES] = { 0 };
	int err;

	if (offsets(x, pr, offs, e))
		return e->err;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < NPROBES; i++) {
			struct bpf_program *p = pass ? pr[i].enter : pr[i].leave;

			if (o->no_mmap && (!strcmp(pr[i].fn, "mmap") || !strcmp(pr[i].fn, "munmap")))
				continue;
			if (!p || !offs[i])
				continue;
			err = attach(x, p, o->pid, offs[i], pass == 0);
			if (err)
				return bpf_env_fail(e, err, "uprobe", pr[i].fn);
			if (pass)
				x->nprobes++;
		}
	}
	return 0;
}

int memleak_open(const struct memleak_opts *o, const struct root *r, struct memleak **out,
		 struct bpf_env_err *e)
{
	struct memleak *x = calloc(1, sizeof(*x));
	int err;

	if (!x)
		return bpf_env_fail(e, -ENOMEM, "load", "memleak");
	x->agg = calloc(MEMLEAK_MAX_STACKS + 1, sizeof(*x->agg));
	x->keys = calloc(BATCH, sizeof(*x->keys));
	x->vals = calloc(BATCH, sizeof(*x->vals));
	if (!x->agg || !x->keys || !x->vals) {
		bpf_env_fail(e, -ENOMEM, "load", "memleak");
		goto fail;
	}
	if (find_libc(x, r, o->pid, e))
		goto fail;
	x->skel = memleak_bpf__open();
	if (!x->skel) {
		bpf_env_fail(e, errno ? -errno : -ENOMEM, "load", "memleak");
		goto fail;
	}
	x->skel->rodata->targ_tgid = (__u32)o->pid;
	err = memleak_bpf__load(x->skel);
	if (err) {
		bpf_env_fail(e, err, "load", "memleak");
		goto fail;
	}
	if (attach_all(x, o, e))
		goto fail;
	*out = x;
	return 0;
fail:
	memleak_close(x);
	return e->err;
}

const char *memleak_libc(const struct memleak *x)
{
	return x->libc;
}

unsigned memleak_nprobes(const struct memleak *x)
{
	return x->nprobes;
}

static void add(struct memleak *x, const struct memleak_alloc *a, uint64_t now, uint64_t older)
{
	int32_t id = a->stack_id >= 0 && a->stack_id < MEMLEAK_MAX_STACKS ? a->stack_id : -1;
	struct agg *s = &x->agg[id + 1];
	uint64_t age = now > a->ts_ns ? now - a->ts_ns : 0;

	if (age < older)
		return;
	s->stack_id = id;
	s->bytes += a->size;
	s->allocs++;
	if (age > s->oldest_ns)
		s->oldest_ns = age;
}

/* Every outstanding allocation into x->agg: batches, else key by key. */
static int scan(struct memleak *x, uint64_t now, uint64_t older)
{
	int fd = bpf_map__fd(x->skel->maps.allocs);
	__u64 in = 0, outb = 0, key, next, *prev = NULL;
	bool first = true;
	__u32 n;
	int err;

	for (;;) {
		n = BATCH;
		err = bpf_map_lookup_batch(fd, first ? NULL : &in, &outb, x->keys, x->vals, &n, NULL);
		if (err && errno != ENOENT)
			break;
		for (__u32 i = 0; i < n; i++)
			add(x, &x->vals[i], now, older);
		if (err)
			return 0;	/* ENOENT: the end */
		in = outb;
		first = false;
	}
	if (!first || (errno != EINVAL && errno != ENOTSUP && errno != EOPNOTSUPP))
		return -errno;
	while (bpf_map_get_next_key(fd, prev, &next) == 0) {
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &x->vals[0]) == 0)
			add(x, &x->vals[0], now, older);
	}
	return 0;
}

static int by_bytes(const void *a, const void *b)
{
	const struct agg *x = a, *y = b;

	if (x->bytes != y->bytes)
		return x->bytes < y->bytes ? 1 : -1;
	return (x->stack_id > y->stack_id) - (x->stack_id < y->stack_id);
}

int memleak_read(struct memleak *x, size_t top, uint64_t older_ns, struct memleak_report *r)
{
	int sfd = bpf_map__fd(x->skel->maps.stacks);
	__u64 ips[MEMLEAK_MAX_DEPTH];
	struct timespec ts;
	size_t n = 0;
	int err;

	memset(r, 0, sizeof(*r));
	memset(x->agg, 0, (MEMLEAK_MAX_STACKS + 1) * sizeof(*x->agg));
	clock_gettime(CLOCK_MONOTONIC, &ts);
	err = scan(x, (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec, older_ns);
	if (err)
		return err;
	for (uint32_t i = 0; i < ML_NCOUNTERS; i++)
		r->lost[i] = bpf_env_percpu_sum(x->skel->maps.counters, i);
	/* compact the stacks holding something, then sort */
	for (size_t i = 0; i <= MEMLEAK_MAX_STACKS; i++) {
		if (!x->agg[i].allocs)
			continue;
		r->bytes += x->agg[i].bytes;
		r->allocs += x->agg[i].allocs;
		x->agg[n++] = x->agg[i];
	}
	r->nstacks = n;
	qsort(x->agg, n, sizeof(*x->agg), by_bytes);
	r->ntop = n < top ? n : top;
	if (!r->ntop)
		return 0;
	r->top = calloc(r->ntop, sizeof(*r->top));
	if (!r->top)
		return -ENOMEM;
	for (size_t i = 0; i < r->ntop; i++) {
		struct memleak_stack *s = &r->top[i];
		__s32 id = x->agg[i].stack_id;

		s->stack_id = id;
		s->bytes = x->agg[i].bytes;
		s->allocs = x->agg[i].allocs;
		s->oldest_ns = x->agg[i].oldest_ns;
		s->nframes = -1;
		if (id < 0 || bpf_map_lookup_elem(sfd, &id, ips))
			continue;
		s->nframes = 0;
		while (s->nframes < MEMLEAK_MAX_DEPTH && ips[s->nframes]) {
			s->frames[s->nframes] = ips[s->nframes];
			s->nframes++;
		}
	}
	return 0;
}

void memleak_report_free(struct memleak_report *r)
{
	free(r->top);
	r->top = NULL;
	r->ntop = 0;
}

void memleak_close(struct memleak *x)
{
	if (!x)
		return;
	while (x->nlinks)
		bpf_link__destroy(x->links[--x->nlinks]);
	memleak_bpf__destroy(x->skel);
	free(x->agg);
	free(x->keys);
	free(x->vals);
	free(x);
}
