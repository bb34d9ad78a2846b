/* triage ss -s: the summary, from sockstat, snmp and the sock_diag counts. */
#ifndef TRIAGE_CMD_SS_SUMMARY_H
#define TRIAGE_CMD_SS_SUMMARY_H

#include <stdbool.h>

#include "core/root.h"
#include "model/sock.h"
#include "sample/loop.h"

/* Read sockstat and snmp into s (before the dump: our own netlink sockets,
 * freed after an RCU grace period, would otherwise count in "sockets: used"). */
void ss_summary_read(const struct root *r, struct ss_summary *s);

/* The same, and the dump's counts, from a sample that asked for SOCKSTAT,
 * SOCKSTAT6, SNMP and the sockets (live, a snapshot or recorded). Returns 0
 * or -errno (said). */
int ss_summary_of(const struct sample_loop *lp, const struct sample *smp, struct ss_summary *s,
		  struct sock_counts *c);

/* Complete s with the dump's counts and print it; returns the exit status. */
int ss_summary_print(struct ss_summary *s, const struct sock_counts *c, bool json);

#endif
