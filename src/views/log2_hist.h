/* Log2 histograms as text (bars of stars, like bcc's print_log2_hist) and
 * JSON. Renderers only. */
#ifndef TRIAGE_VIEWS_LOG2_HIST_H
#define TRIAGE_VIEWS_LOG2_HIST_H

#include <stdio.h>

#include "bpf/log2_hist.h"
#include "core/json.h"

/* One histogram: "     usecs : count  distribution" and a row per slot from
 * the first to the last non-empty one. */
void log2_hist_print(FILE *f, const struct log2_hist *h, const char *unit);

/* Every histogram of hs, each under "key = value name" when keyed; then a
 * line with lost events when there were any. */
void log2_hists_print(FILE *f, const struct log2_hists *hs);

/* {"unit": ..., "dropped": n, "histograms": [{key, name, count, sum, mean,
 * p50, p99, "slots": [{"low", "high", "count"}...]}]} under key. */
void log2_hists_json(struct json *j, const char *key, const struct log2_hists *hs);

#endif
