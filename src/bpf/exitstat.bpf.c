// SPDX-License-Identifier: GPL-2.0
/* exitstat: every process that ends, with its final counters (exitstat.h),
 * into a ring buffer the flight recorder drains each sample, so that the
 * tasks that start and end between two samples are not lost (below's
 * exitstat). On sched_process_exit (tp_btf, raw_tp fallback), which fires in
 * do_exit() after the task's times, faults and I/O stopped moving and
 * before it is reaped. */
#include "bpf/common.bpf.h"
#include "bpf/exitstat.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 2 * 1024 * 1024);	/* ~10,000 exits a sample */
} events SEC(".maps");

/* The program's body, once per way of reading the kernel: RD(p, field) is a
 * direct load in tp_btf (the verifier knows the types: a plain load, no
 * helper call) and BPF_CORE_READ in raw_tp. Either way CO-RE relocates. */
#define EXIT_PROG(NAME, RD)								\
static __always_inline void NAME##_task(struct exitstat_rec *r, struct task_struct *t)	\
{											\
	r->utime += RD(t, utime);							\
	r->stime += RD(t, stime);							\
	r->sum_exec += RD(t, se.sum_exec_runtime);					\
	r->minflt += RD(t, min_flt);							\
	r->majflt += RD(t, maj_flt);							\
	r->rchar += RD(t, ioac.rchar);							\
	r->wchar += RD(t, ioac.wchar);							\
	r->syscr += RD(t, ioac.syscr);							\
	r->syscw += RD(t, ioac.syscw);							\
	r->read_bytes += RD(t, ioac.read_bytes);					\
	r->write_bytes += RD(t, ioac.write_bytes);					\
	r->cancelled_write_bytes += RD(t, ioac.cancelled_write_bytes);			\
}											\
											\
/* The reaped threads' totals, kept in signal_struct. */				\
static __always_inline void NAME##_signal(struct exitstat_rec *r, struct signal_struct *sig) \
{											\
	r->utime = RD(sig, utime);							\
	r->stime = RD(sig, stime);							\
	r->sum_exec = RD(sig, sum_sched_runtime);					\
	r->prev_utime = RD(sig, prev_cputime.utime);					\
	r->prev_stime = RD(sig, prev_cputime.stime);					\
	r->minflt = RD(sig, min_flt);							\
	r->majflt = RD(sig, maj_flt);							\
	r->maxrss = RD(sig, maxrss);							\
	r->nr_threads = RD(sig, nr_threads);						\
	r->rchar = RD(sig, ioac.rchar);							\
	r->wchar = RD(sig, ioac.wchar);							\
	r->syscr = RD(sig, ioac.syscr);							\
	r->syscw = RD(sig, ioac.syscw);							\
	r->read_bytes = RD(sig, ioac.read_bytes);					\
	r->write_bytes = RD(sig, ioac.write_bytes);					\
	r->cancelled_write_bytes = RD(sig, ioac.cancelled_write_bytes);			\
}											\
											\
static __always_inline void NAME(struct task_struct *t)					\
{											\
	struct signal_struct *sig = RD(t, signal);					\
	struct task_struct *leader, *parent;						\
	const struct cred *cred;							\
	struct exitstat_rec *r;								\
											\
	/* only the group's last thread: do_exit() decremented live before */		\
	if (RD(sig, live.counter) != 0)							\
		return;									\
	r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);				\
	if (!r) {									\
		count_drop();								\
		return;									\
	}										\
	leader = RD(t, group_leader);							\
	NAME##_signal(r, sig);								\
	NAME##_task(r, t);								\
	if (leader != t)								\
		NAME##_task(r, leader);							\
	parent = RD(leader, real_parent);						\
	cred = RD(t, cred);								\
	r->tgid = RD(t, tgid);								\
	r->tid = RD(t, pid);								\
	r->ppid = RD(parent, tgid);							\
	r->euid = RD(cred, euid.val);							\
	r->exit_code = RD(t, exit_code);						\
	r->flags = RD(leader, flags);							\
	r->start_boottime = RD(leader, start_boottime);					\
	r->exit_boottime = bpf_ktime_get_boot_ns();					\
	r->nvcsw = RD(leader, nvcsw);							\
	r->nivcsw = RD(leader, nivcsw);							\
	r->prio = RD(leader, prio);							\
	r->static_prio = RD(leader, static_prio);					\
	r->pad = 0;									\
	BPF_CORE_READ_STR_INTO(&r->comm, leader, comm);					\
	/* no wakeup: nobody polls, the recorder drains on its own schedule */		\
	bpf_ringbuf_submit(r, BPF_RB_NO_WAKEUP);					\
}

#define RD_DIRECT(p, f) ((p)->f)
EXIT_PROG(exit_direct, RD_DIRECT)
EXIT_PROG(exit_core, BPF_CORE_READ)

SEC("tp_btf/sched_process_exit")
int BPF_PROG(exit_btf, struct task_struct *t)
{
	exit_direct(t);
	return 0;
}

SEC("raw_tp/sched_process_exit")
int BPF_PROG(exit_raw, struct task_struct *t)
{
	exit_core(t);
	return 0;
}
