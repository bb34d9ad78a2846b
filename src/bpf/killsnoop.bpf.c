// SPDX-License-Identifier: GPL-2.0
/* killsnoop: signal:signal_generate(sig, info, task, group, result) for each
 * signal generated, the sender being the current task (for a signal the
 * kernel raises from an interrupt, the task that was running); and kill,
 * tkill, tgkill from raw sys_enter/sys_exit, to name the call a signal came
 * from and to report the calls that failed before generating one. */
#include "bpf/syscall.bpf.h"
#include "bpf/killsnoop.h"

const volatile __s32 targ_sig = 0;
const volatile bool targ_failed = false;
const volatile long nr_kill = -1, nr_tkill = -1, nr_tgkill = -1;

struct call {
	__u32 call;		/* enum killsnoop_call */
	__s32 tpid, ttid, sig;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KILLSNOOP_INFLIGHT);
	__type(key, __u32);
	__type(value, struct call);
} calls SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

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

static __always_inline void on_enter(struct pt_regs *regs, long id)
{
	struct call c = { 0 };
	__u64 pt;
	__u32 tid;

	if (id == nr_kill) {		/* kill(pid, sig) */
		c.call = KS_CALL_KILL;
		c.tpid = (__s32)SYS_ARG1(regs);
		c.sig = (__s32)SYS_ARG2(regs);
	} else if (id == nr_tkill) {	/* tkill(tid, sig) */
		c.call = KS_CALL_TKILL;
		c.ttid = (__s32)SYS_ARG1(regs);
		c.sig = (__s32)SYS_ARG2(regs);
	} else if (id == nr_tgkill) {	/* tgkill(tgid, tid, sig) */
		c.call = KS_CALL_TGKILL;
		c.tpid = (__s32)SYS_ARG1(regs);
		c.ttid = (__s32)SYS_ARG2(regs);
		c.sig = (__s32)SYS_ARG3(regs);
	} else {
		return;
	}
	pt = bpf_get_current_pid_tgid();
	if (!tgid_ok(pt >> 32) || (targ_sig && c.sig != targ_sig))
		return;
	tid = (__u32)pt;
	bpf_map_update_elem(&calls, &tid, &c, BPF_ANY);
}

static __always_inline void on_exit(struct pt_regs *regs, long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct killsnoop_event *e;
	struct call *c = bpf_map_lookup_elem(&calls, &tid);

	if (!c)
		return;
	if (ret < 0 && (e = reserve(KS_FAILED_CALL, c->sig))) {
		e->call = c->call;
		e->tpid = c->tpid;
		e->ttid = c->ttid;
		e->code = 0;
		e->result = (__s32)ret;
		e->group = 0;
		e->tcomm[0] = '\0';
		bpf_ringbuf_submit(e, 0);
	}
	bpf_map_delete_elem(&calls, &tid);
}

SYSCALL_HOOKS

static __always_inline void generate(int sig, struct kernel_siginfo *info, struct task_struct *t,
				     int group, int result)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct killsnoop_event *e;
	struct call *c;

	if (!tgid_ok(bpf_get_current_pid_tgid() >> 32) || (targ_sig && sig != targ_sig) ||
	    (targ_failed && result == TRACE_SIGNAL_DELIVERED))
		return;
	e = reserve(KS_SIGNAL, sig);
	if (!e)
		return;
	c = bpf_map_lookup_elem(&calls, &tid);
	e->call = c ? c->call : KS_CALL_NONE;
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
