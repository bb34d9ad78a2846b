/* opensnoop: types shared by opensnoop.bpf.c and opensnoop.c. */
#ifndef TRIAGE_BPF_OPENSNOOP_H
#define TRIAGE_BPF_OPENSNOOP_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define OPEN_PATH_LEN 256	/* paths are cut at 255 bytes */
#define OPEN_INFLIGHT 10240

struct open_event {
	__u64 ts_ns;
	__u32 pid, tid, uid;
	__s32 ret;		/* fd, or -errno */
	__u64 flags;		/* O_* as passed */
	__u32 mode;
	__s32 nr;		/* which syscall: open, openat or openat2 */
	char comm[16];
	char path[OPEN_PATH_LEN];
};

#endif
