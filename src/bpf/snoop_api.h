/* User halves of the event tools that read syscalls: execsnoop, opensnoop,
 * and the counting tool syscount. Each hands model structs to a callback or
 * returns a table; none prints.
 *
 * Event tools: x_open() loads and attaches, x_poll() waits up to timeout_ms
 * and calls fn for each event (returns the count or -errno, -EINTR on a
 * signal), x_dropped() is how many events the full ring buffer lost,
 * x_close() detaches and unloads (NULL is fine). */
#ifndef TRIAGE_BPF_SNOOP_API_H
#define TRIAGE_BPF_SNOOP_API_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "bpf/bpf_env.h"
#include "bpf/execsnoop.h"
#include "bpf/opensnoop.h"
#include "bpf/syscount.h"

/* Filters shared by the syscall tools. */
struct snoop_opts {
	pid_t pid;		/* only this process; 0 = all (execsnoop: ignored) */
	long uid;		/* only this user; -1 = all */
	const char *cgroup;	/* only tasks in this cgroup v2 directory */
	bool failed;		/* only calls that failed */
};

struct execsnoop;
typedef void (*execsnoop_fn)(void *ctx, const struct exec_event *ev);
int execsnoop_open(const struct snoop_opts *o, execsnoop_fn fn, void *ctx,
		   struct execsnoop **out, struct bpf_env_err *e);
int execsnoop_poll(struct execsnoop *x, int timeout_ms);
uint64_t execsnoop_dropped(struct execsnoop *x);
void execsnoop_close(struct execsnoop *x);

/* The i-th argument of ev (0 is the file name), its length in *len; NULL past
 * the end. Bounded by ev->args_size. */
const char *exec_event_arg(const struct exec_event *ev, uint32_t i, size_t *len);

struct opensnoop;
typedef void (*opensnoop_fn)(void *ctx, const struct open_event *ev);
int opensnoop_open(const struct snoop_opts *o, opensnoop_fn fn, void *ctx,
		   struct opensnoop **out, struct bpf_env_err *e);
int opensnoop_poll(struct opensnoop *x, int timeout_ms);
uint64_t opensnoop_dropped(struct opensnoop *x);
void opensnoop_close(struct opensnoop *x);

/* "O_WRONLY|O_CREAT|O_CLOEXEC" for open flags. */
const char *open_flags_str(uint64_t flags, char *buf, size_t size);

/* syscount: one row per syscall number with calls. */
struct syscount_row {
	long nr;
	uint64_t count, errors, total_ns, max_ns;
	double avg_ns;		/* total_ns / count */
};

struct syscount_table {
	struct syscount_row *rows;	/* sorted by count (or total_ns with -L), largest first */
	size_t n;
	bool latency;
};

struct syscount;
int syscount_open(const struct snoop_opts *o, bool latency, struct syscount **out,
		  struct bpf_env_err *e);
/* Sum the per-CPU counters into t (rows allocated; free with
 * syscount_table_free); with clear, reset them. */
int syscount_read(struct syscount *s, struct syscount_table *t, bool clear);
void syscount_close(struct syscount *s);

/* Sum per-CPU values (ncpu of them) of syscall nr into t when non-zero. */
int syscount_table_add(struct syscount_table *t, long nr, const struct syscount_val *percpu, int ncpu);
/* Sort by total_ns (latency) or count, largest first; keep the top `top` (0 = all). */
void syscount_table_sort(struct syscount_table *t, size_t top);
void syscount_table_free(struct syscount_table *t);

#endif
