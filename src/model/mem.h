/* Memory figures from /proc/meminfo and paging/swapping rates from two
 * /proc/vmstat samples.
 *
 * free(1), procps-ng 4.0.2 (library/meminfo.c meminfo_read_failed()):
 *   available  = MemAvailable; MemFree when the kernel lacks it (< 3.14) or
 *                when it exceeds MemTotal (a container's distorted view)
 *   used       = MemTotal - available; MemTotal - MemFree if that is negative
 *   cache      = Cached + SReclaimable          (free -w "cache")
 *   buff/cache = Buffers + cache
 *   shared     = Shmem
 *   swap used  = SwapTotal - SwapFree (0 when SwapFree >= SwapTotal)
 *   low/high   = LowTotal/LowFree (MemTotal/MemFree when absent), HighTotal/HighFree
 *   commit     = CommitLimit, Committed_AS, CommitLimit - Committed_AS (may be < 0)
 *   all        = RAM + swap: total, used and free of each summed (free -t)
 * All in kB (KiB).
 */
#ifndef TRIAGE_MODEL_MEM_H
#define TRIAGE_MODEL_MEM_H

#include <stdbool.h>
#include <stdint.h>

#include "sources/proc_meminfo.h"
#include "sources/proc_vmstat.h"

struct mem_free {
	uint64_t total, used, free, shared, buffers, cache, buff_cache, available;
	uint64_t swap_total, swap_used, swap_free;
	uint64_t all_total, all_used, all_free;	/* RAM + swap (free -t "Total:") */
	uint64_t low_total, low_used, low_free;
	uint64_t high_total, high_used, high_free;
	uint64_t commit_limit, committed_as;
	int64_t commit_avail;		/* CommitLimit - Committed_AS, negative when overcommitted */
	uint64_t active, inactive;	/* Active, Inactive (vmstat -a) */
	bool available_estimated;	/* no usable MemAvailable: MemFree used */
};

void mem_model_free(const struct proc_meminfo *mi, struct mem_free *out);

/* Paging and swapping rates over dt_s seconds (prev NULL: since boot, then
 * dt_s should be the uptime). kB/s for si/so (pages * page_kb) and bi/bo
 * (pgpgin/pgpgout are already kB); events/s for the rest. NAN when a counter
 * is missing or went backwards. */
struct mem_rates {
	double si_kb_s, so_kb_s;	/* swapped in/out (vmstat si/so) */
	double pswpin_s, pswpout_s;	/* the same in pages/s (sar -W) */
	double bi_kb_s, bo_kb_s;	/* paged in/out from block devices (vmstat bi/bo, sar pgpgin/s) */
	double fault_s, majflt_s;	/* sar -B fault/s majflt/s */
	double pgfree_s;		/* sar -B pgfree/s */
	double pgscank_s, pgscand_s, pgsteal_s;	/* sar -B, with its sums */
	double vmeff_pct;		/* sar %vmeff: pgsteal / (pgscank + pgscand) * 100 */
	double oom_kill_s;		/* OOM kills/s */
	double allocstall_s;		/* direct-reclaim stalls/s */
};

void mem_model_rates(const struct proc_vmstat *prev, const struct proc_vmstat *cur,
		     double dt_s, unsigned page_kb, struct mem_rates *out);

/* free's non-human units: kB scaled to 1024^(exponent-1) bytes ("-k" = 2,
 * "-m" = 3 ...), or 1000^(exponent-1) with si; exponent 1 is bytes, 0 the
 * default (kB). Truncates, as free does. */
long long mem_model_scale(long long kb, int exponent, bool si);

#endif
