/* strace: types shared by strace.bpf.c and strace.c.
 *
 * The kernel half knows nothing of syscalls' meanings: for each syscall
 * number the user half puts in `descs` which arguments to copy out of the
 * process (up to two: a path, a buffer, a sockaddr) and when; the kernel
 * half copies them, bounded, into the event and the user half decodes. */
#ifndef TRIAGE_BPF_STRACE_H
#define TRIAGE_BPF_STRACE_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define STRACE_MAX_NR 1024	/* syscall numbers traced: 0..1023 */
#define STRACE_DATA 256		/* bytes copied per argument (paths cut at 255) */
#define STRACE_INFLIGHT 10240	/* threads inside a syscall at once */
#define STRACE_MAX_TGIDS 4096	/* processes traced at once (-p list, -f children) */
#define STRACE_RINGBUF (4 * 1024 * 1024)

/* What to copy of one argument (desc.kind). */
enum strace_cap {
	SCAP_NONE,
	SCAP_STR,		/* NUL-terminated user string (a path) */
	SCAP_BUF_IN,		/* buffer the call reads: length in argument len_arg */
	SCAP_BUF_OUT,		/* buffer the call fills: length = return value */
	SCAP_SOCKADDR_IN,	/* struct sockaddr, length in argument len_arg */
	SCAP_SOCKADDR_OUT,	/* struct sockaddr filled, length at *argument len_arg */
};

/* Per syscall number (array map). */
struct strace_desc {
	__u8 traced;		/* -e: 0 = skip this syscall */
	__u8 noreturn;		/* exit, exit_group: reported at entry */
	__u8 at_enter;		/* copy at entry (execve: the memory is gone at exit) */
	__u8 pad;
	__u8 arg[2];		/* which argument (0..5) */
	__u8 kind[2];		/* enum strace_cap */
	__u8 len_arg[2];
};

struct strace_event {
	__u64 ts_ns;		/* at exit (bpf_ktime_get_ns) */
	__u64 dur_ns;		/* exit - entry */
	__u32 pid, tid;
	__s32 nr;
	__u32 flags;		/* STRACE_EV_* */
	__s64 ret;
	__u64 args[6];
	__u16 len[2];		/* bytes in data[i] (a string: with its NUL) */
	__u32 full_len[2];	/* the buffer's length before the cut */
	char comm[16];
	__u8 data[2][STRACE_DATA];
};

#define STRACE_EV_NORETURN 1	/* no return value (exit_group) */

/* -c: per syscall number, per CPU. */
struct strace_count {
	__u64 calls;
	__u64 errors;
	__u64 total_ns;
};

#endif
