/* triage cachestat [interval [count]]: page-cache hits, misses and dirtied
 * pages every interval, counted in the kernel from the filemap and writeback
 * tracepoints (bpf/cachestat.bpf.c), with Buffers and Cached of
 * /proc/meminfo as bcc's cachestat prints them. */
#include "cmd/cachestat_sys.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bpf/cachestat_api.h"
#include "core/err.h"
#include "sources/proc_meminfo.h"
#include "sources/proc_vmstat.h"
#include "views/cachestat_sys.h"

void cachestat_sys_help(void)
{
	puts("       triage cachestat [--json] [-T] [-p PID] [-d SECONDS] [-v] [interval [count]]\n"
	     "Without a FILE (no argument, or a number first: name a file \"5\" as ./5):\n"
	     "page-cache use every interval (default 1 s), system-wide or of one process,\n"
	     "as bcc's cachestat, from tracepoints (bcc's kprobes are not needed):\n"
	     "  accesses = pages read(2)/splice asked for (filemap:mm_filemap_get_pages,\n"
	     "             each read counted once, cut at the file's end)\n"
	     "           + file page faults that look the page up (filemap:mm_filemap_fault)\n"
	     "           + read faults served from the cache by fault-around\n"
	     "             (filemap:mm_filemap_map_pages; one each, not its window)\n"
	     "  MISSES   = pages added to the cache (filemap:mm_filemap_add_to_page_cache,\n"
	     "             readahead's included) less those a write added and dirtied next\n"
	     "  HITS     = accesses - MISSES (0 when fewer); HITRATIO = HITS/(HITS+MISSES)\n"
	     "  DIRTIES  = pages dirtied (writeback:writeback_dirty_folio; /proc/vmstat's\n"
	     "             nr_dirtied counts the same)\n"
	     "  BUFFERS_MB, CACHED_MB: Buffers and Cached of /proc/meminfo (system-wide).\n"
	     "Not seen: reads of pages already mapped (mmap'd memory touched without a\n"
	     "fault, the pages fault-around mapped ahead), writes' lookups of cached\n"
	     "pages (no tracepoint: neither hits nor misses), tmpfs/shmem pages; -p sees\n"
	     "the process's own reads and writes (readahead included), not writeback.\n"
	     "--json adds the counters (\"pages\") and the interval's /proc/vmstat\n"
	     "deltas (pgpgin_kb, nr_dirtied, workingset_refault_file).\n"
	     "  -p, --pid PID        only this process (filtered in the kernel)\n"
	     "  -d, --duration S     stop after S seconds\n"
	     "  -T, --timestamp      a TIME column\n"
	     "  -v, --verbose        libbpf's messages\n"
	     "  --json               one JSON object per interval (JSON Lines)\n"
	     "Needs root and a kernel with BTF.");
}

struct cs_run {
	struct bpf_cmd *bc;
	const struct cachestat_sys_opts *o;
	struct cachestat_sys *x;
	uint64_t prev[CS__COUNT];
	struct proc_vmstat vm;
	bool have_vm;
	struct timespec t;
};

static double now_since(struct timespec *t)
{
	struct timespec n;
	double d;

	clock_gettime(CLOCK_MONOTONIC, &n);
	d = (double)(n.tv_sec - t->tv_sec) + (double)(n.tv_nsec - t->tv_nsec) / 1e9;
	*t = n;
	return d;
}

static long long vm_delta(const struct proc_vmstat *a, const struct proc_vmstat *b,
			  enum proc_vmstat_field f)
{
	if (!proc_vmstat_has(a, f) || !proc_vmstat_has(b, f) || b->v[f] < a->v[f])
		return -1;
	return (long long)(b->v[f] - a->v[f]);
}

static void host(struct cs_run *c, struct cachestat_sys_row *r)
{
	const struct root *root = sampler_root(&c->bc->smp);
	struct proc_meminfo mi;
	struct proc_vmstat vm;
	bool have = !proc_vmstat_read(root, &vm);

	r->buffers_kb = r->cached_kb = r->pgpgin_kb = r->nr_dirtied = r->refault_file = -1;
	if (!proc_meminfo_read(root, &mi)) {
		if (proc_meminfo_has(&mi, MI_BUFFERS))
			r->buffers_kb = (long long)mi.v[MI_BUFFERS];
		if (proc_meminfo_has(&mi, MI_CACHED))
			r->cached_kb = (long long)mi.v[MI_CACHED];
	}
	if (have && c->have_vm) {
		r->pgpgin_kb = vm_delta(&c->vm, &vm, VM_PGPGIN);
		r->nr_dirtied = vm_delta(&c->vm, &vm, VM_NR_DIRTIED);
		r->refault_file = vm_delta(&c->vm, &vm, VM_WORKINGSET_REFAULT_FILE);
	}
	c->vm = vm;
	c->have_vm = have;
}

static int report(void *ctx)
{
	struct cs_run *c = ctx;
	struct cachestat_sys_row r;
	uint64_t v[CS__COUNT];

	memset(&r, 0, sizeof(r));
	cachestat_sys_read(c->x, v);
	r.secs = now_since(&c->t);
	for (int i = 0; i < CS__COUNT; i++)
		r.ctr[i] = v[i] - c->prev[i];
	memcpy(c->prev, v, sizeof(v));
	host(c, &r);
	cachestat_sys_compute(&r);
	if (c->bc->co.json)
		cachestat_sys_json(stdout, &r, (int)c->o->pid);
	else
		cachestat_sys_print(stdout, &r, c->o->timestamp);
	return 0;
}

int cachestat_sys_run(struct bpf_cmd *bc, const struct cachestat_sys_opts *o, int argc,
		      char **argv, int first)
{
	struct bpf_env_err e = { 0 };
	struct cs_run c = { .bc = bc, .o = o };
	double interval;
	long count;
	int rc;

	if (opt_interval_count(bc->name, argc, argv, &first, &interval, &count, -1))
		return EXIT_USAGE;
	if (interval <= 0)
		interval = 1;
	rc = bpf_cmd_start(bc);
	if (rc)
		return rc;
	if (cachestat_sys_open(o->pid, &c.x, &e))
		return bpf_cmd_fail(bc, &e);
	cachestat_sys_read(c.x, c.prev);
	c.have_vm = !proc_vmstat_read(sampler_root(&bc->smp), &c.vm);
	now_since(&c.t);
	bpf_cmd_ready(bc, "page-cache accesses, additions and dirtyings");
	if (!bc->co.json)
		cachestat_sys_header(stdout, o->timestamp);
	rc = bpf_cmd_interval_loop(bc, report, &c, interval, count, o->duration);
	cachestat_sys_close(c.x);
	return rc;
}
