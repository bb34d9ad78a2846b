/* triage pid: everything about one process over a short interval, from two
 * raw snapshots (struct pid_snap), and what the evidence suggests.
 *
 * The formulas are the owners': CPU %, faults/s and I/O rates from
 * model/pid (pidstat's), fd shares of RLIMIT_NOFILE from model/fds, socket
 * counts and accept-queue fill from model/sock, cgroup rates from
 * model/cgroup. This file joins them for one PID and adds the context-switch
 * rates, the fd growth and the namespaces: arithmetic only. What they mean is
 * judged by the rules of the one table (analysis/rules_proc.c). */
#ifndef TRIAGE_MODEL_PIDINFO_H
#define TRIAGE_MODEL_PIDINFO_H

#include <stdbool.h>
#include <stdint.h>

#include "model/cgroup.h"
#include "model/fds.h"
#include "model/pid.h"
#include "model/sock.h"
#include "sources/pid_snap.h"

#define PIDINFO_THREADS 10	/* busiest threads listed */
#define PIDINFO_LISTEN 16	/* listening sockets listed */

struct pidinfo_thread {
	const struct proc_pid_rec *rec;
	struct pid_row row;
	double vol_s, invol_s;	/* context switches per s (status) */
};

struct pidinfo_listen {
	const struct sd_sock *s;
	double fill_pct;	/* accept queue / backlog x 100 */
};

struct pidinfo {
	double dt_s;			/* NAN with one sample */
	const struct proc_pid_rec *rec;	/* the process in the last sample */
	struct pid_row row;		/* pidstat's CPU %, faults/s, kB/s */
	double vol_s, invol_s;		/* context switches per s */
	double age_s;			/* uptime - starttime / HZ */
	int nthreads;			/* threads in the last sample */
	int nthr;			/* rows below, busiest first */
	struct pidinfo_thread thr[PIDINFO_THREADS];
	struct fds_row fd;		/* count vs RLIMIT_NOFILE (fd_err == 0) */
	double fd_delta;		/* nfds change over the interval */
	struct sock_counts sc;		/* its sockets, by proto/family/state */
	uint64_t nsocks;		/* sockets of its fds found in the dump */
	int nlisten;
	struct pidinfo_listen listen[PIDINFO_LISTEN];
	struct cgroup_rates cgr;	/* cg_err == 0 */
	bool ns_known;			/* both the process's and PID 1's links read */
	bool ns_by_nspid;		/* else: judged from status NSpid alone
					 * (PID 1's links need CAP_SYS_PTRACE) */
	int ns_diff;			/* namespaces differing from PID 1's */
	bool ns_differs[NS__COUNT];
	/* levels the rules judge, copied from the last sample */
	double swap_kb;			/* smaps_rollup Swap; NAN unread */
	uint64_t close_wait;		/* its TCP sockets in CLOSE-WAIT */
	bool cg_known;			/* its cgroup was read (cgr valid) */
	double cg_oom_kills;		/* OOM kills recorded in its cgroup ever; NAN unknown */
	double cg_mem_current, cg_mem_max;	/* bytes; NAN unknown */
};

/* a: first sample (NULL: one sample), b: last. p: HZ, page size, MemTotal,
 * CPUs (model/pid). pid: the process. The result points into a and b.
 * Returns 0, or -ESRCH when b has no record of pid. */
int pidinfo_model(const struct pid_snap *a, const struct pid_snap *b, int pid,
		  const struct pid_params *p, struct pidinfo *out);

/* Second step, after pidinfo_model: the process's sockets (own, initialised
 * by the caller, receives them and must outlive out), its listeners and its
 * CLOSE-WAIT count. Returns 0 or -ENOMEM. */
int pidinfo_model_sockets(const struct pid_snap *b, struct pidinfo *out, struct sd_table *own);

/* Only the sockets whose inodes are in fds (sorted): into out (initialised
 * by the caller). Returns 0 or -ENOMEM. */
int pidinfo_own_sockets(const struct sd_table *all, const struct fd_scan *fds, struct sd_table *out);

#endif
