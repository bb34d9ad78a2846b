/* ss: iproute2-like socket table, -i tcp_info lines, -s summary; JSON. */
#ifndef TRIAGE_VIEWS_SS_H
#define TRIAGE_VIEWS_SS_H

#include <stdbool.h>
#include <stdio.h>

#include "model/sock.h"
#include "sources/nl_sockdiag.h"
#include "sources/proc_pid_fd.h"

struct ss_view {
	const struct sd_table *t;
	const struct fd_scan *owners;	/* -p: socket inode -> processes; else NULL */
	bool netid;			/* more than one protocol: show the Netid column */
	bool info;			/* -i */
};

void ss_print(FILE *f, const struct ss_view *v);
void ss_print_json(FILE *f, const struct ss_view *v);

void ss_print_summary(FILE *f, const struct ss_summary *s);
void ss_print_summary_json(FILE *f, const struct ss_summary *s);

#endif
