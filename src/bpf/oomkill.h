/* oomkill: the OOM killer's victims, from the oom:mark_victim tracepoint
 * (tp_btf, raw_tp where BTF tracing programs cannot load). Types shared by
 * oomkill.bpf.c and oomkill.c, and the user half's API. */
#ifndef TRIAGE_BPF_OOMKILL_H
#define TRIAGE_BPF_OOMKILL_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define OOM_CG_LEN 64

struct oom_event {
	__u64 ts_ns;			/* CLOCK_MONOTONIC */
	__u32 pid, tid;			/* the victim (thread group, thread) */
	__u32 uid;			/* the tracepoint's uid argument */
	__u32 trig_pid, trig_tid;	/* current: the task whose allocation failed */
	__s32 oom_score_adj;
	__u64 total_vm;			/* pages */
	__s64 rss[4];			/* pages: file, anon, swap entries, shmem (mm counters) */
	char comm[16];			/* the victim's */
	char trig_comm[16];
	char memcg[OOM_CG_LEN];		/* the victim's memory cgroup's own name ("/" at the root) */
};

#ifndef __VMLINUX_H__
#include <stdint.h>

struct bpf_env_err;
struct oomkill;
typedef void (*oomkill_fn)(void *ctx, const struct oom_event *e);

int oomkill_open(oomkill_fn fn, void *ctx, struct oomkill **out, struct bpf_env_err *e);
int oomkill_poll(struct oomkill *x, int timeout_ms);
uint64_t oomkill_dropped(struct oomkill *x);
void oomkill_close(struct oomkill *x);
#endif

#endif
