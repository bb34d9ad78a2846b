// SPDX-License-Identifier: GPL-2.0
/* cachestat, system-wide: page-cache accesses, additions and dirtyings, in
 * pages, from the filemap and writeback tracepoints (bcc's cachestat uses
 * kprobes on mark_page_accessed & co., which this kernel does not have).
 *
 * mm_filemap_get_pages fires at the end of each filemap_get_pages() with the
 * range the read still wants (index..last_index); a read larger than one
 * folio batch (31 folios) calls it again from where the batch ended, to the
 * same last_index: such a continuation is not counted again (the thread's
 * memory of its last range). The range is cut at the file's end.
 * mm_filemap_fault (a fault that looks the page up) and mm_filemap_map_pages
 * (a read fault served from the cache, with fault-around) count one access
 * each: the window fault-around maps is not what the process will touch. */
#include "bpf/common.bpf.h"
#include "bpf/cachestat.h"

#define PAGE_SHIFT 12

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, CS__COUNT);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

/* Per thread (task storage: a read that waits for I/O often wakes on another
 * CPU): its last read range (continuations) and the last folio it added (a
 * write dirties the folio it just added). */
struct last {
	__u64 mapping, index, end;
	__u64 added;		/* folio pointer */
	__u64 added_nr;
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct last);
} lasts SEC(".maps");

static __always_inline void add(__u32 ctr, __u64 n)
{
	__u64 *v = bpf_map_lookup_elem(&counts, &ctr);

	if (v)
		*v += n;	/* per-CPU slot, tracepoints do not nest on one CPU */
}

/* NULL (not counted as a continuation) when no memory for it */
static __always_inline struct last *last_of(void)
{
	return bpf_task_storage_get(&lasts, bpf_get_current_task_btf(), NULL,
				    BPF_LOCAL_STORAGE_GET_F_CREATE);
}

static __always_inline bool pass(void)
{
	return tgid_ok(bpf_get_current_pid_tgid() >> 32);
}

/* folio_nr_pages(): 1 << folio_order(), the order in _flags_1 of a large
 * (PG_head) folio. folio->flags is memdesc_flags_t (one long) since 6.18. */
static __always_inline __u64 folio_pages(struct folio *f)
{
	unsigned long fl = 0, f1 = 0;

	bpf_core_read(&fl, sizeof(fl), &f->flags);
	if (!(fl & (1UL << bpf_core_enum_value(enum pageflags, PG_head))))
		return 1;
	if (!bpf_core_field_exists(f->_flags_1))
		return 1;
	f1 = BPF_CORE_READ(f, _flags_1);
	return 1ULL << (f1 & 0xff);
}

/* last page index of the mapping's file, ~0 when empty or unreadable; btf
 * (a constant): m is a BTF pointer (tp_btf), read directly, not by helper */
static __always_inline __u64 eof_index(struct address_space *m, bool btf)
{
	long long size = btf ? m->host->i_size : BPF_CORE_READ(m, host, i_size);

	return size > 0 ? (__u64)(size - 1) >> PAGE_SHIFT : ~0ULL;
}

/* pages of index..end (inclusive) before the end of the file */
static __always_inline __u64 span(struct address_space *m, __u64 index, __u64 end, bool btf)
{
	__u64 eof = eof_index(m, btf);

	if (eof != ~0ULL && end > eof)
		end = eof;
	return end >= index ? end - index + 1 : 0;
}

static __always_inline void on_read(struct address_space *m, __u64 index, __u64 end, bool btf)
{
	struct last *l;

	if (!pass())
		return;
	l = last_of();
	if (l && l->mapping == (__u64)m && l->end == end && index > l->index &&
	    index <= end) {
		l->index = index;	/* the same read, its next batch */
		return;
	}
	if (l) {
		l->mapping = (__u64)m;
		l->index = index;
		l->end = end;
	}
	add(CS_READ, span(m, index, end, btf));
}

static __always_inline void on_add(struct folio *f)
{
	struct last *l;
	__u64 nr;

	if (!pass())
		return;
	nr = folio_pages(f);
	add(CS_ADD, nr);
	l = last_of();
	if (l) {
		l->added = (__u64)f;
		l->added_nr = nr;
	}
}

static __always_inline void on_dirty(struct folio *f)
{
	struct last *l;
	__u64 nr;

	if (!pass())
		return;
	nr = folio_pages(f);
	add(CS_DIRTY, nr);
	l = last_of();
	if (l && l->added == (__u64)f) {
		add(CS_WRITE_ADD, l->added_nr);
		l->added = 0;
	}
}

SEC("tp_btf/mm_filemap_get_pages")
int BPF_PROG(cs_read_btf, struct address_space *m, unsigned long index, unsigned long last)
{
	on_read(m, index, last, true);
	return 0;
}

SEC("raw_tp/mm_filemap_get_pages")
int BPF_PROG(cs_read_raw, struct address_space *m, unsigned long index, unsigned long last)
{
	on_read(m, index, last, false);
	return 0;
}

SEC("tp_btf/mm_filemap_fault")
int BPF_PROG(cs_fault_btf, struct address_space *m, unsigned long index)
{
	if (pass())
		add(CS_FAULT, 1);
	return 0;
}

SEC("raw_tp/mm_filemap_fault")
int BPF_PROG(cs_fault_raw, struct address_space *m, unsigned long index)
{
	if (pass())
		add(CS_FAULT, 1);
	return 0;
}

SEC("tp_btf/mm_filemap_map_pages")
int BPF_PROG(cs_map_btf, struct address_space *m, unsigned long start, unsigned long end)
{
	if (pass())
		add(CS_MAP, 1);
	return 0;
}

SEC("raw_tp/mm_filemap_map_pages")
int BPF_PROG(cs_map_raw, struct address_space *m, unsigned long start, unsigned long end)
{
	if (pass())
		add(CS_MAP, 1);
	return 0;
}

SEC("tp_btf/mm_filemap_add_to_page_cache")
int BPF_PROG(cs_add_btf, struct folio *f)
{
	on_add(f);
	return 0;
}

SEC("raw_tp/mm_filemap_add_to_page_cache")
int BPF_PROG(cs_add_raw, struct folio *f)
{
	on_add(f);
	return 0;
}

SEC("tp_btf/writeback_dirty_folio")
int BPF_PROG(cs_dirty_btf, struct folio *f, struct address_space *m)
{
	on_dirty(f);
	return 0;
}

SEC("raw_tp/writeback_dirty_folio")
int BPF_PROG(cs_dirty_raw, struct folio *f, struct address_space *m)
{
	on_dirty(f);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
