/* Block-layer types shared by biolatency and biosnoop (kernel and user). */
#ifndef TRIAGE_BPF_BLOCK_H
#define TRIAGE_BPF_BLOCK_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define BLOCK_MAX_INFLIGHT 10240	/* requests tracked between insert/issue and complete */
#define DISK_NAME_LEN 32

/* Request flags as the programs report them: the kernel's REQ_OP_* in the low
 * byte (REQ_OP_MASK, include/linux/blk_types.h), then our own bits for the
 * request flags whose kernel bit numbers move between versions (resolved in
 * BPF with bpf_core_enum_value on enum req_flag_bits). */
#define BLK_OP_MASK	0xff
#define BLK_F_SYNC	0x100
#define BLK_F_META	0x200
#define BLK_F_FUA	0x400
#define BLK_F_PREFLUSH	0x800

/* biolatency: what the histograms are keyed by (rodata targ_key). */
enum biolatency_key {
	BIOLAT_KEY_NONE = 0,
	BIOLAT_KEY_DISK,	/* -D: MKDEV(major, first_minor) of the whole disk */
	BIOLAT_KEY_FLAGS,	/* -F: op and flags as above */
};

/* biosnoop: one completed request. */
struct biosnoop_event {
	__u64 ts_ns;		/* completion, CLOCK_MONOTONIC (bpf_ktime_get_ns) */
	__u64 lat_ns;		/* issue -> complete */
	__u64 queue_ns;		/* insert -> issue (0 when not seen inserted) */
	__u64 sector;
	__u32 bytes;
	__u32 flags;		/* BLK_OP_MASK | BLK_F_* */
	__u32 dev;		/* kernel dev_t: major << 20 | minor */
	__u32 pid;		/* task that inserted/issued it (0 when unknown) */
	char comm[16];
	char disk[DISK_NAME_LEN];
};

#endif
