/* CO-RE shims for kernel fields that were renamed or moved, one place, each
 * citing the kernel commit. Included by common.bpf.h. */
#ifndef TRIAGE_BPF_CORE_FIXES_BPF_H
#define TRIAGE_BPF_CORE_FIXES_BPF_H

/* task_struct::state became __state in 5.14, commit 2f064a59a11f
 * ("sched: Change task_struct::state"). */
struct task_struct___o {
	volatile long int state;
} __attribute__((preserve_access_index));

static __always_inline long task_state(struct task_struct *t)
{
	struct task_struct___o *o = (void *)t;

	if (bpf_core_field_exists(t->__state))
		return BPF_CORE_READ(t, __state);
	return BPF_CORE_READ(o, state);
}

/* request::rq_disk was removed in 5.17, commit f3fa33acca9f ("block: remove
 * the ->rq_disk field in struct request"): the disk is rq->q->disk since. */
struct request___o {
	struct gendisk *rq_disk;
} __attribute__((preserve_access_index));

static __always_inline struct gendisk *request_disk(struct request *rq)
{
	struct request___o *o = (void *)rq;

	if (bpf_core_field_exists(o->rq_disk))
		return BPF_CORE_READ(o, rq_disk);
	return BPF_CORE_READ(rq, q, disk);
}

/* mm->rss_stat was an array of atomics until 6.2, commit f1a7941243c1
 * ("mm: convert mm's rss stats into percpu_counter"): percpu_counters since,
 * whose .count is what get_mm_counter() reads. */
struct mm_rss_stat___o {
	atomic_long_t count[4];
} __attribute__((preserve_access_index));

struct mm_struct___o {
	struct mm_rss_stat___o rss_stat;
} __attribute__((preserve_access_index));

/* get_mm_counter(): MM_FILEPAGES 0, MM_ANONPAGES 1, MM_SWAPENTS 2,
 * MM_SHMEMPAGES 3; a negative count (per-CPU parts not folded in) reads 0. */
static __always_inline long mm_counter(struct mm_struct *mm, int i)
{
	struct mm_struct___o *o = (void *)mm;
	long v;

	if (bpf_core_type_exists(struct mm_rss_stat___o))
		v = BPF_CORE_READ(o, rss_stat.count[i].counter);
	else
		v = mm->rss_stat[i].count;
	return v < 0 ? 0 : v;
}

#endif
