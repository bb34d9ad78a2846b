/* biotop: block I/O per process, disk and direction, counted in a bounded
 * hash map that the user half reads and clears every interval. Types shared
 * by biotop.bpf.c and biotop.c, and the user half's API. */
#ifndef TRIAGE_BPF_BIOTOP_H
#define TRIAGE_BPF_BIOTOP_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define BIOTOP_MAX_ROWS 10240	/* (process, disk, op) rows per interval */

struct biotop_key {
	__u32 pid;		/* thread group that submitted the request (0: unknown) */
	__u32 dev;		/* the whole disk, kernel dev_t: major << 20 | minor */
	__u32 op;		/* REQ_OP_*: 0 read, 1 write, 2 flush, 3 discard ... */
	char comm[16];		/* the submitting thread's name */
};

struct biotop_val {
	__u64 io;		/* completed requests */
	__u64 bytes;
	__u64 lat_ns;		/* sum of issue -> completion */
};

#ifndef __VMLINUX_H__
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct bpf_env_err;
struct biotop;

struct biotop_row {
	struct biotop_key k;
	struct biotop_val v;
};

/* Only I/O submitted by pid (0: all). */
int biotop_open(pid_t pid, struct biotop **out, struct bpf_env_err *e);
/* Take every row counted since the last call (read and deleted from the
 * map): *rows (malloc'd, free it) and *n. Returns 0 or -errno. */
int biotop_take(struct biotop *b, struct biotop_row **rows, size_t *n);
/* Requests not counted since the start because a map was full. */
uint64_t biotop_dropped(struct biotop *b);
/* True when the submitting task comes from block_io_start (Linux 6.5+),
 * false when from block_rq_insert/issue (issuing context). */
int biotop_io_start(const struct biotop *b);
void biotop_close(struct biotop *b);
#endif

#endif
