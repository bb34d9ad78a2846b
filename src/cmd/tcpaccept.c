/* triage tcpaccept: see cmd/tcp_cmd.c (the TCP tools share options and loop). */
#include "cmd/tcp_cmd.h"

int cmd_tcpaccept(int argc, char **argv)
{
	return tcp_cmd_run("tcpaccept", TCPTOOL_ACCEPT, argc, argv);
}
