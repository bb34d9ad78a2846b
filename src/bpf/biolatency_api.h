/* biolatency, user half: block I/O latency histograms.
 *
 * API (no printing; the report's --deep calls biolatency_collect):
 *   struct biolatency_opts o = { .queued = false };
 *   struct log2_hists hs = { 0 };
 *   biolatency_collect(&o, 2.0, &hs, NULL);   hs: µs (ms with .ms) per key
 *   log2_hists_free(&hs); */
#ifndef TRIAGE_BPF_BIOLATENCY_API_H
#define TRIAGE_BPF_BIOLATENCY_API_H

#include <stdbool.h>
#include <stdint.h>

#include "bpf/block.h"
#include "bpf/bpf_env.h"
#include "bpf/log2_hist.h"

struct biolatency_opts {
	enum biolatency_key key;	/* one histogram, per disk (-D) or per flags (-F) */
	bool queued;			/* -Q: from insert, so queue time included */
	bool ms;			/* milliseconds instead of microseconds */
	uint32_t dev;			/* only this disk, kernel dev_t (major << 20 | minor); 0 = all */
};

struct biolatency;

int biolatency_open(const struct biolatency_opts *o, struct biolatency **out, struct bpf_env_err *e);
/* Fold into hs (per disk: name = disk name; per flags: name = "Write|Sync" ...).
 * With clear, reset for the next interval. */
int biolatency_read(struct biolatency *b, struct log2_hists *hs, bool clear);
void biolatency_close(struct biolatency *b);
int biolatency_collect(const struct biolatency_opts *o, double seconds, struct log2_hists *out,
		       struct bpf_env_err *e);

/* "Read", "Write|Sync|FUA" ... for flags in block.h's encoding. */
const char *block_flags_str(uint32_t flags, char *buf, size_t size);

#endif
