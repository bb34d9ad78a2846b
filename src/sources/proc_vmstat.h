/* /proc/vmstat: virtual-memory event counters and page counts, "name value"
 * one per line (mm/vmstat.c vmstat_text[]; Documentation/admin-guide/mm/).
 *
 * Event counters count since boot; pgpgin/pgpgout are in kB (the kernel
 * counts 512-byte sectors and halves them: mm/page_io.c, block/blk-core.c
 * count_vm_events(PGPGIN, count) then vmstat shows /2 ... procps and sysstat
 * use the value as kB), pswpin/pswpout in pages. The nr_* lines are current
 * page counts, not events.
 *
 * Besides the named fields, the reader keeps the sums sar -B uses (sysstat
 * rd_stats.c read_vmstat_paging()):
 *   pgsteal       every line starting "pgsteal_"  (on kernels >= 5.8 this
 *                 includes pgsteal_anon and pgsteal_file, which repeat
 *                 pgsteal_kswapd + pgsteal_direct: sar double-counts, and so
 *                 do we, to print its numbers);
 *   pgscan_kswapd every line starting "pgscan_kswapd" (per-zone lines on
 *                 kernels < 4.8: pgscan_kswapd_normal ...);
 *   pgscan_direct every line starting "pgscan_direct" (this includes
 *                 pgscan_direct_throttle, as sar does);
 * and allocstall = every "allocstall" / "allocstall_*" line (4.8 split it per
 * zone), pgalloc = every "pgalloc_*" line.
 *
 * Usage:
 *	struct proc_vmstat vm;
 *	err = proc_vmstat_read(root, &vm);
 *	if (proc_vmstat_has(&vm, VM_PSWPIN)) ... vm.v[VM_PSWPIN] ...
 */
#ifndef TRIAGE_SOURCES_PROC_VMSTAT_H
#define TRIAGE_SOURCES_PROC_VMSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

enum proc_vmstat_field {
	VM_NR_FREE_PAGES,	/* nr_free_pages: free pages now */
	VM_NR_DIRTY,		/* nr_dirty: dirty pages now */
	VM_NR_WRITEBACK,	/* nr_writeback: pages under writeback now */
	VM_PGPGIN,		/* pgpgin: kB read from block devices */
	VM_PGPGOUT,		/* pgpgout: kB written to block devices */
	VM_PSWPIN,		/* pswpin: pages swapped in */
	VM_PSWPOUT,		/* pswpout: pages swapped out */
	VM_PGFAULT,		/* pgfault: page faults, minor + major */
	VM_PGMAJFAULT,		/* pgmajfault: major faults (needed I/O) */
	VM_PGFREE,		/* pgfree: pages freed */
	VM_PGACTIVATE,		/* pgactivate */
	VM_PGDEACTIVATE,	/* pgdeactivate */
	VM_PGSTEAL_KSWAPD,	/* pgsteal_kswapd: reclaimed by kswapd (4.8) */
	VM_PGSTEAL_DIRECT,	/* pgsteal_direct: reclaimed in direct reclaim (4.8) */
	VM_PGSCAN_KSWAPD_EXACT,	/* pgscan_kswapd: the line itself (4.8) */
	VM_PGSCAN_DIRECT_EXACT,	/* pgscan_direct: the line itself (4.8) */
	VM_OOM_KILL,		/* oom_kill: OOM-killer kills (4.13) */
	VM_COMPACT_STALL,	/* compact_stall: direct compaction stalls */
	VM_WORKINGSET_REFAULT,	/* workingset_refault (split anon/file in 5.9: then absent) */
	VM_THP_FAULT_ALLOC,	/* thp_fault_alloc */
	VM_PGMIGRATE_SUCCESS,	/* pgmigrate_success */
	VM_NR_DIRTY_THRESHOLD,	/* nr_dirty_threshold: pages, the kernel's dirty limit now (2.6.37) */
	VM_NR_DIRTY_BG_THRESHOLD,	/* nr_dirty_background_threshold: pages, where writeback starts */
	VM_NR_DIRTIED,		/* nr_dirtied: pages dirtied since boot (an event counter, 2.6.37) */
	VM_WORKINGSET_REFAULT_FILE,	/* workingset_refault_file: file pages read back soon after eviction (5.9) */
	VM__COUNT
};

struct proc_vmstat {
	uint64_t v[VM__COUNT];
	uint64_t have;		/* bit f set: field f was present */
	/* sums, see above; valid when have_sums says a line of the kind was seen */
	uint64_t pgsteal;	/* sar pgsteal: sum of pgsteal_* */
	uint64_t pgscan_kswapd;	/* sar pgscank: sum of pgscan_kswapd* */
	uint64_t pgscan_direct;	/* sar pgscand: sum of pgscan_direct* */
	uint64_t allocstall;	/* sum of allocstall, allocstall_* */
	uint64_t pgalloc;	/* sum of pgalloc_* */
	unsigned have_sums;	/* PROC_VMSTAT_SUM_* */
	int bad_line;		/* after -EINVAL from proc_vmstat_read: the line, 0 unknown */
};
_Static_assert(VM__COUNT <= 64, "have is a 64-bit mask");

enum {
	PROC_VMSTAT_SUM_PGSTEAL = 1u << 0,
	PROC_VMSTAT_SUM_PGSCAN_KSWAPD = 1u << 1,
	PROC_VMSTAT_SUM_PGSCAN_DIRECT = 1u << 2,
	PROC_VMSTAT_SUM_ALLOCSTALL = 1u << 3,
	PROC_VMSTAT_SUM_PGALLOC = 1u << 4,
};

static inline bool proc_vmstat_has(const struct proc_vmstat *vm, enum proc_vmstat_field f)
{
	return (vm->have >> f) & 1;
}

/* The kernel's name of a field ("pgpgin"). */
const char *proc_vmstat_name(enum proc_vmstat_field f);

/* Parse the text (len bytes). Returns 0, or -EINVAL with *lineno (when not
 * NULL) for a line without a number. Unknown lines count only in the sums. */
int proc_vmstat_parse(const char *buf, size_t len, struct proc_vmstat *vm, int *lineno);

/* Read proc/vmstat under root (about 10 kB on 6.x kernels). 0 or -errno. */
int proc_vmstat_read(const struct root *r, struct proc_vmstat *vm);

#endif
