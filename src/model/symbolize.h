/* Addresses of a perf sample to frame names, without external tools.
 *
 * User frames: the process's executable mappings (/proc/PID/maps when first
 * seen, MMAP/MMAP2 records after), each backed by an object whose ELF symbols
 * are loaded once (cache keyed by device, inode and path). The object file
 * is opened by its path when it is still the same inode, else through
 * /proc/PID/map_files/START-END (a deleted or replaced file), else
 * /proc/PID/root/PATH (another mount namespace). Kernel frames: kallsyms.
 * JIT frames (anonymous executable memory): /tmp/perf-PID.map.
 *
 * Frame names, as in the folded format of flamegraph.pl:
 *   func                user symbol
 *   object+0x1a2b       user address without a symbol (stripped object: the
 *                       object's own vaddr, as nm prints; no ELF: file offset)
 *   func_[j]            JIT symbol;  [anon]+0x7f12...  JIT without a map
 *   func_[k]            kernel symbol;  [kernel]+0xffff..._[k]  without one
 *   [unknown]+0x...     an address in no known mapping
 * Nothing is dropped: every address gets a name. */
#ifndef TRIAGE_MODEL_SYMBOLIZE_H
#define TRIAGE_MODEL_SYMBOLIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/root.h"
#include "sources/perf_record.h"

struct symbolizer;

struct symbolizer_stats {
	unsigned objects;		/* objects opened */
	unsigned objects_no_elf;	/* could not be read: object+offset frames */
	unsigned objects_stripped;	/* no function symbols */
	bool kernel_restricted;		/* kallsyms unreadable or addresses hidden */
};

struct symbolizer *symbolizer_new(const struct root *r);
void symbolizer_free(struct symbolizer *s);

/* An MMAP/MMAP2 record: a new mapping of pid (executable ones are kept). */
void symbolizer_mmap(struct symbolizer *s, const struct perf_mmap_rec *m);

/* A COMM record: thread tid of pid is now called comm. */
void symbolizer_comm(struct symbolizer *s, pid_t pid, pid_t tid, const char *comm);

/* A sample of pid/tid arrived: read what may be gone at the end of the
 * capture (the maps, the thread name; objects whose file was deleted are
 * loaded now). Cheap after the first call for a PID. */
void symbolizer_prepare(struct symbolizer *s, pid_t pid, pid_t tid);

/* The name of thread tid (read from /proc on first use; "[unknown]" when it
 * left before). */
const char *symbolizer_thread_name(struct symbolizer *s, pid_t pid, pid_t tid);

/* Name of one frame into out. return_addr: the address is a return address
 * (not the sampled IP), looked up as addr - 1 so that a call at the very end
 * of a function is not attributed to the next one. Returns the length. */
size_t symbolizer_frame(struct symbolizer *s, pid_t pid, uint64_t addr, enum perf_ctx ctx,
			bool return_addr, char *out, size_t size);

void symbolizer_get_stats(const struct symbolizer *s, struct symbolizer_stats *st);

#endif
