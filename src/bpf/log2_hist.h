/* Log2 histograms in user space: the model the views print and the API
 * (runqlat_collect, biolatency_collect) returns.
 *
 * Folding adds a BPF map's struct hist (32-bit slots) into a struct log2_hist
 * (64-bit slots), so several CPUs' or intervals' maps can be summed. */
#ifndef TRIAGE_BPF_LOG2_HIST_H
#define TRIAGE_BPF_LOG2_HIST_H

#include <stddef.h>
#include <stdint.h>

#include "bpf/hist.h"

struct log2_hist {
	long key;		/* pid, tid, CPU, dev_t or flags; 0 for a single histogram */
	char name[32];		/* comm or disk name; untrusted: print via core/escape.h */
	uint64_t slots[HIST_SLOTS];
	uint64_t count;		/* sum of slots */
	uint64_t sum;		/* sum of values (unit of the histogram) */
};

/* A set of keyed histograms, sorted by key after log2_hists_sort(). */
struct log2_hists {
	struct log2_hist *h;
	size_t n, cap;
	const char *unit;	/* "usecs", "msecs", "nsecs" */
	const char *key_name;	/* "pid", "tid", "cpu", "disk", "flags" or NULL */
	uint64_t dropped;	/* events lost this interval (a map was full) */
};

/* Add raw (a kernel struct hist) into h: slots, count, sum, and the name when
 * h has none yet. */
void log2_hist_fold(struct log2_hist *h, const struct hist *raw);

/* The histogram for key in hs, created (zeroed) when absent. NULL on ENOMEM. */
struct log2_hist *log2_hists_get(struct log2_hists *hs, long key);

void log2_hists_sort(struct log2_hists *hs);

/* Fold every struct hist of a BPF hash map (key: __u32) into hs, keyed by
 * the map key; with clear, delete what was read. Returns 0 or -errno. */
int log2_hists_read_map(int map_fd, struct log2_hists *hs, int clear);

/* All of hs summed into one histogram (key 0, no name). */
void log2_hists_total(const struct log2_hists *hs, struct log2_hist *out);
void log2_hists_free(struct log2_hists *hs);

/* Index of the highest non-empty slot, or -1 when the histogram is empty. */
int log2_hist_max_slot(const struct log2_hist *h);

/* Slot i holds values in [low, high]: low = 2^i (0 for i = 0), high = 2^(i+1) - 1. */
uint64_t log2_slot_low(int i);
uint64_t log2_slot_high(int i);

/* Mean value (sum / count), NAN when empty. */
double log2_hist_mean(const struct log2_hist *h);

/* Upper bound of the slot that holds the p-th percentile event (0 < p <= 100):
 * an upper estimate, as a log2 histogram only knows slots. 0 when empty. */
uint64_t log2_hist_percentile(const struct log2_hist *h, double p);

#endif
