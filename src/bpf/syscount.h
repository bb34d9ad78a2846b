/* syscount: types shared by syscount.bpf.c and syscount.c. */
#ifndef TRIAGE_BPF_SYSCOUNT_H
#define TRIAGE_BPF_SYSCOUNT_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define SYSCOUNT_MAX_NR 1024	/* syscall numbers counted: 0..1023 */
#define SYSCOUNT_INFLIGHT 10240	/* threads inside a syscall at once (-L) */

/* Per syscall number, per CPU (summed by the user half). */
struct syscount_val {
	__u64 count;
	__u64 errors;		/* returned < 0 */
	__u64 total_ns;		/* -L only: time inside the syscall */
	__u64 max_ns;
};

#endif
