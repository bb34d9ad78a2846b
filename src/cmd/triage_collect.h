/* The triage collector: takes one sample of every source per interval through
 * the readers (sources/) and models (model/), and turns each pair of samples
 * into the per-interval values of struct obs that the rules read. It is the
 * only part of the report that touches the root directory.
 *
 * Cost: small host-wide files every interval; the /proc/PID scan only at the
 * first and last sample; per-process descriptors, limits and sockets only for
 * the few candidates the scan points at (see bench/RESULTS.md). */
#ifndef TRIAGE_CMD_TRIAGE_COLLECT_H
#define TRIAGE_CMD_TRIAGE_COLLECT_H

#include <stdbool.h>

#include "analysis/obs.h"
#include "core/root.h"
#include "sample/sample.h"

struct collect;

/* A collector filling o. focus_pid: --pid (0 none). Returns NULL on ENOMEM. */
struct collect *collect_new(struct obs *o, int focus_pid);
void collect_free(struct collect *c);
/* The samples given to c outlive it (the interactive top judges the loop's
 * two live samples): their process scans are read in place, not copied. */
void collect_borrow_scans(struct collect *c);

/* What the report asks the sample loop for at step k of n: the host files
 * every interval, the disks and links at the first, the process scan at the
 * first and the last. */
void collect_want(int k, int n, struct sample_want *w);

/* Step k (0 is the first) with the loop's sample s. r is the root the sample came from, for what the sample does
 * not hold (cgroups, descriptors, sockets, filesystems, the kernel log);
 * NULL for a recorded sample, whose missing parts go to o->unchecked.
 * The collector keeps s (and the previous one) until the next step: the
 * loop keeps two samples alive. Returns 0, or -errno when s has no uptime. */
int collect_sample(struct collect *c, const struct sample *s, const struct root *r, int k);
/* After the last step (its sample still alive in the loop): the window's
 * process figures and the once-per-run parts (descriptors, sockets,
 * filesystems, kernel log; from r, none when NULL). */
void collect_last(struct collect *c, const struct root *r);

/* Rolling windows (triage serve: each sample ends one window and starts
 * the next): next, a new collector for the window that starts at the
 * sample c's window ended at, takes over c's thread-state sampler, so that
 * the threads are sampled once per interval and their descriptors stay
 * open. Call after collect_last(c); c is then freed as usual. */
void collect_roll(struct collect *c, struct collect *next);
/* A long-running collector (serve's first window, before its first step):
 * the BPF readers are loaded whatever the host's size, once for every
 * window, and the kernel log is followed (triage_collect_klog.h) instead of
 * read whole at every window's end, and the TCP dump carried while no
 * socket can have changed (triage_collect_socks.h); collect_roll carries
 * them on. states:
 * see collect_threads_long_running. */
struct threads_iter;
void collect_long_running(struct collect *c, struct threads_iter *states);

#endif
