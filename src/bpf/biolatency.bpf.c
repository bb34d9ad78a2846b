// SPDX-License-Identifier: GPL-2.0
/* biolatency: block I/O latency, issue (or insert with -Q) to completion, as
 * log2 histograms; from the block_rq_insert/issue/complete tracepoints
 * (signatures of kernels >= 5.11, where the request_queue argument went). */
#include "bpf/block.bpf.h"
#include "bpf/hist.h"

const volatile bool targ_queued = false;	/* from insert: include queue time */
const volatile bool targ_ms = false;
const volatile __u32 targ_key = BIOLAT_KEY_NONE;
const volatile __u32 targ_dev = 0;	/* only this disk (dev_t), 0 = all */

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, BLOCK_MAX_INFLIGHT);
	__type(key, struct request *);
	__type(value, __u64);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, HIST_MAX_ENTRIES);
	__type(key, __u32);
	__type(value, struct hist);
} hists SEC(".maps");

static struct hist zero_hist;

static __always_inline bool dev_ok(struct request *rq)
{
	return !targ_dev || block_dev(request_disk(rq)) == targ_dev;
}

static __always_inline void stamp(struct request *rq, bool insert)
{
	__u64 ts;

	if (insert != targ_queued || !dev_ok(rq))
		return;
	ts = bpf_ktime_get_ns();
	if (bpf_map_update_elem(&start, &rq, &ts, BPF_ANY))
		count_drop();	/* more requests in flight than BLOCK_MAX_INFLIGHT */
}

static __always_inline void complete(struct request *rq)
{
	struct gendisk *disk;
	__u64 *tsp, delta;
	struct hist *h;
	__u32 key = 0;

	tsp = bpf_map_lookup_elem(&start, &rq);
	if (!tsp)
		return;
	delta = bpf_ktime_get_ns() - *tsp;
	bpf_map_delete_elem(&start, &rq);
	if ((__s64)delta < 0)
		return;
	delta /= targ_ms ? 1000000U : 1000U;
	disk = request_disk(rq);
	if (targ_key == BIOLAT_KEY_DISK)
		key = block_dev(disk);
	else if (targ_key == BIOLAT_KEY_FLAGS)
		key = block_flags(rq);
	h = lookup_or_init(&hists, &key, &zero_hist);
	if (!h) {
		count_drop();
		return;
	}
	if (targ_key == BIOLAT_KEY_DISK && !h->comm[0])
		BPF_CORE_READ_STR_INTO(&h->comm, disk, disk_name);
	__sync_fetch_and_add(&h->slots[hist_slot(delta)], 1);
	__sync_fetch_and_add(&h->sum, delta);
}

SEC("tp_btf/block_rq_insert")
int BPF_PROG(insert_btf, struct request *rq) { stamp(rq, true); return 0; }
SEC("tp_btf/block_rq_issue")
int BPF_PROG(issue_btf, struct request *rq) { stamp(rq, false); return 0; }
SEC("tp_btf/block_rq_complete")
int BPF_PROG(complete_btf, struct request *rq) { complete(rq); return 0; }
SEC("raw_tp/block_rq_insert")
int BPF_PROG(insert_raw, struct request *rq) { stamp(rq, true); return 0; }
SEC("raw_tp/block_rq_issue")
int BPF_PROG(issue_raw, struct request *rq) { stamp(rq, false); return 0; }
SEC("raw_tp/block_rq_complete")
int BPF_PROG(complete_raw, struct request *rq) { complete(rq); return 0; }

char LICENSE[] SEC("license") = "GPL";
