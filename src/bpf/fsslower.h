/* fsslower: types shared by fsslower.bpf.c and fsslower.c. */
#ifndef TRIAGE_BPF_FSSLOWER_H
#define TRIAGE_BPF_FSSLOWER_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define FSSLOWER_NAME_LEN 256	/* the file's name (its last path component), or an open's path */
#define FSSLOWER_INFLIGHT 10240

enum fsslower_op {
	FSS_READ = 'R',		/* read, pread64, readv, preadv */
	FSS_WRITE = 'W',	/* write, pwrite64, writev, pwritev */
	FSS_OPEN = 'O',		/* open, openat, creat */
	FSS_FSYNC = 'F',	/* fsync, fdatasync */
	FSS_SYNC = 'S',		/* ext4_sync_file outside those syscalls (msync, io_uring ...) */
};

struct fsslower_event {
	__u64 ts_ns;
	__u64 lat_ns;
	__u64 offset;		/* pread/pwrite's argument, else the file position at entry */
	__s64 ret;		/* bytes, fd, 0, or -errno */
	__u32 pid, tid;
	__s32 fd;		/* -1 for ext4 syncs */
	__u8 op;		/* enum fsslower_op */
	__u8 pad[3];
	char comm[16];
	char name[FSSLOWER_NAME_LEN];
};

#endif
