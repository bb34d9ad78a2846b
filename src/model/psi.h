/* PSI over an interval: the share of wall time tasks were stalled, from the
 * difference of two cumulative "total=" counters (microseconds), as
 * Documentation/accounting/psi.rst suggests for intervals other than the
 * kernel's own 10/60/300 s averages. */
#ifndef TRIAGE_MODEL_PSI_H
#define TRIAGE_MODEL_PSI_H

#include "sources/psi.h"

struct psi_rate {
	double some_pct;	/* % of the interval some task was stalled; NAN unknown */
	double full_pct;	/* % of the interval all non-idle tasks were stalled */
};

/* Stall time of one line over dt_s seconds, in % of the interval:
 * (total1 - total0) / (dt_s * 1e6) * 100. NAN when the line is missing in
 * either sample, the counter went backwards or dt_s <= 0. The stall clock and
 * /proc/uptime are read a few microseconds apart, so a fully stalled interval
 * can come out a hair above 100: it is capped at 100. */
double psi_model_line(const struct psi_line *prev, const struct psi_line *cur, double dt_s);

void psi_model(const struct psi *prev, const struct psi *cur, double dt_s, struct psi_rate *out);

#endif
