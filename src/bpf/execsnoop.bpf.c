// SPDX-License-Identifier: GPL-2.0
/* execsnoop: execve/execveat with arguments (read at entry, from the caller's
 * memory) and return value (at exit), from raw sys_enter/sys_exit filtered by
 * syscall number, so no tracefs is needed. */
#include "bpf/syscall.bpf.h"
#include "bpf/execsnoop.h"

const volatile long nr_execve = -1, nr_execveat = -1;	/* this arch's numbers */
const volatile bool targ_failed = false;		/* only failed execs */
const volatile __u32 targ_uid = (__u32)-1;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, EXEC_INFLIGHT);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, __u32);
	__type(value, struct exec_event);
} execs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct exec_event);
} heap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

static __always_inline void on_enter(struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	const char *const *argv;
	struct task_struct *task;
	const char *fname, *argp;
	struct exec_event *e;
	__u32 tid = (__u32)pid_tgid, zero = 0, uid;
	long n;

	if (id != nr_execve && id != nr_execveat)
		return;
	uid = (__u32)bpf_get_current_uid_gid();
	if ((targ_uid != (__u32)-1 && uid != targ_uid) || !cg_ok())
		return;
	e = bpf_map_lookup_elem(&heap, &zero);
	if (!e)
		return;
	task = (struct task_struct *)bpf_get_current_task();
	e->pid = pid_tgid >> 32;
	e->ppid = BPF_CORE_READ(task, real_parent, tgid);
	e->uid = uid;
	e->ret = 0;
	e->args_count = 0;
	e->args_size = 0;
	e->truncated = 0;
	if (id == nr_execve) {
		fname = (const char *)SYS_ARG1(regs);
		argv = (const char *const *)SYS_ARG2(regs);
	} else {
		fname = (const char *)SYS_ARG2(regs);
		argv = (const char *const *)SYS_ARG3(regs);
	}
	n = bpf_probe_read_user_str(e->args, EXEC_ARG_LEN, fname);
	if (n <= 0) {
		e->args[0] = '\0';
		n = 1;
	}
	e->args_size = n;
	e->args_count = 1;
	for (int i = 1; i < EXEC_MAX_ARGS; i++) {
		if (bpf_probe_read_user(&argp, sizeof(argp), &argv[i]) || !argp)
			goto done;
		if (e->args_size > EXEC_ARGS_SIZE - EXEC_ARG_LEN)
			goto done;
		n = bpf_probe_read_user_str(&e->args[e->args_size], EXEC_ARG_LEN, argp);
		if (n <= 0)
			goto done;
		e->args_size += n;
		e->args_count++;
	}
	/* one more pointer means more arguments than we keep */
	if (!bpf_probe_read_user(&argp, sizeof(argp), &argv[EXEC_MAX_ARGS]) && argp)
		e->truncated = 1;
done:
	bpf_map_update_elem(&execs, &tid, e, BPF_ANY);
}

static __always_inline void on_exit(struct pt_regs *regs, long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct exec_event *e;
	__u32 size;

	e = bpf_map_lookup_elem(&execs, &tid);
	if (!e)
		return;
	if (targ_failed && ret >= 0)
		goto out;
	e->ret = ret;
	e->ts_ns = bpf_ktime_get_ns();
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	size = sizeof(*e) - EXEC_ARGS_SIZE + (e->args_size & (EXEC_ARGS_SIZE - 1));
	if (bpf_ringbuf_output(&events, e, size, 0))
		count_drop();
out:
	bpf_map_delete_elem(&execs, &tid);
}

SYSCALL_HOOKS

char LICENSE[] SEC("license") = "GPL";
