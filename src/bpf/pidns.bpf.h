/* The IDs of the reader's PID namespace for the task iterators (tasks,
 * threads). A task iterator walks the tasks visible in the PID namespace of
 * the process that reads it (kernel/bpf/task_iter.c: the seq_file's pid_ns
 * is task_active_pid_ns(current) at open), but task_struct's pid and tgid
 * are the initial namespace's: in a namespace of its own (a container,
 * unshare --pid --mount-proc) /proc names the same tasks by other numbers.
 * pid_nr_ns() in BPF: struct pid keeps one upid per level, numbers[level]
 * is the ID at that level. The reader runs the program (bpf_iter's read()
 * is in its context), so its level is current's. */
#ifndef TRIAGE_BPF_PIDNS_BPF_H
#define TRIAGE_BPF_PIDNS_BPF_H

/* The reader's PID namespace level (0: the initial one). */
static __always_inline __u32 reader_pidns_level(void)
{
	struct task_struct *cur = bpf_get_current_task_btf();

	return BPF_CORE_READ(cur, thread_pid, level);
}

/* pid_nr_ns(p, the namespace at level): 0 when p is not visible there. */
static __always_inline __u32 pid_nr_at(struct pid *p, __u32 level)
{
	struct upid u = {};

	if (!p || BPF_CORE_READ(p, level) < level || level > 32)
		return 0;
	bpf_probe_read_kernel(&u, sizeof(u), &p->numbers[level]);
	return (__u32)u.nr;
}

/* Task t's thread ID, its process ID and its parent's process ID as the
 * reader's /proc prints them (task_pid_nr_ns, task_tgid_nr_ns; the parent
 * outside the namespace reads 0, as /proc's PPid of a namespace's init). */
static __always_inline void task_ids_at(struct task_struct *t, __u32 level, __u32 *pid, __u32 *tgid, __u32 *ppid)
{
	if (!level) {
		*pid = t->pid;
		*tgid = t->tgid;
		if (ppid)
			*ppid = t->real_parent->tgid;
		return;
	}
	*pid = pid_nr_at(t->thread_pid, level);
	*tgid = pid_nr_at(BPF_CORE_READ(t, group_leader, thread_pid), level);
	if (ppid)
		*ppid = pid_nr_at(BPF_CORE_READ(t, real_parent, group_leader, thread_pid), level);
}

#endif
