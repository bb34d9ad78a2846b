/* runqlat, user half: run-queue latency histograms.
 *
 * API (no printing; the report's --deep calls runqlat_collect):
 *   struct runqlat_opts o = { .key = RUNQLAT_KEY_NONE };
 *   struct log2_hists hs = { 0 };
 *   if (runqlat_collect(&o, 2.0, &hs, &e) == 0) ... hs.h[0] is the histogram
 *   log2_hists_free(&hs);
 * Values are µs (ms with .ms), per key as chosen; needs root and BTF. */
#ifndef TRIAGE_BPF_RUNQLAT_API_H
#define TRIAGE_BPF_RUNQLAT_API_H

#include <stdbool.h>
#include <sys/types.h>

#include "bpf/bpf_env.h"
#include "bpf/log2_hist.h"
#include "bpf/runqlat.h"

struct runqlat_opts {
	pid_t pid;		/* only this process (tgid); 0 = all */
	const char *cgroup;	/* only tasks in this cgroup v2 directory; NULL = all */
	enum runqlat_key key;	/* one histogram, or per process/thread/CPU */
	bool ms;		/* milliseconds instead of microseconds */
};

struct runqlat;

/* Load and attach. Returns 0 or -errno with e filled. */
int runqlat_open(const struct runqlat_opts *o, struct runqlat **out, struct bpf_env_err *e);

/* Fold the histograms into hs (sets unit and key_name); with clear, reset
 * them for the next interval. Returns 0 or -errno. */
int runqlat_read(struct runqlat *r, struct log2_hists *hs, bool clear);

/* Detach and unload (NULL is fine). */
void runqlat_close(struct runqlat *r);

/* Open, wait seconds (less on SIGINT), read, close. e may be NULL. */
int runqlat_collect(const struct runqlat_opts *o, double seconds, struct log2_hists *out,
		    struct bpf_env_err *e);

#endif
