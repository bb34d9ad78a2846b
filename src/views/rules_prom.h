/* `triage --rules --format prometheus`: the rule table (analysis/rules.h)
 * as a Prometheus alerting-rules file over the series `triage serve`
 * exports (model/expo.h), with the table's thresholds: one alert per rule
 * the exported series can evaluate (expo_rule_exported), a warning and a
 * critical rule (label severity). A rule judged over "most of the window"
 * (frac) tests quantile_over_time(1 - frac, triage_rule_value[WINDOW]):
 * the value passed in at least frac of the window's expositions, as the
 * report counts intervals; the others test each exposition's value (the
 * window total or the last sample, over serve's interval). */
#ifndef TRIAGE_VIEWS_RULES_PROM_H
#define TRIAGE_VIEWS_RULES_PROM_H

#include <stdio.h>

/* window_s: the range of the sustained rules; for_s: each alert's `for`
 * (0: none). */
void rules_print_prometheus(FILE *f, double window_s, double for_s);

/* s as a YAML double-quoted scalar (exposed for tests). */
void yaml_quoted(FILE *f, const char *s);

#endif
