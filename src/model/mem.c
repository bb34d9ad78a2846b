#include "model/mem.h"

#include <math.h>
#include <string.h>

#include "model/delta.h"

void mem_model_free(const struct proc_meminfo *mi, struct mem_free *o)
{
	const uint64_t *v = mi->v;
	int64_t used;

	memset(o, 0, sizeof(*o));
	o->total = v[MI_MEM_TOTAL];
	o->free = v[MI_MEM_FREE];
	o->available = v[MI_MEM_AVAILABLE];
	if (!proc_meminfo_has(mi, MI_MEM_AVAILABLE) || o->available == 0 ||
	    o->available > o->total) {
		o->available = o->free;
		o->available_estimated = true;
	}
	used = (int64_t)o->total - (int64_t)o->available;
	if (used < 0)
		used = (int64_t)o->total - (int64_t)o->free;
	o->used = used < 0 ? 0 : (uint64_t)used;
	o->shared = v[MI_SHMEM];
	o->buffers = v[MI_BUFFERS];
	o->cache = v[MI_CACHED] + v[MI_SRECLAIMABLE];
	o->buff_cache = o->buffers + o->cache;
	o->swap_total = v[MI_SWAP_TOTAL];
	o->swap_free = v[MI_SWAP_FREE];
	o->swap_used = o->swap_free < o->swap_total ? o->swap_total - o->swap_free : 0;
	o->all_total = o->total + o->swap_total;
	o->all_used = o->used + o->swap_used;
	o->all_free = o->free + o->swap_free;
	o->low_total = v[MI_LOW_TOTAL];
	o->low_free = v[MI_LOW_FREE];
	if (!o->low_total) {
		o->low_total = o->total;
		o->low_free = o->free;
	}
	o->low_used = o->low_free < o->low_total ? o->low_total - o->low_free : 0;
	o->high_total = v[MI_HIGH_TOTAL];
	o->high_free = v[MI_HIGH_FREE];
	o->high_used = o->high_free < o->high_total ? o->high_total - o->high_free : 0;
	o->commit_limit = v[MI_COMMIT_LIMIT];
	o->committed_as = v[MI_COMMITTED_AS];
	o->commit_avail = (int64_t)o->commit_limit - (int64_t)o->committed_as;
	o->active = v[MI_ACTIVE];
	o->inactive = v[MI_INACTIVE];
}

static double field_rate(const struct proc_vmstat *p, const struct proc_vmstat *c,
			 enum proc_vmstat_field f, double dt_s)
{
	if (!proc_vmstat_has(c, f) || (p && !proc_vmstat_has(p, f)))
		return NAN;
	return rate(delta_u64(p ? p->v[f] : 0, c->v[f]), dt_s);
}

static double sum_rate(const struct proc_vmstat *p, const struct proc_vmstat *c,
		       unsigned bit, uint64_t pv, uint64_t cv, double dt_s)
{
	if (!(c->have_sums & bit) || (p && !(p->have_sums & bit)))
		return NAN;
	return rate(delta_u64(p ? pv : 0, cv), dt_s);
}

void mem_model_rates(const struct proc_vmstat *p, const struct proc_vmstat *c,
		     double dt_s, unsigned page_kb, struct mem_rates *o)
{
	double scan;

	o->pswpin_s = field_rate(p, c, VM_PSWPIN, dt_s);
	o->pswpout_s = field_rate(p, c, VM_PSWPOUT, dt_s);
	o->si_kb_s = o->pswpin_s * page_kb;
	o->so_kb_s = o->pswpout_s * page_kb;
	o->bi_kb_s = field_rate(p, c, VM_PGPGIN, dt_s);
	o->bo_kb_s = field_rate(p, c, VM_PGPGOUT, dt_s);
	o->fault_s = field_rate(p, c, VM_PGFAULT, dt_s);
	o->majflt_s = field_rate(p, c, VM_PGMAJFAULT, dt_s);
	o->pgfree_s = field_rate(p, c, VM_PGFREE, dt_s);
	o->oom_kill_s = field_rate(p, c, VM_OOM_KILL, dt_s);
	o->pgscank_s = sum_rate(p, c, PROC_VMSTAT_SUM_PGSCAN_KSWAPD,
				p ? p->pgscan_kswapd : 0, c->pgscan_kswapd, dt_s);
	o->pgscand_s = sum_rate(p, c, PROC_VMSTAT_SUM_PGSCAN_DIRECT,
				p ? p->pgscan_direct : 0, c->pgscan_direct, dt_s);
	o->pgsteal_s = sum_rate(p, c, PROC_VMSTAT_SUM_PGSTEAL, p ? p->pgsteal : 0, c->pgsteal, dt_s);
	o->allocstall_s = sum_rate(p, c, PROC_VMSTAT_SUM_ALLOCSTALL,
				   p ? p->allocstall : 0, c->allocstall, dt_s);
	/* sar: %vmeff = pgsteal / pgscan * 100, 0 when nothing was scanned */
	scan = o->pgscank_s + o->pgscand_s;
	if (isnan(scan) || isnan(o->pgsteal_s))
		o->vmeff_pct = NAN;
	else
		o->vmeff_pct = scan > 0 ? o->pgsteal_s / scan * 100.0 : 0.0;
}

long long mem_model_scale(long long kb, int exponent, bool si)
{
	long long bytes = kb * 1024LL;
	double base = si ? 1000.0 : 1024.0, div = 1;

	if (exponent == 0)
		return kb;
	if (exponent == 1)
		return bytes;
	for (int i = 1; i < exponent; i++)
		div *= base;
	return (long long)((double)bytes / div);
}
