/* syslat: types shared by syslat.bpf.c and syslat.c. */
#ifndef TRIAGE_BPF_SYSLAT_H
#define TRIAGE_BPF_SYSLAT_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define SYSLAT_MAX_NR 1024	/* syscall numbers: 0..1023 (10 bits) */
#define SYSLAT_INFLIGHT 10240	/* threads inside a syscall at once */

/* Histogram key: the syscall number, and with per_proc the tgid above it
 * (pid_max is at most 2^22, so both fit 32 bits). */
#define SYSLAT_KEY(nr, tgid) ((((__u32)(tgid)) << 10) | ((__u32)(nr) & 1023))
#define SYSLAT_KEY_NR(k) ((k) & 1023)
#define SYSLAT_KEY_PID(k) ((k) >> 10)

#endif
