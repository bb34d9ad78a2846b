// SPDX-License-Identifier: GPL-2.0
/* tasks: one pass over every task (the "task" BPF iterator, Linux 5.8+),
 * writing the fields that /proc/PID/stat is made of as fixed binary records
 * (tasks.h). One read of the iterator replaces an open, read and close of
 * /proc/PID/stat per process; nothing is attached to any event and the pass
 * only reads. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "bpf/tasks.h"
#include "bpf/thread_rec.bpf.h"

char LICENSE[] SEC("license") = "GPL";

/* Set by the reader (tasks_iter_states): each task's record is followed by
 * its thread state (struct tasks_state), so that one pass gives both. */
volatile bool want_states;

/* The state record is too big for the stack beside the task's. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct tasks_state);
} state_buf SEC(".maps");

static __always_inline void write_state(struct seq_file *seq, struct task_struct *t, __u32 level)
{
	__u32 zero = 0;
	struct tasks_state *s = bpf_map_lookup_elem(&state_buf, &zero);

	if (!s)
		return;
	__builtin_memset(s, 0, sizeof(*s));
	s->kind = TASKS_STATE;
	thread_rec_fill(t, level, &s->r);
	bpf_seq_write(seq, s, sizeof(*s));
}

SEC("iter/task")
int dump_task(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *t = ctx->task;
	struct tasks_leader r = {};
	struct signal_struct *sig;
	struct mm_struct *mm;
	__u32 level;

	if (!t)
		return 0;
	level = reader_pidns_level();
	task_ids_at(t, level, &r.h.pid, &r.h.tgid, NULL);
	r.h.flags = t->flags;
	r.h.utime = t->utime;
	r.h.stime = t->stime;
	r.h.sum_exec = t->se.sum_exec_runtime;
	if (r.h.pid != r.h.tgid) {
		r.h.kind = TASKS_THREAD;
		bpf_seq_write(seq, &r, sizeof(struct tasks_thread));
		if (want_states)
			write_state(seq, t, level);
		return 0;
	}
	r.h.kind = TASKS_LEADER;
	sig = t->signal;
	r.sig_utime = sig->utime;
	r.sig_stime = sig->stime;
	r.sig_sum_exec = sig->sum_sched_runtime;
	r.prev_utime = sig->prev_cputime.utime;
	r.prev_stime = sig->prev_cputime.stime;
	r.nr_threads = sig->nr_threads;
	r.start_boottime = t->start_boottime;
	mm = t->mm;
	if (mm) {
		r.total_vm = mm->total_vm;
		r.rss = mm_counter(mm, 0) + mm_counter(mm, 1) + mm_counter(mm, 3);
		r.swapents = mm_counter(mm, 2);
	}
	r.state = (__u32)task_state(t);
	r.exit_state = t->exit_state;
	r.euid = t->cred->euid.val;
	r.prio = t->prio;
	r.static_prio = t->static_prio;
	r.policy = t->policy;
	r.rt_priority = t->rt_priority;
	if (level)
		r.ppid = pid_nr_at(BPF_CORE_READ(t, real_parent, group_leader, thread_pid), level);
	else
		r.ppid = t->real_parent->tgid;
	if (bpf_core_field_exists(t->thread_info.cpu))
		r.processor = t->thread_info.cpu;
	__builtin_memcpy(r.comm, t->comm, sizeof(r.comm));
	bpf_seq_write(seq, &r, sizeof(r));
	if (want_states)
		write_state(seq, t, level);
	return 0;
}
