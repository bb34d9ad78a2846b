/* One sample of everything `triage pid` reads about a process: the owners'
 * readers called in turn (proc_pid_scan, proc_pid_fd, proc_pid_cgroup +
 * cgroup, smaps_rollup, limits, ns, oom, wchan, sock_diag). Raw values only;
 * each part has its own error so that one refused file (EACCES for another
 * user's process) leaves the others. sock_err is -EXDEV when the process is
 * in another network namespace than triage (sock_diag sees only its own). */
#ifndef TRIAGE_SOURCES_PID_SNAP_H
#define TRIAGE_SOURCES_PID_SNAP_H

#include <stdbool.h>

#include "core/root.h"
#include "sources/cgroup.h"
#include "sources/nl_sockdiag.h"
#include "sources/proc_pid_cgroup.h"
#include "sources/proc_pid_fd.h"
#include "sources/proc_pid_limits.h"
#include "sources/proc_pid_ns.h"
#include "sources/proc_pid_oom.h"
#include "sources/proc_pid_scan.h"
#include "sources/proc_pid_smaps.h"
#include "sources/proc_uptime.h"

/* What one sample of a process holds (raw; errors are -errno, 0 = read). */
struct pid_snap {
	int up_err;
	struct proc_uptime up;
	struct proc_pid_sample scan;	/* the process (tid 0) and its threads */
	int fd_err;
	struct fd_scan fds;		/* its descriptors and socket inodes */
	int cg_err;
	struct proc_pid_cgroup pcg;	/* /proc/PID/cgroup */
	struct cgroup_sample *cg;	/* its group(s), one domain per hierarchy */
	/* read once, in the last sample only */
	int smaps_err, lim_err, ns_err, ns1_err, oom_err, wchan_err, sock_err;
	struct proc_pid_smaps smaps;
	struct proc_pid_limits lim;
	struct proc_pid_ns ns, ns1;	/* the process's and PID 1's */
	struct proc_pid_oom oom;
	char wchan[128];
	struct sd_table socks;		/* every TCP/UDP socket of the netns */
};

/* Take one sample of pid (its threads too). full adds what is read once, in
 * the last sample: command line, smaps_rollup, limits, namespaces (and PID
 * 1's), oom, wchan, socket inodes and the sock_diag dump. Returns 0, -ESRCH
 * when the process is not there, or -errno when proc/ cannot be read. Free
 * with pid_snap_free even on error. */
int pid_snap_take(const struct root *r, int pid, bool full, struct pid_snap *s);
void pid_snap_free(struct pid_snap *s);

#endif
