// SPDX-License-Identifier: GPL-2.0
/* killsnoop: signal:signal_generate(sig, info, task, group, result) for each
 * signal generated, the sender being the current task (for a signal the
 * kernel raises from an interrupt, the task that was running), with the
 * kill-family syscall it is in, if any; and at raw sys_exit, the kill, tkill
 * and tgkill calls that failed before generating a signal. */
#include "bpf/syscall.bpf.h"
#include "bpf/killsnoop.h"

const volatile __s32 targ_sig = 0;
const volatile bool targ_failed = false;
const volatile long nr_kill = -1, nr_tkill = -1, nr_tgkill = -1;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

/* enum killsnoop_call of syscall number nr */
static __always_inline __u32 call_of(long nr)
{
	if (nr == nr_kill)
		return KS_CALL_KILL;
	if (nr == nr_tkill)
		return KS_CALL_TKILL;
	if (nr == nr_tgkill)
		return KS_CALL_TGKILL;
	return KS_CALL_NONE;
}

static __always_inline struct killsnoop_event *reserve(__u32 kind, __s32 sig)
{
	struct killsnoop_event *e;
	__u64 id = bpf_get_current_pid_tgid();

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		count_drop();
		return NULL;
	}
	e->ts_ns = bpf_ktime_get_ns();
	e->kind = kind;
	e->pid = id >> 32;
	e->tid = (__u32)id;
	e->sig = sig;
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	return e;
}

/* At sys_exit only (one program per syscall, not two): the arguments are
 * still in the saved user registers (x86-64 di/si/dx; arm64 orig_x0, x1, x2). */
static __always_inline void on_exit(struct pt_regs *regs, long ret)
{
	__u32 call = ret < 0 ? call_of(sys_exit_nr(regs)) : KS_CALL_NONE;
	struct killsnoop_event *e;
	__s32 a1, a2, a3, sig;

	if (call == KS_CALL_NONE || !tgid_ok(bpf_get_current_pid_tgid() >> 32))
		return;
	a1 = (__s32)SYS_ARG1(regs);
	a2 = (__s32)SYS_ARG2(regs);
	a3 = (__s32)SYS_ARG3(regs);
	sig = call == KS_CALL_TGKILL ? a3 : a2;
	if (targ_sig && sig != targ_sig)
		return;
	e = reserve(KS_FAILED_CALL, sig);
	if (!e)
		return;
	e->call = call;
	e->tpid = call == KS_CALL_TKILL ? 0 : a1;	/* kill(pid), tgkill(tgid, tid) */
	e->ttid = call == KS_CALL_TKILL ? a1 : call == KS_CALL_TGKILL ? a2 : 0;
	e->code = 0;
	e->result = (__s32)ret;
	e->group = 0;
	e->tcomm[0] = '\0';
	bpf_ringbuf_submit(e, 0);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit_btf, struct pt_regs *regs, long ret) { on_exit(regs, ret); return 0; }
SEC("raw_tp/sys_exit")
int BPF_PROG(sys_exit_raw, struct pt_regs *regs, long ret) { on_exit(regs, ret); return 0; }

static __always_inline void generate(int sig, struct kernel_siginfo *info, struct task_struct *t,
				     int group, int result)
{
	struct pt_regs *regs;
	struct killsnoop_event *e;

	if (!tgid_ok(bpf_get_current_pid_tgid() >> 32) || (targ_sig && sig != targ_sig) ||
	    (targ_failed && result == TRACE_SIGNAL_DELIVERED))
		return;
	e = reserve(KS_SIGNAL, sig);
	if (!e)
		return;
	/* the syscall the sender is in: its saved user registers' number (none
	 * for a kernel thread or an interrupt, barring one inside a kill) */
	regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	e->call = call_of(sys_exit_nr(regs));
	e->tpid = BPF_CORE_READ(t, tgid);
	e->ttid = BPF_CORE_READ(t, pid);
	BPF_CORE_READ_STR_INTO(&e->tcomm, t, comm);
	/* SEND_SIG_NOINFO (0) and SEND_SIG_PRIV (1), as the tracepoint's own
	 * TP_STORE_SIGINFO reads them */
	if ((unsigned long)info == 0)
		e->code = 0;		/* SI_USER */
	else if ((unsigned long)info == 1)
		e->code = 0x80;		/* SI_KERNEL */
	else
		e->code = BPF_CORE_READ(info, si_code);
	e->result = result;
	e->group = group != 0;
	bpf_ringbuf_submit(e, 0);
}

SEC("tp_btf/signal_generate")
int BPF_PROG(signal_btf, int sig, struct kernel_siginfo *info, struct task_struct *t, int group,
	     int result)
{
	generate(sig, info, t, group, result);
	return 0;
}

SEC("raw_tp/signal_generate")
int BPF_PROG(signal_raw, int sig, struct kernel_siginfo *info, struct task_struct *t, int group,
	     int result)
{
	generate(sig, info, t, group, result);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
