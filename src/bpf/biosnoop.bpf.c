// SPDX-License-Identifier: GPL-2.0
/* biosnoop: one event per completed block request, with its latency, queue
 * time, size, sector and the task that queued it. */
#include "bpf/block.bpf.h"

const volatile __u32 targ_dev = 0;	/* only this disk (dev_t), 0 = all */

struct stamp {
	__u64 insert_ns, issue_ns;
	__u32 pid;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, BLOCK_MAX_INFLIGHT);
	__type(key, struct request *);
	__type(value, struct stamp);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

static __always_inline void stamp(struct request *rq, bool insert)
{
	struct stamp s = { 0 }, *p;
	__u64 id = bpf_get_current_pid_tgid();

	if (targ_dev && block_dev(request_disk(rq)) != targ_dev)
		return;
	p = bpf_map_lookup_elem(&start, &rq);
	if (p) {
		if (!insert)
			p->issue_ns = bpf_ktime_get_ns();
		return;
	}
	if (insert)
		s.insert_ns = bpf_ktime_get_ns();
	else
		s.issue_ns = bpf_ktime_get_ns();
	if (!tgid_ok(id >> 32))
		return;
	s.pid = id >> 32;
	bpf_get_current_comm(&s.comm, sizeof(s.comm));
	if (bpf_map_update_elem(&start, &rq, &s, BPF_ANY))
		count_drop();
}

static __always_inline void complete(struct request *rq, unsigned int nr_bytes)
{
	struct biosnoop_event *e;
	struct gendisk *disk;
	struct stamp *s;
	__u64 now = bpf_ktime_get_ns();

	s = bpf_map_lookup_elem(&start, &rq);
	if (!s)
		return;
	if (!s->issue_ns)
		goto out;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		count_drop();
		goto out;
	}
	disk = request_disk(rq);
	e->ts_ns = now;
	e->lat_ns = now - s->issue_ns;
	e->queue_ns = s->insert_ns ? s->issue_ns - s->insert_ns : 0;
	e->sector = BPF_CORE_READ(rq, __sector);
	e->bytes = nr_bytes;
	e->flags = block_flags(rq);
	e->dev = block_dev(disk);
	e->pid = s->pid;
	__builtin_memcpy(e->comm, s->comm, sizeof(e->comm));
	BPF_CORE_READ_STR_INTO(&e->disk, disk, disk_name);
	bpf_ringbuf_submit(e, 0);
out:
	bpf_map_delete_elem(&start, &rq);
}

SEC("tp_btf/block_rq_insert")
int BPF_PROG(insert_btf, struct request *rq) { stamp(rq, true); return 0; }
SEC("tp_btf/block_rq_issue")
int BPF_PROG(issue_btf, struct request *rq) { stamp(rq, false); return 0; }
SEC("tp_btf/block_rq_complete")
int BPF_PROG(complete_btf, struct request *rq, int error, unsigned int nr_bytes)
{
	complete(rq, nr_bytes);
	return 0;
}
SEC("raw_tp/block_rq_insert")
int BPF_PROG(insert_raw, struct request *rq) { stamp(rq, true); return 0; }
SEC("raw_tp/block_rq_issue")
int BPF_PROG(issue_raw, struct request *rq) { stamp(rq, false); return 0; }
SEC("raw_tp/block_rq_complete")
int BPF_PROG(complete_raw, struct request *rq, int error, unsigned int nr_bytes)
{
	complete(rq, nr_bytes);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
