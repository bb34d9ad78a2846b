#include "model/symbolize.h"

#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sources/elf_syms.h"
#include "sources/kallsyms.h"
#include "sources/perf_map.h"
#include "sources/proc_pid_maps.h"
#include "sources/proc_pid.h"

#define NBUCKETS 1024
#define KERNEL_START 0xffff800000000000ull	/* x86-64 and arm64 kernel half */

struct obj {
	struct obj *next;
	char *path;
	const char *base;	/* last path component */
	uint64_t ino;
	int state;		/* 0 not tried, 1 ELF loaded, -1 no ELF */
	struct elf_syms es;
};

struct vma {
	uint64_t start, end, pgoff;
	struct obj *obj;	/* NULL: anonymous or pseudo ([vdso]) */
	const char *pseudo;	/* "[vdso]" ..., or NULL */
};

struct proc {
	struct proc *next;
	pid_t pid;
	struct vma *v;
	size_t n, cap;
	bool maps_read;
	bool jit_tried;		/* read once when first seen */
	bool jit_reloaded;	/* ... and once more on a miss */
	struct symtab jit;
};

struct thr {
	struct thr *next;
	pid_t tid;
	char comm[PROC_PID_COMM_MAX];
};

struct symbolizer {
	const struct root *r;
	struct proc *procs[NBUCKETS];
	struct thr *thrs[NBUCKETS];
	struct obj *objs[NBUCKETS];
	struct symtab ksyms;
	int kstate;
	struct symbolizer_stats st;
};

static unsigned hash_str(const char *s, uint64_t ino)
{
	uint64_t h = 1469598103934665603ull ^ ino;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return (unsigned)(h % NBUCKETS);
}

struct symbolizer *symbolizer_new(const struct root *r)
{
	struct symbolizer *s = calloc(1, sizeof(*s));

	if (s) {
		s->r = r;
		symtab_init(&s->ksyms);
	}
	return s;
}

void symbolizer_free(struct symbolizer *s)
{
	if (!s)
		return;
	for (int i = 0; i < NBUCKETS; i++) {
		for (struct proc *p = s->procs[i], *n; p; p = n) {
			n = p->next;
			free(p->v);
			symtab_free(&p->jit);
			free(p);
		}
		for (struct thr *t = s->thrs[i], *n; t; t = n) {
			n = t->next;
			free(t);
		}
		for (struct obj *o = s->objs[i], *n; o; o = n) {
			n = o->next;
			if (o->state == 1)
				elf_syms_free(&o->es);
			free(o->path);
			free(o);
		}
	}
	symtab_free(&s->ksyms);
	free(s);
}

static struct proc *get_proc(struct symbolizer *s, pid_t pid)
{
	unsigned h = (unsigned)pid % NBUCKETS;
	struct proc *p;

	for (p = s->procs[h]; p; p = p->next)
		if (p->pid == pid)
			return p;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->pid = pid;
	symtab_init(&p->jit);
	p->next = s->procs[h];
	s->procs[h] = p;
	return p;
}

static struct obj *get_obj(struct symbolizer *s, const char *path, uint64_t ino)
{
	unsigned h = hash_str(path, ino);
	struct obj *o;
	const char *slash;

	for (o = s->objs[h]; o; o = o->next)
		if (o->ino == ino && !strcmp(o->path, path))
			return o;
	o = calloc(1, sizeof(*o));
	if (!o || !(o->path = strdup(path))) {
		free(o);
		return NULL;
	}
	slash = strrchr(o->path, '/');
	o->base = slash && slash[1] ? slash + 1 : o->path;
	o->ino = ino;
	o->next = s->objs[h];
	s->objs[h] = o;
	return o;
}

/* Pseudo and anonymous mappings have no file: "", "//anon", "[heap]",
 * "[anon:name]", "[vdso]"... */
static bool no_file(const char *path)
{
	return !*path || path[0] == '[' || !strncmp(path, "//anon", 6);
}

/* Insert [start, end) replacing whatever it overlaps (a new mmap wins). */
static void vma_insert(struct symbolizer *s, struct proc *p, uint64_t start, uint64_t end,
		       uint64_t pgoff, const char *path, uint64_t ino, bool replace)
{
	struct vma v = { start, end, pgoff, NULL, NULL };
	size_t i, o = 0;

	for (i = 0; i < p->n; i++)
		if (p->v[i].start < end && start < p->v[i].end && !replace)
			return;		/* known from a record: keep it */
	if (no_file(path))
		v.pseudo = !strcmp(path, "[vdso]") ? "[vdso]" : !strcmp(path, "[vsyscall]") ? "[vsyscall]" : NULL;
	else if (!(v.obj = get_obj(s, path, ino)))
		return;
	for (i = 0; i < p->n; i++)
		if (!(p->v[i].start < end && start < p->v[i].end))
			p->v[o++] = p->v[i];
	p->n = o;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct vma *nv = realloc(p->v, cap * sizeof(*nv));

		if (!nv)
			return;
		p->v = nv;
		p->cap = cap;
	}
	for (i = p->n; i > 0 && p->v[i - 1].start > start; i--)
		p->v[i] = p->v[i - 1];
	p->v[i] = v;
	p->n++;
}

void symbolizer_mmap(struct symbolizer *s, const struct perf_mmap_rec *m)
{
	struct proc *p;

	if (!m->exec || m->pid == (uint32_t)-1)	/* kernel modules: kallsyms has them */
		return;
	p = get_proc(s, (pid_t)m->pid);
	if (p)
		vma_insert(s, p, m->addr, m->addr + m->len, m->pgoff, m->filename, m->ino, true);
}

static void load_obj(struct symbolizer *s, pid_t pid, const struct vma *v);
static void jit_load(struct symbolizer *s, struct proc *p);
static const struct vma *find_vma(const struct proc *p, uint64_t addr);

static void read_maps(struct symbolizer *s, struct proc *p)
{
	struct pid_maps maps;

	p->maps_read = true;
	if (proc_pid_maps_read(s->r, p->pid, true, &maps))
		return;		/* gone: only its MMAP records are known */
	for (size_t i = 0; i < maps.n; i++) {
		const struct pid_map *m = &maps.v[i];
		const struct vma *v;

		vma_insert(s, p, m->start, m->end, m->pgoff, m->path, m->ino, false);
		/* A deleted file is only reachable while the process lives. */
		if (m->deleted && (v = find_vma(p, m->start)) && v->obj && v->obj->state == 0)
			load_obj(s, p->pid, v);
	}
	proc_pid_maps_free(&maps);
}

static struct thr *get_thr(struct symbolizer *s, pid_t tid, bool create)
{
	unsigned h = (unsigned)tid % NBUCKETS;
	struct thr *t;

	for (t = s->thrs[h]; t; t = t->next)
		if (t->tid == tid)
			return t;
	if (!create || !(t = calloc(1, sizeof(*t))))
		return NULL;
	t->tid = tid;
	t->next = s->thrs[h];
	s->thrs[h] = t;
	return t;
}

void symbolizer_comm(struct symbolizer *s, pid_t pid, pid_t tid, const char *comm)
{
	struct thr *t = get_thr(s, tid, true);

	(void)pid;
	if (t)
		snprintf(t->comm, sizeof(t->comm), "%s", comm);
}

void symbolizer_prepare(struct symbolizer *s, pid_t pid, pid_t tid)
{
	struct proc *p = get_proc(s, pid);

	if (p && !p->maps_read && pid > 0) {
		read_maps(s, p);
		jit_load(s, p);
	}
	symbolizer_thread_name(s, pid, tid);
}

const char *symbolizer_thread_name(struct symbolizer *s, pid_t pid, pid_t tid)
{
	struct thr *t = get_thr(s, tid, false);
	struct proc_pid_stat st;

	if (t)
		return t->comm;
	if (!(t = get_thr(s, tid, true)))
		return "[unknown]";
	if (tid == 0)
		snprintf(t->comm, sizeof(t->comm), "swapper");
	else if (proc_pid_stat_read(s->r, pid, tid, &st) == 0)
		snprintf(t->comm, sizeof(t->comm), "%s", st.comm);
	else
		snprintf(t->comm, sizeof(t->comm), "[unknown]");
	return t->comm;
}

/* Open the object behind vma v of process pid (see the header). */
static int open_obj(struct symbolizer *s, pid_t pid, const struct vma *v)
{
	char rel[4200];
	struct stat st;
	int fd;

	fd = root_openat(s->r, ROOT_TOP, v->obj->path, O_RDONLY);
	if (fd >= 0 && (!v->obj->ino || (fstat(fd, &st) == 0 && st.st_ino == v->obj->ino)))
		return fd;
	if (fd >= 0)
		close(fd);	/* replaced since it was mapped */
	snprintf(rel, sizeof(rel), "%d/map_files/%" PRIx64 "-%" PRIx64, (int)pid,
		 v->start, v->end);
	fd = root_openat(s->r, ROOT_PROC, rel, O_RDONLY);
	if (fd >= 0)
		return fd;
	snprintf(rel, sizeof(rel), "%d/root/%s", (int)pid, v->obj->path);
	return root_openat(s->r, ROOT_PROC, rel, O_RDONLY);
}

static void load_obj(struct symbolizer *s, pid_t pid, const struct vma *v)
{
	struct obj *o = v->obj;
	int fd = open_obj(s, pid, v);
	char dbg[256];

	s->st.objects++;
	o->state = -1;
	if (fd >= 0) {
		if (elf_syms_load_fd(&o->es, fd) == 0)
			o->state = 1;
		close(fd);
	}
	/* No .symtab: its debug file, when a debug package is installed. */
	if (o->state == 1 && !o->es.has_symtab && elf_syms_debug_path(&o->es, dbg, sizeof(dbg)) == 0 &&
	    (fd = root_openat(s->r, ROOT_TOP, dbg, O_RDONLY)) >= 0) {
		elf_syms_merge_fd(&o->es, fd);
		close(fd);
	}
	if (o->state < 0)
		s->st.objects_no_elf++;
	else if (o->es.stripped)
		s->st.objects_stripped++;
}

static const struct vma *find_vma(const struct proc *p, uint64_t addr)
{
	size_t lo = 0, hi = p->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->v[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && addr < p->v[lo - 1].end ? &p->v[lo - 1] : NULL;
}

/* JIT maps grow as code is compiled, and some runtimes remove them at exit:
 * read at first sight of the process (symbolizer_prepare), read again once
 * when an address is not in the copy we have. */
static void jit_load(struct symbolizer *s, struct proc *p)
{
	struct symtab t;

	p->jit_tried = true;
	if (perf_map_read(s->r, p->pid, &t) == 0) {
		symtab_free(&p->jit);
		p->jit = t;
	}
}

static size_t jit_frame(struct symbolizer *s, struct proc *p, uint64_t addr, char *out, size_t size)
{
	const struct sym *sym = p->jit_tried ? symtab_find(&p->jit, addr) : NULL;

	if (!sym && !p->jit_reloaded) {
		p->jit_reloaded = p->jit_tried;
		jit_load(s, p);
		sym = symtab_find(&p->jit, addr);
	}
	if (sym)
		return (size_t)snprintf(out, size, "%s_[j]", symtab_name(&p->jit, sym));
	return 0;
}

static size_t user_frame(struct symbolizer *s, pid_t pid, uint64_t addr, uint64_t look,
			 char *out, size_t size)
{
	struct proc *p = get_proc(s, pid);
	const struct vma *v;
	const struct sym *sym;
	uint64_t off, vaddr;
	size_t n;

	if (!p)
		return (size_t)snprintf(out, size, "[unknown]+0x%" PRIx64, addr);
	if (!p->maps_read)
		read_maps(s, p);
	v = find_vma(p, addr);
	if (!v || !v->obj) {
		if ((n = jit_frame(s, p, look, out, size)))
			return n;
		if (v && v->pseudo)
			return (size_t)snprintf(out, size, "%s+0x%" PRIx64, v->pseudo,
						addr - v->start);
		return (size_t)snprintf(out, size, "%s+0x%" PRIx64, v ? "[anon]" : "[unknown]",
					addr);
	}
	if (v->obj->state == 0)
		load_obj(s, pid, v);
	off = look - v->start + v->pgoff;
	if (v->obj->state < 0)
		return (size_t)snprintf(out, size, "%s+0x%" PRIx64, v->obj->base, addr - v->start + v->pgoff);
	elf_syms_vaddr(v->obj->es.segs, v->obj->es.nsegs, off, &vaddr);
	if ((sym = symtab_find(&v->obj->es.syms, vaddr)))
		return (size_t)snprintf(out, size, "%s", symtab_name(&v->obj->es.syms, sym));
	elf_syms_vaddr(v->obj->es.segs, v->obj->es.nsegs, addr - v->start + v->pgoff, &vaddr);
	return (size_t)snprintf(out, size, "%s+0x%" PRIx64, v->obj->base, vaddr);
}

static size_t kernel_frame(struct symbolizer *s, uint64_t addr, uint64_t look, char *out, size_t size)
{
	const struct sym *sym;

	if (s->kstate == 0) {
		s->kstate = kallsyms_read(s->r, &s->ksyms) == 0 && s->ksyms.n ? 1 : -1;
		s->st.kernel_restricted = s->kstate < 0;
	}
	if (s->kstate == 1 && (sym = symtab_find(&s->ksyms, look)))
		return (size_t)snprintf(out, size, "%s_[k]", symtab_name(&s->ksyms, sym));
	return (size_t)snprintf(out, size, "[kernel]+0x%" PRIx64 "_[k]", addr);
}

size_t symbolizer_frame(struct symbolizer *s, pid_t pid, uint64_t addr, enum perf_ctx ctx,
			bool return_addr, char *out, size_t size)
{
	uint64_t look = return_addr && addr ? addr - 1 : addr;
	size_t n;

	if (ctx == PCTX_KERNEL || (ctx == PCTX_NONE && addr >= KERNEL_START))
		n = kernel_frame(s, addr, look, out, size);
	else
		n = user_frame(s, pid, addr, look, out, size);
	return n < size ? n : size - 1;
}

void symbolizer_get_stats(const struct symbolizer *s, struct symbolizer_stats *st)
{
	*st = s->st;
}
