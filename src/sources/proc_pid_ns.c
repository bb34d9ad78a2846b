#include "sources/proc_pid_ns.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const proc_pid_ns_names[NS__COUNT] = {
	[NS_CGROUP] = "cgroup", [NS_IPC] = "ipc", [NS_MNT] = "mnt", [NS_NET] = "net",
	[NS_PID] = "pid", [NS_TIME] = "time", [NS_USER] = "user", [NS_UTS] = "uts",
};

int proc_pid_ns_parse(const char *target, enum proc_pid_ns_type t, uint64_t *ino)
{
	size_t nl = strlen(proc_pid_ns_names[t]);
	char *e;

	if (strncmp(target, proc_pid_ns_names[t], nl) != 0 || target[nl] != ':' || target[nl + 1] != '[')
		return -EINVAL;
	target += nl + 2;
	if (*target < '0' || *target > '9')
		return -EINVAL;
	*ino = strtoull(target, &e, 10);
	return e[0] == ']' && e[1] == '\0' ? 0 : -EINVAL;
}

int proc_pid_ns_read(const struct root *r, pid_t pid, struct proc_pid_ns *out)
{
	char rel[64], target[128];
	int fd, ok = 0;

	memset(out, 0, sizeof(*out));
	snprintf(rel, sizeof(rel), "%d/ns", (int)pid);
	fd = root_openat(r, ROOT_PROC, rel, O_PATH | O_DIRECTORY);
	if (fd < 0) {
		for (int i = 0; i < NS__COUNT; i++)
			out->err[i] = fd;
		return fd;
	}
	for (int i = 0; i < NS__COUNT; i++) {
		ssize_t n = readlinkat(fd, proc_pid_ns_names[i], target, sizeof(target) - 1);

		if (n < 0) {
			out->err[i] = -errno;
			continue;
		}
		target[n] = '\0';
		out->err[i] = proc_pid_ns_parse(target, i, &out->ino[i]);
		ok += out->err[i] == 0;
	}
	close(fd);
	if (ok)
		return 0;
	for (int i = 0; i < NS__COUNT; i++)
		if (out->err[i] != -ENOENT)
			return out->err[i];
	return -ENOENT;
}
