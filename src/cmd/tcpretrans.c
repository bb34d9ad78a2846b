/* triage tcpretrans: see cmd/tcp_cmd.c (the TCP tools share options and loop). */
#include "cmd/tcp_cmd.h"

int cmd_tcpretrans(int argc, char **argv)
{
	return tcp_cmd_run("tcpretrans", TCPTOOL_RETRANS, argc, argv);
}
