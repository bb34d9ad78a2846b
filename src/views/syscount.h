/* syscount's table: SYSCALL COUNT ERRORS [TOTAL(ms) AVG(us) MAX(us)]. */
#ifndef TRIAGE_VIEWS_SYSCOUNT_H
#define TRIAGE_VIEWS_SYSCOUNT_H

#include <stdio.h>

#include "bpf/snoop_api.h"

/* clock: "HH:MM:SS" printed above the table, or NULL. */
void syscount_print(FILE *f, const struct syscount_table *t, const char *clock);
void syscount_print_json(FILE *f, const struct syscount_table *t);

#endif
