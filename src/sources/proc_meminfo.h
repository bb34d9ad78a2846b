/* /proc/meminfo: memory counters, "Name:   value kB" one per line
 * (Documentation/filesystems/proc.rst "meminfo"; fs/proc/meminfo.c).
 *
 * Values are in kB (KiB) except HugePages_Total/Free/Rsvd/Surp, which are
 * page counts. A field the kernel does not print (MemAvailable before 3.14,
 * SReclaimable before 2.6.19, KReclaimable before 4.20, Zswap before 5.19
 * ...) is absent: proc_meminfo_has() says so and its value reads 0. Lines this
 * reader does not know are skipped.
 *
 * Usage:
 *	struct proc_meminfo mi;
 *	err = proc_meminfo_read(root, &mi);
 *	if (proc_meminfo_has(&mi, MI_MEM_AVAILABLE)) avail = mi.v[MI_MEM_AVAILABLE];
 */
#ifndef TRIAGE_SOURCES_PROC_MEMINFO_H
#define TRIAGE_SOURCES_PROC_MEMINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

enum proc_meminfo_field {
	MI_MEM_TOTAL,		/* MemTotal: usable RAM */
	MI_MEM_FREE,		/* MemFree: unused RAM */
	MI_MEM_AVAILABLE,	/* MemAvailable: estimate of RAM available without swapping (3.14) */
	MI_BUFFERS,		/* Buffers: block-device page cache */
	MI_CACHED,		/* Cached: page cache, without swap cache */
	MI_SWAP_CACHED,		/* SwapCached: swapped out, back in, still in swap */
	MI_ACTIVE,		/* Active: recently used */
	MI_INACTIVE,		/* Inactive: reclaim candidates */
	MI_ACTIVE_ANON,		/* Active(anon) (2.6.28) */
	MI_INACTIVE_ANON,	/* Inactive(anon) (2.6.28) */
	MI_ACTIVE_FILE,		/* Active(file) (2.6.28) */
	MI_INACTIVE_FILE,	/* Inactive(file) (2.6.28) */
	MI_UNEVICTABLE,		/* Unevictable (2.6.28) */
	MI_MLOCKED,		/* Mlocked (2.6.28) */
	MI_HIGH_TOTAL,		/* HighTotal (32-bit highmem kernels) */
	MI_HIGH_FREE,		/* HighFree */
	MI_LOW_TOTAL,		/* LowTotal */
	MI_LOW_FREE,		/* LowFree */
	MI_SWAP_TOTAL,		/* SwapTotal */
	MI_SWAP_FREE,		/* SwapFree */
	MI_ZSWAP,		/* Zswap: compressed pool size (5.19) */
	MI_ZSWAPPED,		/* Zswapped: pages stored there, uncompressed size (5.19) */
	MI_DIRTY,		/* Dirty: waiting to be written back */
	MI_WRITEBACK,		/* Writeback: being written back */
	MI_ANON_PAGES,		/* AnonPages: anonymous pages mapped in user space */
	MI_MAPPED,		/* Mapped: files mmapped */
	MI_SHMEM,		/* Shmem: shared memory and tmpfs (2.6.32) */
	MI_KRECLAIMABLE,	/* KReclaimable: reclaimable kernel memory (4.20) */
	MI_SLAB,		/* Slab: kernel slab caches */
	MI_SRECLAIMABLE,	/* SReclaimable: reclaimable part of Slab (2.6.19) */
	MI_SUNRECLAIM,		/* SUnreclaim: the rest of Slab (2.6.19) */
	MI_KERNEL_STACK,	/* KernelStack */
	MI_PAGE_TABLES,		/* PageTables */
	MI_NFS_UNSTABLE,	/* NFS_Unstable (0 since 5.8) */
	MI_BOUNCE,		/* Bounce */
	MI_WRITEBACK_TMP,	/* WritebackTmp: FUSE */
	MI_COMMIT_LIMIT,	/* CommitLimit: overcommit limit (mode 2) */
	MI_COMMITTED_AS,	/* Committed_AS: memory promised to processes */
	MI_VMALLOC_TOTAL,	/* VmallocTotal */
	MI_VMALLOC_USED,	/* VmallocUsed */
	MI_PERCPU,		/* Percpu (4.1) */
	MI_HARDWARE_CORRUPTED,	/* HardwareCorrupted: poisoned pages */
	MI_ANON_HUGE_PAGES,	/* AnonHugePages: THP in anonymous mappings */
	MI_SHMEM_HUGE_PAGES,	/* ShmemHugePages */
	MI_FILE_HUGE_PAGES,	/* FileHugePages */
	MI_HUGEPAGES_TOTAL,	/* HugePages_Total: pool size, in PAGES */
	MI_HUGEPAGES_FREE,	/* HugePages_Free: in PAGES */
	MI_HUGEPAGES_RSVD,	/* HugePages_Rsvd: in PAGES */
	MI_HUGEPAGES_SURP,	/* HugePages_Surp: in PAGES */
	MI_HUGEPAGESIZE,	/* Hugepagesize: default huge page size */
	MI_HUGETLB,		/* Hugetlb: all huge page pools, kB (4.16) */
	MI__COUNT
};

struct proc_meminfo {
	uint64_t v[MI__COUNT];		/* kB (pages for HugePages_*) */
	uint64_t have;			/* bit f set: field f was present */
	int bad_line;			/* after -EINVAL from proc_meminfo_read: the line, 0 unknown */
};
_Static_assert(MI__COUNT <= 64, "have is a 64-bit mask");

static inline bool proc_meminfo_has(const struct proc_meminfo *mi, enum proc_meminfo_field f)
{
	return (mi->have >> f) & 1;
}

/* The kernel's name of a field ("MemTotal"), for messages and JSON. */
const char *proc_meminfo_name(enum proc_meminfo_field f);

/* Parse the text (len bytes). Returns 0, or -EINVAL with *lineno set (when
 * not NULL) for a known field whose value is not a number, or when there is
 * no MemTotal. */
int proc_meminfo_parse(const char *buf, size_t len, struct proc_meminfo *mi, int *lineno);

/* Read proc/meminfo under root. Returns 0 or -errno. */
int proc_meminfo_read(const struct root *r, struct proc_meminfo *mi);

#endif
