/* The exposition model (model/expo.h) as text: OpenMetrics 1.0.0
 * (application/openmetrics-text; version=1.0.0: counters as family NAME
 * with NAME_total samples, # UNIT, "# EOF" last) or the Prometheus text
 * format 0.0.4 (text/plain; version=0.0.4: # HELP/# TYPE of NAME_total,
 * untyped for unknown). Label values and HELP text are escaped as both
 * formats say (\\, \" in label values, \n), and any byte below 0x20 or
 * invalid UTF-8 is written as U+FFFD so that a hostile
 * process name cannot break a line or the encoding. */
#ifndef TRIAGE_VIEWS_OPENMETRICS_H
#define TRIAGE_VIEWS_OPENMETRICS_H

#include <stdbool.h>
#include <stdio.h>

#include "model/expo.h"

#define OPENMETRICS_CTYPE "application/openmetrics-text; version=1.0.0; charset=utf-8"
#define PROM004_CTYPE "text/plain; version=0.0.4; charset=utf-8"

/* openmetrics: OpenMetrics 1.0.0, else 0.0.4. triage_only: leave out the
 * families named node_* (for node_exporter's textfile collector, which
 * refuses series its own collectors also export). */
void expo_write(FILE *f, const struct expo *e, bool openmetrics, bool triage_only);

/* One label value escaped into f (exposed for tests). */
void expo_write_label_value(FILE *f, const char *s);

#endif
