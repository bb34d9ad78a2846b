/* execsnoop: types shared by execsnoop.bpf.c and execsnoop.c. */
#ifndef TRIAGE_BPF_EXECSNOOP_H
#define TRIAGE_BPF_EXECSNOOP_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define EXEC_MAX_ARGS 20	/* the file name, then argv[1..19] */
#define EXEC_ARG_LEN 128	/* each argument is cut at 127 bytes */
/* A power of two, above EXEC_MAX_ARGS * EXEC_ARG_LEN, so that the program can
 * bound the size it sends with a mask the verifier understands. */
#define EXEC_ARGS_SIZE 4096
#define EXEC_INFLIGHT 1024	/* execs between enter and exit at once */

/* One exec: args holds args_count NUL-terminated strings, args_size bytes. */
struct exec_event {
	__u64 ts_ns;
	__u32 pid, ppid, uid;
	__s32 ret;		/* execve's return: 0 or -errno */
	__u32 args_count;
	__u32 args_size;
	__u32 truncated;	/* more arguments than EXEC_MAX_ARGS */
	char comm[16];		/* after a successful exec: the new program's name */
	char args[EXEC_ARGS_SIZE];
};

#endif
