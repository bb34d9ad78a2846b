/* Records of a perf_event ring buffer: layouts in sources/perf_event.h. */
#ifndef TRIAGE_SOURCES_PERF_RECORD_H
#define TRIAGE_SOURCES_PERF_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- records --------------------------------------------------------- */

#define PERF_MAX_STACK 127	/* kernel.perf_event_max_stack's default */

enum perf_ctx { PCTX_NONE, PCTX_KERNEL, PCTX_USER };

struct perf_sample {
	uint64_t ip;
	uint32_t pid, tid, cpu;
	uint64_t time, period;
	uint32_t nr;			/* frames kept in ips (<= PERF_MAX_STACK) */
	uint32_t nr_dropped;		/* frames beyond PERF_MAX_STACK */
	uint64_t ips[PERF_MAX_STACK];
	uint8_t ctx[PERF_MAX_STACK];	/* enum perf_ctx of each frame */
};

struct perf_mmap_rec {
	uint32_t pid, tid;
	uint64_t addr, len, pgoff;
	uint32_t maj, min;		/* MMAP2 only (else 0) */
	uint64_t ino;
	uint32_t prot;
	bool exec;			/* PROT_EXEC (MMAP: !PERF_RECORD_MISC_MMAP_DATA) */
	char filename[4096];
};

struct perf_record {
	uint32_t type;			/* PERF_RECORD_* */
	uint16_t misc;
	union {
		struct perf_sample sample;
		struct perf_mmap_rec mmap;
		struct { uint32_t pid, tid; char comm[16]; bool exec; } comm;
		struct { uint32_t pid, ppid, tid, ptid; uint64_t time; } exit;
		struct { uint64_t lost; } lost;
	} u;
};

/* Parse one record of len bytes (its header included), written by an event
 * with the sample_type of perf_sampler. Unknown record types parse to their
 * type with nothing else. Returns 0 or -EINVAL when a length or count does
 * not fit in len (the record is then skipped). */
int perf_record_parse(const void *buf, size_t len, struct perf_record *out);

#endif
