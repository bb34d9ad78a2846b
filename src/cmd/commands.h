/* The subcommand table (see commands.def). */
#ifndef TRIAGE_CMD_COMMANDS_H
#define TRIAGE_CMD_COMMANDS_H

#define CMD(name, summary) int cmd_##name(int argc, char **argv);
#include "cmd/commands.def"
#undef CMD

#define TRIAGE_VERSION "0.1.0"

#endif
