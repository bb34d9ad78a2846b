/* tcptop's table, as bcc's tcptop prints it: a clock and load-average line
 * (unless -S), then PID COMM LADDR RADDR RX_KB TX_KB, the busiest connection
 * first; or one JSON object per interval. Names are escaped. */
#ifndef TRIAGE_VIEWS_TCPTOP_H
#define TRIAGE_VIEWS_TCPTOP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bpf/tcptop_api.h"

struct tcptop_view {
	FILE *f;
	bool json;
	bool clear;		/* clear the terminal before each table */
	long maxrows;		/* rows shown (0: all) */
};

/* Sort t by bytes received + sent, most first (then PID, ports). */
void tcptop_sort(struct tcptop_table *t);
/* One interval's table; loadavg: the summary line's figures (NULL: none,
 * -S); lost: calls not counted this interval. */
void tcptop_print(const struct tcptop_view *v, const struct tcptop_table *t, const char *loadavg,
		  uint64_t lost);

#endif
