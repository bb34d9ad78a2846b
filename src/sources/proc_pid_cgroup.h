/* /proc/PID/cgroup: which group a process is in, per hierarchy
 * (man 7 cgroups). One line per hierarchy, "ID:CONTROLLERS:PATH":
 *   v1      "4:memory:/system.slice/x.service", "2:cpu,cpuacct:/"
 *   named   "9:name=systemd:/user.slice"
 *   v2      "0::/user.slice/user-0.slice" (ID 0, empty controller list)
 * PATH is relative to the hierarchy's root (or the cgroup namespace's). A
 * path may contain ':' (only the first two separate fields). */
#ifndef TRIAGE_SOURCES_PROC_PID_CGROUP_H
#define TRIAGE_SOURCES_PROC_PID_CGROUP_H

#include <sys/types.h>

#include "sources/cgroup.h"

#define PROC_PID_CGROUP_MAX 32

struct proc_pid_cgroup {
	int n;
	struct {
		int id;			/* hierarchy ID, 0 for v2 */
		char ctrls[128];	/* "cpu,cpuacct", "name=systemd", "" for v2 */
		char path[CGROUP_PATH_MAX];
	} e[PROC_PID_CGROUP_MAX];
};

int proc_pid_cgroup_parse(const char *buf, size_t len, struct proc_pid_cgroup *out);
/* -ENOENT/-ESRCH when the process is gone. */
int proc_pid_cgroup_read(const struct root *r, pid_t pid, struct proc_pid_cgroup *out);

/* The process's path in each hierarchy (pointers into pc; NULL when it is in
 * no such hierarchy). */
void proc_pid_cgroup_paths(const struct proc_pid_cgroup *pc, struct cgroup_paths *p);

#endif
