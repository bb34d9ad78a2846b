/* /proc/PID/ns/TYPE: one symbolic link per namespace type, "net:[4026531833]"
 * (man 7 namespaces); two processes share a namespace when the inode numbers
 * match. A process whose pid, mnt, net, user, uts, ipc or cgroup namespace
 * differs from PID 1's is in a container (or a sandbox) as far as the host
 * sees it. Reading another user's links needs ptrace read access. */
#ifndef TRIAGE_SOURCES_PROC_PID_NS_H
#define TRIAGE_SOURCES_PROC_PID_NS_H

#include <stdint.h>
#include <sys/types.h>

#include "core/root.h"

enum proc_pid_ns_type {
	NS_CGROUP, NS_IPC, NS_MNT, NS_NET, NS_PID, NS_TIME, NS_USER, NS_UTS,
	NS__COUNT
};
extern const char *const proc_pid_ns_names[NS__COUNT];

struct proc_pid_ns {
	int err[NS__COUNT];	/* 0, or -errno (-ENOENT: no such namespace type in this kernel) */
	uint64_t ino[NS__COUNT];	/* the inode in "type:[inode]" */
};

/* Parse a link target "net:[4026531833]" for type t. */
int proc_pid_ns_parse(const char *target, enum proc_pid_ns_type t, uint64_t *ino);

/* Read every link. Returns 0 when at least one was read, else the first error
 * (-ENOENT/-ESRCH: gone, -EACCES: not allowed). */
int proc_pid_ns_read(const struct root *r, pid_t pid, struct proc_pid_ns *out);

#endif
