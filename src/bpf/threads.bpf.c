// SPDX-License-Identifier: GPL-2.0
/* threads: one pass over every task (the "task" BPF iterator), writing each
 * thread's state, and for a thread that is not runnable its syscall (from
 * the user registers saved at kernel entry, bpf_task_pt_regs, Linux 5.15+)
 * and its kernel stack (bpf_get_task_stack), as fixed records (threads.h).
 * It sits beside tasks.bpf.c (top's per-process stat fields): one read of
 * the iterator replaces, per thread, the open and read of /proc/PID/task/
 * TID/{stat,schedstat,syscall,wchan}. Nothing is attached to any event. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "bpf/core_fixes.bpf.h"
#include "bpf/pidns.bpf.h"
#include "bpf/threads.h"

char LICENSE[] SEC("license") = "GPL";

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

/* mm->rss_stat was an array of atomics until 6.2, commit f1a7941243c1
 * ("mm: convert mm's rss stats into percpu_counter"); as in tasks.bpf.c. */
struct mm_rss_stat___o {
	atomic_long_t count[4];
} __attribute__((preserve_access_index));

struct mm_struct___o {
	struct mm_rss_stat___o rss_stat;
} __attribute__((preserve_access_index));

static __always_inline long mm_counter(struct mm_struct *mm, int i)
{
	struct mm_struct___o *o = (void *)mm;
	long v;

	if (bpf_core_type_exists(struct mm_rss_stat___o))
		v = BPF_CORE_READ(o, rss_stat.count[i].counter);
	else
		v = mm->rss_stat[i].count;
	return v < 0 ? 0 : v;
}

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

SEC("iter/task")
int dump_thread(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *t = ctx->task;
	struct threads_rec r = {};
	__u32 level;
	long n;

	if (!t)
		return 0;
	level = reader_pidns_level();
	task_ids_at(t, level, &r.pid, &r.tgid, NULL);
	r.flags = t->flags;
	r.state = (__u32)task_state(t);
	r.exit_state = t->exit_state;
	r.pcount = t->sched_info.pcount;
	r.nr = -2;
	/* state 0 is runnable: /proc says "running" and wchan 0 */
	if (r.state && !r.exit_state) {
		__u64 sw = t->nvcsw + t->nivcsw, *last = bpf_map_lookup_elem(&seen, &r.pid);

		if (last && *last == sw) {
			r.cached = 1;
			goto out;
		}
		bpf_map_update_elem(&seen, &r.pid, &sw, BPF_ANY);
		if (!(r.flags & PF_KTHREAD))
			user_syscall(t, &r);
		n = bpf_get_task_stack(t, r.kstack, sizeof(r.kstack), 0);
		r.nframes = n > 0 ? (__u32)(n / sizeof(__u64)) : 0;
	}
out:
	if (r.pid == r.tgid) {
		struct mm_struct *mm = t->mm;

		if (level)
			r.ppid = pid_nr_at(BPF_CORE_READ(t, real_parent, group_leader, thread_pid), level);
		else
			r.ppid = t->real_parent->tgid;
		r.nr_threads = t->signal->nr_threads;
		if (mm)
			r.rss = mm_counter(mm, 0) + mm_counter(mm, 1) + mm_counter(mm, 3);
		if (t->delays)
			r.blkio_ns = t->delays->blkio_delay;
		__builtin_memcpy(r.comm, t->comm, sizeof(r.comm));
	}
	bpf_seq_write(seq, &r, sizeof(r));
	return 0;
}
