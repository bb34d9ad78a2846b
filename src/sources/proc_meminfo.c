#include "sources/proc_meminfo.h"

#include <errno.h>
#include <string.h>

#include "sources/tok.h"

static const char *const names[MI__COUNT] = {
	[MI_MEM_TOTAL] = "MemTotal",
	[MI_MEM_FREE] = "MemFree",
	[MI_MEM_AVAILABLE] = "MemAvailable",
	[MI_BUFFERS] = "Buffers",
	[MI_CACHED] = "Cached",
	[MI_SWAP_CACHED] = "SwapCached",
	[MI_ACTIVE] = "Active",
	[MI_INACTIVE] = "Inactive",
	[MI_ACTIVE_ANON] = "Active(anon)",
	[MI_INACTIVE_ANON] = "Inactive(anon)",
	[MI_ACTIVE_FILE] = "Active(file)",
	[MI_INACTIVE_FILE] = "Inactive(file)",
	[MI_UNEVICTABLE] = "Unevictable",
	[MI_MLOCKED] = "Mlocked",
	[MI_HIGH_TOTAL] = "HighTotal",
	[MI_HIGH_FREE] = "HighFree",
	[MI_LOW_TOTAL] = "LowTotal",
	[MI_LOW_FREE] = "LowFree",
	[MI_SWAP_TOTAL] = "SwapTotal",
	[MI_SWAP_FREE] = "SwapFree",
	[MI_ZSWAP] = "Zswap",
	[MI_ZSWAPPED] = "Zswapped",
	[MI_DIRTY] = "Dirty",
	[MI_WRITEBACK] = "Writeback",
	[MI_ANON_PAGES] = "AnonPages",
	[MI_MAPPED] = "Mapped",
	[MI_SHMEM] = "Shmem",
	[MI_KRECLAIMABLE] = "KReclaimable",
	[MI_SLAB] = "Slab",
	[MI_SRECLAIMABLE] = "SReclaimable",
	[MI_SUNRECLAIM] = "SUnreclaim",
	[MI_KERNEL_STACK] = "KernelStack",
	[MI_PAGE_TABLES] = "PageTables",
	[MI_NFS_UNSTABLE] = "NFS_Unstable",
	[MI_BOUNCE] = "Bounce",
	[MI_WRITEBACK_TMP] = "WritebackTmp",
	[MI_COMMIT_LIMIT] = "CommitLimit",
	[MI_COMMITTED_AS] = "Committed_AS",
	[MI_VMALLOC_TOTAL] = "VmallocTotal",
	[MI_VMALLOC_USED] = "VmallocUsed",
	[MI_PERCPU] = "Percpu",
	[MI_HARDWARE_CORRUPTED] = "HardwareCorrupted",
	[MI_ANON_HUGE_PAGES] = "AnonHugePages",
	[MI_SHMEM_HUGE_PAGES] = "ShmemHugePages",
	[MI_FILE_HUGE_PAGES] = "FileHugePages",
	[MI_HUGEPAGES_TOTAL] = "HugePages_Total",
	[MI_HUGEPAGES_FREE] = "HugePages_Free",
	[MI_HUGEPAGES_RSVD] = "HugePages_Rsvd",
	[MI_HUGEPAGES_SURP] = "HugePages_Surp",
	[MI_HUGEPAGESIZE] = "Hugepagesize",
	[MI_HUGETLB] = "Hugetlb",
};

const char *proc_meminfo_name(enum proc_meminfo_field f)
{
	return f < MI__COUNT ? names[f] : NULL;
}

static int lookup(const char *key, size_t klen)
{
	for (int f = 0; f < MI__COUNT; f++)
		if (strlen(names[f]) == klen && memcmp(names[f], key, klen) == 0)
			return f;
	return -1;
}

int proc_meminfo_parse(const char *buf, size_t len, struct proc_meminfo *mi, int *lineno)
{
	const char *p = buf, *end = buf + len;
	int line = 0;

	memset(mi, 0, sizeof(*mi));
	while (p < end && *p) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *colon = memchr(p, ':', (size_t)(le - p));
		int f;

		line++;
		if (colon && (f = lookup(p, (size_t)(colon - p))) >= 0) {
			const char *q = colon + 1;

			/* "MemTotal:       24682416 kB": the unit is always kB */
			if (tok_u64(&q, le, &mi->v[f])) {
				if (lineno)
					*lineno = line;
				return -EINVAL;
			}
			mi->have |= 1ull << f;
		}
		p = nl ? nl + 1 : end;
	}
	if (!proc_meminfo_has(mi, MI_MEM_TOTAL)) {
		if (lineno)
			*lineno = 0;
		return -EINVAL;
	}
	return 0;
}

int proc_meminfo_read(const struct root *r, struct proc_meminfo *mi)
{
	char buf[8192];
	ssize_t n = root_read(r, ROOT_PROC, "meminfo", buf, sizeof(buf));

	mi->bad_line = 0;
	if (n < 0)
		return (int)n;
	return proc_meminfo_parse(buf, (size_t)n, mi, &mi->bad_line);
}
