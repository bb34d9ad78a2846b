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

#endif
