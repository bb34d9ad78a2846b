/* biosnoop, user half: each completed block request, handed to a callback
 * as struct biosnoop_event (bpf/block.h). */
#ifndef TRIAGE_BPF_BIOSNOOP_API_H
#define TRIAGE_BPF_BIOSNOOP_API_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "bpf/block.h"
#include "bpf/bpf_env.h"

struct biosnoop_opts {
	pid_t pid;		/* only I/O queued by this process; 0 = all */
	uint32_t dev;		/* only this disk (kernel dev_t); 0 = all */
	bool queued;		/* also trace insert, for the queue time */
};

typedef void (*biosnoop_fn)(void *ctx, const struct biosnoop_event *ev);

struct biosnoop;

int biosnoop_open(const struct biosnoop_opts *o, biosnoop_fn fn, void *ctx,
		  struct biosnoop **out, struct bpf_env_err *e);
/* Wait up to timeout_ms for events and hand them to fn. Returns how many, or
 * -errno (-EINTR on a signal). */
int biosnoop_poll(struct biosnoop *b, int timeout_ms);
/* Events lost because the ring buffer was full. */
uint64_t biosnoop_dropped(struct biosnoop *b);
void biosnoop_close(struct biosnoop *b);

#endif
