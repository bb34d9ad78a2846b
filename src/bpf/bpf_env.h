/* What every BPF user half shares: libbpf's logging, the tp_btf/raw_tp
 * choice, the cgroup filter, lost-event counters, and turning a failure into
 * one line that names what is missing and what to do.
 *
 * Nothing here prints except libbpf itself, and that only after
 * bpf_env_verbose(true) (the tools' -v). */
#ifndef TRIAGE_BPF_BPF_ENV_H
#define TRIAGE_BPF_BPF_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bpf_object;
struct bpf_object_skeleton;
struct bpf_map;
struct ring_buffer;
struct root;

/* libbpf's ring_buffer_sample_fn, without its header here (linux/bpf.h's
 * enum bpf_cmd would clash with cmd/bpf_cmd.h). */
typedef int (*bpf_env_sample_fn)(void *ctx, void *data, size_t size);

/* Why a tool could not start: the step, the errno, and what it was about. */
struct bpf_env_err {
	int err;		/* negative errno */
	const char *step;	/* "load", "attach", "cgroup" ... */
	char what[96];		/* the program, tracepoint, path ... ("" when none) */
};

/* Route libbpf's messages to stderr (verbose) or drop them (default). */
void bpf_env_verbose(bool on);

/* Before loading anything: the live root has BTF (sys/kernel/btf/vmlinux) and
 * we are root or hold CAP_BPF+CAP_PERFMON. Returns 0 or fills e. */
int bpf_env_check(const struct root *r, struct bpf_env_err *e);

/* Keep the programs of one attach flavour: with btf, the "tp_btf/" ones (and
 * every other section); without, the "raw_tp/" ones. Call between open and
 * load. */
void bpf_env_pick(struct bpf_object *obj, bool btf);

/* True when TRIAGE_BPF_RAW_TP=1 is in the environment: skip the tp_btf
 * programs and load the raw_tp fallbacks (what a kernel without BTF-typed
 * tracepoints gets), so that the tests exercise both. */
bool bpf_env_raw_only(void);

/* After a failed skeleton attach: the name of the first program that has no
 * link (the one that failed), or "" when none. */
const char *bpf_env_failed_prog(const struct bpf_object_skeleton *s);

/* Put the cgroup v2 directory path into the object's cgroup_map[0]. */
int bpf_env_set_cgroup(struct bpf_map *cgroup_map, const char *path, struct bpf_env_err *e);

/* Sum over the CPUs of entry index of a per-CPU array of __u64 counters.
 * Returns 0 when unreadable. */
uint64_t bpf_env_percpu_sum(struct bpf_map *counters, uint32_t index);

/* Sum of the per-CPU "dropped" counter (events the ring buffer had no room
 * for). Returns 0 when unreadable. */
uint64_t bpf_env_dropped(struct bpf_map *dropped);

/* Take every entry out of a hash map of counts (the interval tools: filetop,
 * tcptop): the keys first, into keys (room for max keys of the map's key
 * size; deleting while walking would restart the walk), then each entry
 * looked up and deleted in one step into val (the map's value size) and
 * handed to fn(ctx, key, val). Returns 0, or the first error of fn. */
typedef int (*bpf_env_entry_fn)(void *ctx, const void *key, const void *val);
int bpf_env_map_drain(struct bpf_map *m, void *keys, size_t max, void *val, bpf_env_entry_fn fn,
		      void *ctx);

/* Sleep seconds on CLOCK_MONOTONIC; returns early (-EINTR) once SIGINT or
 * SIGTERM arrived (core/sampler.h's handlers). 0 when the time was slept. */
int bpf_env_sleep(double seconds);

/* The common tail of an event tool's open, once its skeleton is loaded: the
 * cgroup filter (when cgroup_map and cgroup are set), a ring buffer on events
 * calling fn(ctx, ...), and the attach of every program of sk. tool names it
 * in messages. Returns 0 or the negative errno, with e filled. */
int bpf_env_ring_start(struct bpf_object_skeleton *sk, struct bpf_map *events,
		       struct bpf_map *cgroup_map, const char *cgroup,
		       bpf_env_sample_fn fn, void *ctx, struct ring_buffer **rb,
		       const char *tool, struct bpf_env_err *e);

/* Fill e and return err (negative errno). */
int bpf_env_fail(struct bpf_env_err *e, int err, const char *step, const char *what);

/* One line for the user, without "triage: CMD: ": what failed, why, and what
 * to do about it. */
const char *bpf_env_strerror(const struct bpf_env_err *e, char *buf, size_t size);

#endif
