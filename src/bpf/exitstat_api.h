/* exitstat, user half: the process-exit program (exitstat.bpf.c) loaded
 * once, its ring buffer drained once per sample by the flight recorder.
 *
 *   struct exitstat *x;
 *   if (exitstat_open(r, &x, &e) == 0) {
 *           exitstat_drain(x, fn, ctx);   ... fn once per ended process
 *           exitstat_close(x);
 *   }
 *
 * Needs the live root, BTF, root (CAP_BPF + CAP_PERFMON or CAP_SYS_ADMIN)
 * and the initial PID namespace (the records' IDs are that namespace's). */
#ifndef TRIAGE_BPF_EXITSTAT_API_H
#define TRIAGE_BPF_EXITSTAT_API_H

#include <stdint.h>

#include "bpf/bpf_env.h"
#include "bpf/exitstat.h"

struct exitstat;
typedef void (*exitstat_fn)(void *ctx, const struct exitstat_rec *rec);

/* Check, load (tp_btf, else raw_tp) and attach. 0 or -errno with e filled. */
int exitstat_open(const struct root *r, struct exitstat **out, struct bpf_env_err *e);

/* Every record written since the last drain, to fn; never waits. Returns
 * how many, or -errno. */
int exitstat_drain(struct exitstat *x, exitstat_fn fn, void *ctx);

/* Records lost so far because the ring buffer was full. */
uint64_t exitstat_dropped(struct exitstat *x);

/* The kernel's run-time statistics of the attached program (counted only
 * while BPF stats are enabled, bpf_enable_stats): ns spent and runs.
 * 0 or -errno. For bench/exitstat_bench.c. */
int exitstat_prog_stats(struct exitstat *x, uint64_t *run_ns, uint64_t *runs);

/* Detach and unload (NULL is fine). */
void exitstat_close(struct exitstat *x);

#endif
