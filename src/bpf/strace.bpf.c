// SPDX-License-Identifier: GPL-2.0
/* strace: every syscall of the traced processes with its arguments and
 * result, from raw sys_enter/sys_exit (no ptrace: the process never stops).
 * The processes are a hash set of tgids filled by the user half (-p) and, with
 * follow, grown at sched_process_fork. Arguments that point into the process
 * are copied as descs[nr] says, bounded by STRACE_DATA, at exit (the kernel
 * has just touched those pages) or, for execve, at entry. */
#include "bpf/syscall.bpf.h"
#include "bpf/strace.h"

const volatile bool count_only = false;	/* -c: counters, no events */
const volatile bool follow = false;	/* -f: children join the set */

struct inflight {
	__u64 ts;
	__u64 args[6];
	__s32 nr;
	__u32 pad;
};

struct enter_copy {
	__u32 len, full_len;
	__u8 data[STRACE_DATA];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, STRACE_MAX_TGIDS);
	__type(key, __u32);
	__type(value, __u8);
} tgids SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, STRACE_MAX_NR);
	__type(key, __u32);
	__type(value, struct strace_desc);
} descs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, STRACE_INFLIGHT);
	__type(key, __u32);
	__type(value, struct inflight);
} start SEC(".maps");

/* slot 0 copied at entry (execve's path), by thread */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct enter_copy);
} entered SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct enter_copy);
} scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, STRACE_MAX_NR);
	__type(key, __u32);
	__type(value, struct strace_count);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, STRACE_RINGBUF);
} events SEC(".maps");

/* Copy what one argument points at into dst (STRACE_DATA bytes); returns the
 * bytes copied (with the NUL for a string), 0 when nothing was; *full is the
 * buffer's length before the cut. */
static __always_inline __u32 copy_arg(__u8 *dst, __u8 kind, const __u64 *args, __u8 ai,
				      __u8 li, long ret, __u32 *full)
{
	const void *p;
	__u64 len = 0;	/* 64-bit: a 32-bit one reaches the helper unclamped */
	__u32 l32 = 0;
	long n;

	if (ai > 5 || li > 5 || kind == SCAP_NONE)
		return 0;
	p = (const void *)args[ai];
	if (!p)
		return 0;
	switch (kind) {
	case SCAP_STR:
		n = bpf_probe_read_user_str(dst, STRACE_DATA, p);
		*full = n > 0 ? (__u32)n : 0;
		return n > 0 ? (__u32)n : 0;
	case SCAP_BUF_IN:
	case SCAP_SOCKADDR_IN:
		len = args[li] & 0xffffffffULL;
		break;
	case SCAP_BUF_OUT:
		if (ret <= 0)
			return 0;
		len = (__u64)ret & 0xffffffffULL;
		break;
	case SCAP_SOCKADDR_OUT:
		if (ret < 0 || !args[li] ||
		    bpf_probe_read_user(&l32, sizeof(l32), (const void *)args[li]))
			return 0;
		len = l32;
		break;
	default:
		return 0;
	}
	*full = (__u32)len;
	if (len > STRACE_DATA)
		len = STRACE_DATA;
	if (len == 0 || bpf_probe_read_user(dst, len, p))
		return 0;
	return (__u32)len;
}

static __always_inline void emit(struct inflight *f, const struct strace_desc *d, long ret,
				 __u64 now, __u32 flags)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct strace_event *e;
	struct enter_copy *c;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		count_drop();
		return;
	}
	e->ts_ns = now;
	e->dur_ns = now - f->ts;
	e->pid = pid_tgid >> 32;
	e->tid = tid;
	e->nr = f->nr;
	e->flags = flags;
	e->ret = ret;
	for (int i = 0; i < 6; i++)
		e->args[i] = f->args[i];
	e->len[0] = e->len[1] = 0;
	e->full_len[0] = e->full_len[1] = 0;
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	if (d->at_enter) {
		c = bpf_map_lookup_elem(&entered, &tid);
		if (c) {
			e->len[0] = (__u16)c->len;
			e->full_len[0] = c->full_len;
			bpf_probe_read_kernel(e->data[0], sizeof(e->data[0]), c->data);
			bpf_map_delete_elem(&entered, &tid);
		}
	} else {
		e->len[0] = (__u16)copy_arg(e->data[0], d->kind[0], f->args, d->arg[0],
					    d->len_arg[0], ret, &e->full_len[0]);
	}
	e->len[1] = (__u16)copy_arg(e->data[1], d->kind[1], f->args, d->arg[1], d->len_arg[1],
				    ret, &e->full_len[1]);
	/* A wakeup per event: batching them (BPF_RB_NO_WAKEUP until an eighth
	 * of the buffer is filled) did not make the traced process faster
	 * (bench/RESULTS.md, section 6) and delays the lines. */
	bpf_ringbuf_submit(e, 0);
}

static __always_inline void on_enter(struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tgid = pid_tgid >> 32, tid = (__u32)pid_tgid, nr, zero = 0;
	struct inflight f = { 0 };
	struct strace_desc *d;
	struct enter_copy *c;

	if (id < 0 || id >= STRACE_MAX_NR || !bpf_map_lookup_elem(&tgids, &tgid))
		return;
	nr = (__u32)id;
	d = bpf_map_lookup_elem(&descs, &nr);
	if (!d || !d->traced)
		return;
	f.ts = bpf_ktime_get_ns();
	f.nr = (__s32)id;
	f.args[0] = SYS_ARG1(regs);
	f.args[1] = SYS_ARG2(regs);
	f.args[2] = SYS_ARG3(regs);
	f.args[3] = SYS_ARG4(regs);
	f.args[4] = SYS_ARG5(regs);
	f.args[5] = SYS_ARG6(regs);
	if (d->noreturn) {
		if (count_only) {
			struct strace_count *k = bpf_map_lookup_elem(&counts, &nr);

			if (k)
				k->calls++;
		} else {
			emit(&f, d, 0, f.ts, STRACE_EV_NORETURN);
		}
		return;
	}
	if (d->at_enter && !count_only) {
		c = bpf_map_lookup_elem(&scratch, &zero);
		if (c) {
			c->full_len = 0;
			c->len = copy_arg(c->data, d->kind[0], f.args, d->arg[0], d->len_arg[0], 0,
					  &c->full_len);
			bpf_map_update_elem(&entered, &tid, c, BPF_ANY);
		}
	}
	bpf_map_update_elem(&start, &tid, &f, BPF_ANY);
}

static __always_inline void on_exit(struct pt_regs *regs, long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid(), nr;
	struct strace_count *k;
	struct strace_desc *d;
	struct inflight *f;
	__u64 now;

	f = bpf_map_lookup_elem(&start, &tid);
	if (!f)
		return;	/* entered before tracing began, or not traced */
	now = bpf_ktime_get_ns();
	nr = (__u32)f->nr;
	if (count_only) {
		k = bpf_map_lookup_elem(&counts, &nr);
		if (k) {
			k->calls++;
			if (ret < 0 && ret >= -4095)
				k->errors++;
			k->total_ns += now - f->ts;
		}
	} else {
		d = bpf_map_lookup_elem(&descs, &nr);
		if (d)
			emit(f, d, ret, now, 0);
	}
	bpf_map_delete_elem(&start, &tid);
}

SYSCALL_HOOKS

static __always_inline void on_fork(struct task_struct *parent, struct task_struct *child)
{
	__u32 ptgid = BPF_CORE_READ(parent, tgid), ctgid = BPF_CORE_READ(child, tgid);
	__u8 one = 1;

	if (follow && ptgid != ctgid && bpf_map_lookup_elem(&tgids, &ptgid))
		bpf_map_update_elem(&tgids, &ctgid, &one, BPF_ANY);
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(fork_btf, struct task_struct *parent, struct task_struct *child)
{
	on_fork(parent, child);
	return 0;
}

SEC("raw_tp/sched_process_fork")
int BPF_PROG(fork_raw, struct task_struct *parent, struct task_struct *child)
{
	on_fork(parent, child);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
