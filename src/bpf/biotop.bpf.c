// SPDX-License-Identifier: GPL-2.0
/* biotop: block I/O counted per (submitting process, disk, op). The process
 * is the task current at block_io_start (blk_account_io_start, in the
 * submitter's context, Linux 6.5+), else at block_rq_insert, else at
 * block_rq_issue; completion runs in interrupt or another task's context.
 * Latency is issue -> completion. A request completed in parts
 * (block_rq_complete with fewer bytes than are left) is counted once, when
 * its last part completes. */
#include "bpf/block.bpf.h"
#include "bpf/biotop.h"

struct who {
	__u64 issue_ns;
	__u64 done;		/* bytes of earlier partial completions */
	__u32 pid;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, BLOCK_MAX_INFLIGHT);
	__type(key, struct request *);
	__type(value, struct who);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, BIOTOP_MAX_ROWS);
	__type(key, struct biotop_key);
	__type(value, struct biotop_val);
} counts SEC(".maps");

/* The submitter: the first of io_start, insert, issue to see the request.
 * io_start begins a request's life: it replaces what a request at the same
 * address left (one freed without completing, as when merged away). */
static __always_inline void seen(struct request *rq, bool issue, bool fresh)
{
	struct who w = { 0 }, *p = fresh ? NULL : bpf_map_lookup_elem(&start, &rq);

	if (p) {
		if (issue)
			p->issue_ns = bpf_ktime_get_ns();
		return;
	}
	w.pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(&w.comm, sizeof(w.comm));
	if (issue)
		w.issue_ns = bpf_ktime_get_ns();
	if (bpf_map_update_elem(&start, &rq, &w, BPF_ANY))
		count_drop();
}

static __always_inline void account(struct request *rq, struct who *w, __u64 bytes)
{
	struct biotop_key k = { .pid = w->pid };
	struct biotop_val zero = { 0 }, *v;

	if (!tgid_ok(w->pid) || !w->issue_ns)
		return;
	k.dev = block_dev(request_disk(rq));
	k.op = block_flags(rq) & BLK_OP_MASK;
	__builtin_memcpy(k.comm, w->comm, sizeof(k.comm));
	v = lookup_or_init(&counts, &k, &zero);
	if (!v) {
		count_drop();
		return;
	}
	__sync_fetch_and_add(&v->io, 1);
	__sync_fetch_and_add(&v->bytes, bytes);
	__sync_fetch_and_add(&v->lat_ns, bpf_ktime_get_ns() - w->issue_ns);
}

static __always_inline void complete(struct request *rq, unsigned int nr_bytes)
{
	struct who *w = bpf_map_lookup_elem(&start, &rq);

	if (!w)
		return;
	if (nr_bytes && nr_bytes < BPF_CORE_READ(rq, __data_len)) {
		w->done += nr_bytes;	/* a part: the rest completes later */
		return;
	}
	account(rq, w, w->done + nr_bytes);
	bpf_map_delete_elem(&start, &rq);
}

SEC("tp_btf/block_io_start")
int BPF_PROG(io_start_btf, struct request *rq) { seen(rq, false, true); return 0; }
SEC("tp_btf/block_rq_insert")
int BPF_PROG(insert_btf, struct request *rq) { seen(rq, false, false); return 0; }
SEC("tp_btf/block_rq_issue")
int BPF_PROG(issue_btf, struct request *rq) { seen(rq, true, false); return 0; }
SEC("tp_btf/block_rq_complete")
int BPF_PROG(complete_btf, struct request *rq, int error, unsigned int nr_bytes)
{
	complete(rq, nr_bytes);
	return 0;
}
SEC("raw_tp/block_io_start")
int BPF_PROG(io_start_raw, struct request *rq) { seen(rq, false, true); return 0; }
SEC("raw_tp/block_rq_insert")
int BPF_PROG(insert_raw, struct request *rq) { seen(rq, false, false); return 0; }
SEC("raw_tp/block_rq_issue")
int BPF_PROG(issue_raw, struct request *rq) { seen(rq, true, false); return 0; }
SEC("raw_tp/block_rq_complete")
int BPF_PROG(complete_raw, struct request *rq, int error, unsigned int nr_bytes)
{
	complete(rq, nr_bytes);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
