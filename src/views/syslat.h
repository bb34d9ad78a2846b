/* syslat's histograms: "syscall = read" (with -P ", pid = N (comm)") above
 * each log2 histogram, or one JSON object per interval. */
#ifndef TRIAGE_VIEWS_SYSLAT_H
#define TRIAGE_VIEWS_SYSLAT_H

#include <stdbool.h>
#include <stdio.h>

#include "bpf/log2_hist.h"

/* per_proc: keys carry the process (bpf/syslat.h). clock: "HH:MM:SS" above, or NULL. */
void syslat_print(FILE *f, const struct log2_hists *hs, bool per_proc, const char *clock);
/* {"time", "unit", "dropped", "histograms": [{"syscall", "pid", "comm",
 * "count", "sum", "mean", "p50_max", "p99_max", "slots": [{low, high, count}]}]} */
void syslat_print_json(FILE *f, const struct log2_hists *hs, bool per_proc, long long time);

#endif
