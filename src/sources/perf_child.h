/* The workload of `triage stat/profile -- COMMAND ARGS`: forked, held until
 * the counters are attached, then exec'ed (what perf's evlist workload does).
 * This runs the user's own command; triage never runs tools of its own. */
#ifndef TRIAGE_SOURCES_PERF_CHILD_H
#define TRIAGE_SOURCES_PERF_CHILD_H

#include <sys/resource.h>
#include <sys/types.h>

struct perf_child {
	pid_t pid;
	int go_fd;	/* write end: one byte releases the child */
	int err_fd;	/* read end: the child's exec errno, or EOF on success */
};

/* Fork a child that waits, then execvp(argv[0], argv). Returns 0 or -errno. */
int perf_child_start(struct perf_child *c, char *const argv[]);

/* Release the child. Returns 0, or -errno of a failed exec (the child is
 * then reaped: "command not found" is -ENOENT). */
int perf_child_go(struct perf_child *c);

/* Wait for the child. *status as from waitpid, ru its resource usage.
 * Returns 0 or -errno (-EINTR when a signal came first and block is 0). */
int perf_child_wait(struct perf_child *c, int *status, struct rusage *ru, int block);

/* Kill (SIGTERM) and reap a child that was never released or must stop. */
void perf_child_kill(struct perf_child *c);

#endif
