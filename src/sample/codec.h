/* The sample codec: a struct sample to bytes and back. The flight recorder's
 * store (store/) keeps these bytes, compressed with zstd against the previous
 * record (that is the delta encoding: a part or a process that did not change
 * costs next to nothing), and knows nothing of what is inside.
 *
 * Format, version 1. All integers little-endian.
 *
 *   header   u32 magic "TSM1" (0x314d5354), u16 version (1), u16 flags (0),
 *            i64 t_ns (CLOCK_REALTIME), i64 mono_ns (CLOCK_MONOTONIC),
 *            u32 want (the parts asked for, bit = sample/parts.def id)
 *   sections until the end of the record: u16 tag, u32 length, payload
 *     0x0100 + id   a host part: the file's bytes exactly as read
 *     0x0200 + id   a host part asked for and not read: i32 -errno
 *     0x0300        the process scan (codec_procs.c documents its payload)
 *     0x0301        the process scan failed: i32 -errno
 *     0x0400        the processes that ended since the previous sample, with
 *                   their final counters (the recorder's exit program,
 *                   bpf/exitstat.h; codec_exited.c documents the payload);
 *                   absent: not known (no BPF, or recorded before this section)
 *     0x0401        exits are not recorded: i32 -errno and one line saying
 *                   why, in the first record after the recorder (re)opened
 *     0x0500        kernel-log records since the previous sample: the raw
 *                   /dev/kmsg record text (sources/kmsg_follow.h), read back by
 *                   kmsg_parse; an empty section: none arrived
 *     0x0501        the kernel log could not be read: i32 -errno
 *     0x0600        sys/block: disks, partitions, attributes (sample_extra.c)
 *     0x0700        sys/class/net of each interface (sample_extra.c)
 *     0x0800        the CPU counts (sources/sys_cpu.h): i32 nr, i32 online
 *     0x0900        the local filesystems' space, statvfs text (sample_extra.c)
 *     0x0a00        TCP sockets by state and the listeners (sample_extra.c)
 *     0x0a01        the socket dump failed: i32 -errno
 *     0x0a02        after 0x0a00, the family split (ss -s): u32 nstates, u64
 *                   IPv6 TCP sockets per state, u64 UDP IPv4, u64 UDP IPv6
 *                   sockets (recordings without it: the split is unknown)
 *     0x0b00        the cgroups, v2 and v1: each group's raw counters, in path
 *                   order, at most SAMPLE_MAX_CGROUPS (sample_cgroups.c)
 *     0x0b01        the cgroups could not be read: i32 -errno
 *     0x0c00        thread states: per process, the aggregates of one sample of
 *                   its threads (state counts, waits) (sample_threads.c)
 *     0x0c01        the threads could not be sampled: i32 -errno
 *
 * Host parts are kept as text so that a recording replays through the same
 * parser that reads the live file (a parser fixed later re-reads old
 * recordings correctly). Readers skip sections whose tag they do not know,
 * so new sections do not need a new version; a different magic or a newer
 * major version is refused. Part ids are never renumbered (parts.def). */
#ifndef TRIAGE_SAMPLE_CODEC_H
#define TRIAGE_SAMPLE_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "sample/bytes.h"
#include "sample/sample.h"

#define SAMPLE_CODEC_MAGIC 0x314d5354u	/* "TSM1" */
#define SAMPLE_CODEC_VERSION 1

enum sample_tag {
	SAMPLE_TAG_PART = 0x0100,
	SAMPLE_TAG_PART_ERR = 0x0200,
	SAMPLE_TAG_PROCS = 0x0300,
	SAMPLE_TAG_PROCS_ERR = 0x0301,
	SAMPLE_TAG_EXITED = 0x0400,
	SAMPLE_TAG_EXITED_NOTE = 0x0401,
	SAMPLE_TAG_KMSG = 0x0500,
	SAMPLE_TAG_KMSG_ERR = 0x0501,
	SAMPLE_TAG_BLOCKS = 0x0600,
	SAMPLE_TAG_LINKS = 0x0700,
	SAMPLE_TAG_NCPU = 0x0800,
	SAMPLE_TAG_STATVFS = 0x0900,
	SAMPLE_TAG_SOCKS = 0x0a00,
	SAMPLE_TAG_SOCKS_ERR = 0x0a01,
	SAMPLE_TAG_SOCKS_SPLIT = 0x0a02,
	SAMPLE_TAG_CGROUPS = 0x0b00,
	SAMPLE_TAG_CGROUPS_ERR = 0x0b01,
	SAMPLE_TAG_THREADS = 0x0c00,
	SAMPLE_TAG_THREADS_ERR = 0x0c01,
};

/* Append the encoding of s to w (w->err says whether it fit). */
void sample_encode(const struct sample *s, struct bw *w);

/* Rebuild out (empty: sample_init) from len bytes. Returns 0, -EBADMSG for
 * a record that is damaged or cut, -EPROTONOSUPPORT for another format or
 * version, -ENOMEM. out->live is false: a replayed sample. */
int sample_decode(const void *data, size_t len, struct sample *out);

/* A deep copy of src into dst (empty), through the codec: what the codec
 * stores (the whole sample but the task iterator's origin) and its flags.
 * For a command that keeps a sample longer than the loop does (sar's
 * first sample, for the Average). Returns 0 or -ENOMEM. */
int sample_copy(const struct sample *src, struct sample *dst);

/* The process scan's payload (codec_procs.c). */
void sample_encode_procs(const struct proc_pid_sample *ps, struct bw *w);
int sample_decode_procs(struct br *r, struct proc_pid_sample *out);

/* The exited processes' payload and the no-BPF note (codec_exited.c). */
void sample_encode_exited(const struct exited_list *l, struct bw *w);
int sample_decode_exited(struct br *r, struct exited_list *out);
void sample_encode_exited_note(int err, const char *why, struct bw *w);
int sample_decode_exited_note(struct br *r, struct sample *out);

#endif
