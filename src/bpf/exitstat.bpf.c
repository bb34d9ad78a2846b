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

/* What /proc would sum for the group: t's own counters added to r. */
static __always_inline void add_task(struct exitstat_rec *r, struct task_struct *t)
{
	r->utime += BPF_CORE_READ(t, utime);
	r->stime += BPF_CORE_READ(t, stime);
	r->sum_exec += BPF_CORE_READ(t, se.sum_exec_runtime);
	r->minflt += BPF_CORE_READ(t, min_flt);
	r->majflt += BPF_CORE_READ(t, maj_flt);
	r->rchar += BPF_CORE_READ(t, ioac.rchar);
	r->wchar += BPF_CORE_READ(t, ioac.wchar);
	r->syscr += BPF_CORE_READ(t, ioac.syscr);
	r->syscw += BPF_CORE_READ(t, ioac.syscw);
	r->read_bytes += BPF_CORE_READ(t, ioac.read_bytes);
	r->write_bytes += BPF_CORE_READ(t, ioac.write_bytes);
	r->cancelled_write_bytes += BPF_CORE_READ(t, ioac.cancelled_write_bytes);
}

/* The reaped threads' totals, kept in signal_struct. */
static __always_inline void add_signal(struct exitstat_rec *r, struct signal_struct *sig)
{
	r->utime = BPF_CORE_READ(sig, utime);
	r->stime = BPF_CORE_READ(sig, stime);
	r->sum_exec = BPF_CORE_READ(sig, sum_sched_runtime);
	r->prev_utime = BPF_CORE_READ(sig, prev_cputime.utime);
	r->prev_stime = BPF_CORE_READ(sig, prev_cputime.stime);
	r->minflt = BPF_CORE_READ(sig, min_flt);
	r->majflt = BPF_CORE_READ(sig, maj_flt);
	r->maxrss = BPF_CORE_READ(sig, maxrss);
	r->nr_threads = BPF_CORE_READ(sig, nr_threads);
	r->rchar = BPF_CORE_READ(sig, ioac.rchar);
	r->wchar = BPF_CORE_READ(sig, ioac.wchar);
	r->syscr = BPF_CORE_READ(sig, ioac.syscr);
	r->syscw = BPF_CORE_READ(sig, ioac.syscw);
	r->read_bytes = BPF_CORE_READ(sig, ioac.read_bytes);
	r->write_bytes = BPF_CORE_READ(sig, ioac.write_bytes);
	r->cancelled_write_bytes = BPF_CORE_READ(sig, ioac.cancelled_write_bytes);
}

static __always_inline void on_exit(struct task_struct *t)
{
	struct signal_struct *sig = BPF_CORE_READ(t, signal);
	struct task_struct *leader;
	struct exitstat_rec *r;

	/* only the group's last thread: do_exit() decremented live before */
	if (BPF_CORE_READ(sig, live.counter) != 0)
		return;
	r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);
	if (!r) {
		count_drop();
		return;
	}
	leader = BPF_CORE_READ(t, group_leader);
	add_signal(r, sig);
	add_task(r, t);
	if (leader != t)
		add_task(r, leader);
	r->tgid = BPF_CORE_READ(t, tgid);
	r->tid = BPF_CORE_READ(t, pid);
	r->ppid = BPF_CORE_READ(leader, real_parent, tgid);
	r->euid = BPF_CORE_READ(t, cred, euid.val);
	r->exit_code = BPF_CORE_READ(t, exit_code);
	r->flags = BPF_CORE_READ(leader, flags);
	r->start_boottime = BPF_CORE_READ(leader, start_boottime);
	r->exit_boottime = bpf_ktime_get_boot_ns();
	r->nvcsw = BPF_CORE_READ(leader, nvcsw);
	r->nivcsw = BPF_CORE_READ(leader, nivcsw);
	r->prio = BPF_CORE_READ(leader, prio);
	r->static_prio = BPF_CORE_READ(leader, static_prio);
	r->pad = 0;
	BPF_CORE_READ_STR_INTO(&r->comm, leader, comm);
	bpf_ringbuf_submit(r, 0);
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(exit_btf, struct task_struct *t)
{
	on_exit(t);
	return 0;
}

SEC("raw_tp/sched_process_exit")
int BPF_PROG(exit_raw, struct task_struct *t)
{
	on_exit(t);
	return 0;
}
