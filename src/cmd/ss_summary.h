/* triage ss -s: the summary, from sockstat, snmp and the sock_diag counts. */
#ifndef TRIAGE_CMD_SS_SUMMARY_H
#define TRIAGE_CMD_SS_SUMMARY_H

#include <stdbool.h>

#include "core/root.h"
#include "model/sock.h"

/* Print the summary; returns the exit status. */
int ss_summary_print(const struct root *r, const struct sock_counts *c, bool json);

#endif
