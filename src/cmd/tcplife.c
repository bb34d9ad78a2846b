/* triage tcplife: see cmd/tcp_cmd.c (the TCP tools share options and loop). */
#include "cmd/tcp_cmd.h"

int cmd_tcplife(int argc, char **argv)
{
	return tcp_cmd_run("tcplife", TCPTOOL_LIFE, argc, argv);
}
