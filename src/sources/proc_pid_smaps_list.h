/* /proc/PID/smaps, every mapping: the maps header line
 * "start-end perms offset maj:min inode [pathname]" and its "Key: N kB"
 * lines (Documentation/filesystems/proc.rst, "The /proc/PID/smaps"). pmap -x
 * reads Size, Rss, Shared_Dirty + Private_Dirty from here. Needs ptrace read
 * access (EACCES for another user's process when not root). */
#ifndef TRIAGE_SOURCES_PROC_PID_SMAPS_LIST_H
#define TRIAGE_SOURCES_PROC_PID_SMAPS_LIST_H

#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

struct smap {
	uint64_t start, end;	/* address range */
	char perms[5];		/* "r-xp", NUL-terminated */
	uint64_t offset;
	unsigned maj, min;
	uint64_t inode;
	char *path;		/* as printed, " (deleted)" kept; "" when anonymous; owned */
	uint64_t size_kb, rss_kb, pss_kb, swap_kb;
	uint64_t shared_dirty_kb, private_dirty_kb;
	int noreserve;		/* VmFlags has "nr" */
};

struct smaps_list {
	struct smap *v;
	size_t n, cap;
};

/* 0, -ENOMEM, or -EINVAL with *bad_line (1-based) set */
int proc_pid_smaps_list_parse(const char *buf, size_t len, struct smaps_list *out, int *bad_line);
/* -ENOENT/-ESRCH: gone; -EACCES: not ours */
int proc_pid_smaps_list_read(const struct root *r, int pid, struct smaps_list *out, int *bad_line);
void proc_pid_smaps_list_free(struct smaps_list *l);

#endif
