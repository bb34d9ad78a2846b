/* triage cachestat [interval [count]]: the system-wide form of cachestat
 * (bcc's), run by cmd_cachestat when no FILE is given. */
#ifndef TRIAGE_CMD_CACHESTAT_SYS_H
#define TRIAGE_CMD_CACHESTAT_SYS_H

#include <stdbool.h>
#include <sys/types.h>

#include "cmd/bpf_cmd.h"

struct cachestat_sys_opts {
	pid_t pid;		/* -p: only this process (0: all) */
	double duration;	/* -d: seconds (0: until Ctrl-C or count) */
	bool timestamp;		/* -T: a TIME column */
};

void cachestat_sys_help(void);

/* bc parsed (options done), argv[first...] the "[interval [count]]".
 * Returns an exit status. */
int cachestat_sys_run(struct bpf_cmd *bc, const struct cachestat_sys_opts *o, int argc,
		      char **argv, int first);

#endif
