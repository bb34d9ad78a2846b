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

#include "bpf/thread_rec.bpf.h"

char LICENSE[] SEC("license") = "GPL";

SEC("iter/task")
int dump_thread(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *t = ctx->task;
	struct threads_rec r = {};

	if (!t)
		return 0;
	thread_rec_fill(t, reader_pidns_level(), &r);
	bpf_seq_write(seq, &r, sizeof(r));
	return 0;
}
