/* filetop: types shared by filetop.bpf.c and filetop.c. */
#ifndef TRIAGE_BPF_FILETOP_H
#define TRIAGE_BPF_FILETOP_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define FILETOP_NAME_LEN 64	/* the file's name: its dentry's, NUL-terminated, cut to fit */
#define FILETOP_MAX_FILES 10240	/* (thread, file) pairs counted in one interval */
#define FILETOP_INFLIGHT 10240	/* threads inside a read or write at once */

enum filetop_type {
	FILETOP_REG = 'R',	/* regular file */
	FILETOP_SOCK = 'S',	/* socket */
	FILETOP_OTHER = 'O',	/* pipe, terminal, device, ... (-a) */
};

/* One thread's use of one file: the inode (number, its filesystem's device
 * and, for device files, the device it is). */
struct filetop_key {
	__u64 ino;
	__u32 dev, rdev;
	__u32 pid, tid;
};

struct filetop_val {
	__u64 reads, writes;	/* calls that returned >= 0 */
	__u64 rbytes, wbytes;	/* the bytes they returned */
	char comm[16];
	char name[FILETOP_NAME_LEN];
	__u8 type;		/* enum filetop_type */
	__u8 fmt;		/* the inode's S_IFMT bits >> 12 (S_IFIFO 1 ... S_IFSOCK 12) */
	__u8 pad[6];
};

#endif
