/* The four TCP subcommands share their options and loop. */
#ifndef TRIAGE_CMD_TCP_CMD_H
#define TRIAGE_CMD_TCP_CMD_H

#include "bpf/tcptool_api.h"

/* Parse options, trace, print; name is the subcommand. Returns exit status. */
int tcp_cmd_run(const char *name, enum tcptool_kind kind, int argc, char **argv);

#endif
