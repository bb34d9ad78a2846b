/* One thread's record of threads.h, filled from its task_struct: shared by
 * the thread iterator (threads.bpf.c) and the task iterator (tasks.bpf.c,
 * which writes it beside each task's stat record when asked, so that one
 * pass gives both the process list and the thread states). Includes the
 * `seen` map: an object that includes this has its own. */
#ifndef TRIAGE_BPF_THREAD_REC_BPF_H
#define TRIAGE_BPF_THREAD_REC_BPF_H

#include "bpf/core_fixes.bpf.h"
#include "bpf/pidns.bpf.h"
#include "bpf/threads.h"

#define PF_KTHREAD 0x00200000

/* TID -> nvcsw + nivcsw at the last pass: a task that has not been switched
 * since has not run, so it still waits where it waited; its registers and
 * stack are not read again (the unwinder is most of a pass's cost). Not
 * preallocated; when full, tasks are simply read every pass. Entries of
 * exited tasks stay (a reused TID with an equal count is read once late). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, THREADS_SEEN_MAX);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

/* The syscall a blocked task is in: orig_ax is the number (-1 when it
 * entered the kernel by an interrupt or a fault), di the first argument
 * (arch/x86/include/asm/syscall.h). Other architectures: unknown (-2). */
static __always_inline void user_syscall(struct task_struct *t, struct threads_rec *r)
{
	r->nr = -2;
#if defined(__TARGET_ARCH_x86)
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(t);

	if (!regs)
		return;
	r->nr = (long)BPF_CORE_READ(regs, orig_ax);
	r->arg0 = BPF_CORE_READ(regs, di);
#endif
}

/* t's record (r zeroed by the caller), IDs at PID-namespace level. */
static __always_inline void thread_rec_fill(struct task_struct *t, __u32 level, struct threads_rec *r)
{
	long n;

	task_ids_at(t, level, &r->pid, &r->tgid, NULL);
	r->flags = t->flags;
	r->state = (__u32)task_state(t);
	r->exit_state = t->exit_state;
	r->pcount = t->sched_info.pcount;
	r->nr = -2;
	/* state 0 is runnable: /proc says "running" and wchan 0 */
	if (r->state && !r->exit_state) {
		__u64 sw = t->nvcsw + t->nivcsw, *last = bpf_map_lookup_elem(&seen, &r->pid);

		if (last && *last == sw) {
			r->cached = 1;
			goto out;
		}
		bpf_map_update_elem(&seen, &r->pid, &sw, BPF_ANY);
		if (!(r->flags & PF_KTHREAD))
			user_syscall(t, r);
		n = bpf_get_task_stack(t, r->kstack, sizeof(r->kstack), 0);
		r->nframes = n > 0 ? (__u32)(n / sizeof(__u64)) : 0;
	}
out:
	if (r->pid == r->tgid) {
		struct mm_struct *mm = t->mm;

		if (level)
			r->ppid = pid_nr_at(BPF_CORE_READ(t, real_parent, group_leader, thread_pid), level);
		else
			r->ppid = t->real_parent->tgid;
		r->nr_threads = t->signal->nr_threads;
		if (mm)
			r->rss = mm_counter(mm, 0) + mm_counter(mm, 1) + mm_counter(mm, 3);
		if (t->delays)
			r->blkio_ns = t->delays->blkio_delay;
		__builtin_memcpy(r->comm, t->comm, sizeof(r->comm));
	}
}

#endif
