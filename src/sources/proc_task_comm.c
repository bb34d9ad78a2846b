#include "sources/proc_task_comm.h"

#include <stdio.h>
#include <string.h>

int proc_task_comm_read(const struct root *r, pid_t pid, pid_t tid, char *out, size_t size)
{
	char rel[64];
	ssize_t n;

	snprintf(rel, sizeof(rel), "%d/task/%d/comm", (int)pid, (int)tid);
	n = root_read(r, ROOT_PROC, rel, out, size);
	if (n < 0)
		return (int)n;
	if (n > 0 && out[n - 1] == '\n')
		out[n - 1] = '\0';
	return 0;
}
