/* killsnoop: each signal generated (signal:signal_generate, whoever sends
 * it: kill() and friends or the kernel) and each failed kill(), tkill() or
 * tgkill() (raw sys_exit: a call that fails with ESRCH, EPERM or
 * EINVAL generates no signal). Types shared by killsnoop.bpf.c and
 * killsnoop.c, and the user half's API. */
#ifndef TRIAGE_BPF_KILLSNOOP_H
#define TRIAGE_BPF_KILLSNOOP_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

enum killsnoop_kind {
	KS_SIGNAL = 0,		/* signal_generate */
	KS_FAILED_CALL = 1,	/* kill/tkill/tgkill returned an error */
};

enum killsnoop_call {
	KS_CALL_NONE = 0,	/* the sender was in none of these (kernel, sigqueue ...) */
	KS_CALL_KILL,
	KS_CALL_TKILL,
	KS_CALL_TGKILL,
};

struct killsnoop_event {
	__u64 ts_ns;		/* CLOCK_MONOTONIC */
	__u32 kind;		/* enum killsnoop_kind */
	__u32 call;		/* enum killsnoop_call: the syscall the sender was in */
	__u32 pid, tid;		/* sender: the current task */
	__s32 tpid, ttid;	/* target thread group and thread (a failed call: its pid arguments) */
	__s32 sig;
	__s32 code;		/* si_code (SI_USER, SI_TKILL, SI_KERNEL ...) */
	__s32 result;		/* KS_SIGNAL: TRACE_SIGNAL_*; KS_FAILED_CALL: -errno */
	__u32 group;		/* KS_SIGNAL: to the whole thread group */
	char comm[16];		/* sender's */
	char tcomm[16];		/* target's ("" for a failed call) */
};

#ifndef __VMLINUX_H__
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct bpf_env_err;
struct killsnoop;
typedef void (*killsnoop_fn)(void *ctx, const struct killsnoop_event *e);

struct killsnoop_opts {
	pid_t pid;		/* only signals sent by this process; 0 = all */
	int sig;		/* only this signal; 0 = all */
	bool failed;		/* only failed calls and signals not delivered */
};

int killsnoop_open(const struct killsnoop_opts *o, killsnoop_fn fn, void *ctx,
		   struct killsnoop **out, struct bpf_env_err *e);
int killsnoop_poll(struct killsnoop *k, int timeout_ms);
uint64_t killsnoop_dropped(struct killsnoop *k);
void killsnoop_close(struct killsnoop *k);
#endif

#endif
