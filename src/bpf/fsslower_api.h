/* fsslower, user half: file-system calls slower than a threshold, handed to a
 * callback as struct fsslower_event. Never prints.
 * fsslower_open() loads and attaches (ext4's sync tracepoints when the kernel
 * has them: fsslower_ext4() says), fsslower_poll() waits up to timeout_ms and
 * calls fn per event, fsslower_dropped() counts events the full ring buffer
 * lost, fsslower_close() detaches (NULL is fine). */
#ifndef TRIAGE_BPF_FSSLOWER_API_H
#define TRIAGE_BPF_FSSLOWER_API_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "bpf/bpf_env.h"
#include "bpf/fsslower.h"

struct fsslower_opts {
	pid_t pid;		/* only this process; 0 = all */
	uint64_t min_ns;	/* report calls at least this slow */
};

struct fsslower;
typedef void (*fsslower_fn)(void *ctx, const struct fsslower_event *ev);

int fsslower_open(const struct fsslower_opts *o, fsslower_fn fn, void *ctx, struct fsslower **out,
		  struct bpf_env_err *e);
int fsslower_poll(struct fsslower *x, int timeout_ms);
bool fsslower_ext4(const struct fsslower *x);
uint64_t fsslower_dropped(struct fsslower *x);
void fsslower_close(struct fsslower *x);

#endif
