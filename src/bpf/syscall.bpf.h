/* Syscall arguments from the raw sys_enter/sys_exit tracepoints (no tracefs
 * needed, unlike syscalls:sys_enter_*). The regs are the user registers at
 * entry; PT_REGS_PARMn_CORE_SYSCALL picks the syscall ABI's registers. */
#ifndef TRIAGE_BPF_SYSCALL_BPF_H
#define TRIAGE_BPF_SYSCALL_BPF_H

#include "bpf/common.bpf.h"

#define SYS_ARG1(regs) PT_REGS_PARM1_CORE_SYSCALL(regs)
#define SYS_ARG2(regs) PT_REGS_PARM2_CORE_SYSCALL(regs)
#define SYS_ARG3(regs) PT_REGS_PARM3_CORE_SYSCALL(regs)
#define SYS_ARG4(regs) PT_REGS_PARM4_CORE_SYSCALL(regs)
#define SYS_ARG5(regs) PT_REGS_PARM5_CORE_SYSCALL(regs)
/* libbpf 1.1 has no PARM6 for syscalls: the sixth register of each ABI */
#if defined(__TARGET_ARCH_x86)
#define SYS_ARG6(regs) BPF_CORE_READ(regs, r9)
#elif defined(__TARGET_ARCH_arm64)
#define SYS_ARG6(regs) BPF_CORE_READ((struct user_pt_regs *)regs, regs[5])
#else
#define SYS_ARG6(regs) 0
#endif

/* The syscall number at exit: what syscall_get_nr() reads on each arch. */
static __always_inline long sys_exit_nr(struct pt_regs *regs)
{
#if defined(__TARGET_ARCH_x86)
	return BPF_CORE_READ(regs, orig_ax);
#elif defined(__TARGET_ARCH_arm64)
	return BPF_CORE_READ((struct user_pt_regs *)regs, regs[8]);
#else
	return -1;
#endif
}

/* Hooks for a tool: define on_enter(regs, id) and on_exit(regs, ret) first. */
#define SYSCALL_HOOKS							\
SEC("tp_btf/sys_enter")							\
int BPF_PROG(sys_enter_btf, struct pt_regs *regs, long id)		\
{ on_enter(regs, id); return 0; }					\
SEC("tp_btf/sys_exit")							\
int BPF_PROG(sys_exit_btf, struct pt_regs *regs, long ret)		\
{ on_exit(regs, ret); return 0; }					\
SEC("raw_tp/sys_enter")							\
int BPF_PROG(sys_enter_raw, struct pt_regs *regs, long id)		\
{ on_enter(regs, id); return 0; }					\
SEC("raw_tp/sys_exit")							\
int BPF_PROG(sys_exit_raw, struct pt_regs *regs, long ret)		\
{ on_exit(regs, ret); return 0; }

#endif
