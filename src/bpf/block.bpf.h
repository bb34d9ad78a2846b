/* Kernel-side helpers shared by biolatency.bpf.c and biosnoop.bpf.c. */
#ifndef TRIAGE_BPF_BLOCK_BPF_H
#define TRIAGE_BPF_BLOCK_BPF_H

#include "bpf/common.bpf.h"
#include "bpf/block.h"

/* op and flags in our stable encoding (block.h). */
static __always_inline __u32 block_flags(struct request *rq)
{
	__u32 f = BPF_CORE_READ(rq, cmd_flags), out = f & BLK_OP_MASK;

	if (f & (1U << bpf_core_enum_value(enum req_flag_bits, __REQ_SYNC)))
		out |= BLK_F_SYNC;
	if (f & (1U << bpf_core_enum_value(enum req_flag_bits, __REQ_META)))
		out |= BLK_F_META;
	if (f & (1U << bpf_core_enum_value(enum req_flag_bits, __REQ_FUA)))
		out |= BLK_F_FUA;
	if (f & (1U << bpf_core_enum_value(enum req_flag_bits, __REQ_PREFLUSH)))
		out |= BLK_F_PREFLUSH;
	return out;
}

/* The whole disk's dev_t, kernel encoding (MINORBITS 20). */
static __always_inline __u32 block_dev(struct gendisk *d)
{
	return ((__u32)BPF_CORE_READ(d, major) << 20) | (__u32)BPF_CORE_READ(d, first_minor);
}

#endif
