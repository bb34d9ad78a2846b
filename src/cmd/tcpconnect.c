/* triage tcpconnect: see cmd/tcp_cmd.c (the TCP tools share options and loop). */
#include "cmd/tcp_cmd.h"

int cmd_tcpconnect(int argc, char **argv)
{
	return tcp_cmd_run("tcpconnect", TCPTOOL_CONNECT, argc, argv);
}
