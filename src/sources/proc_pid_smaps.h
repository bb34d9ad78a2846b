/* /proc/PID/smaps_rollup (Linux 4.14+, Documentation/filesystems/proc.rst):
 * the process's mappings summed into one smaps record. A "[rollup]" header
 * line, then "Key:   N kB" lines. Pss is each page's size divided by the
 * number of processes sharing it, so the Pss of all processes adds up to the
 * memory in use; Pss_Anon/Pss_File/Pss_Shmem (5.7+) split it by kind.
 * Reading needs ptrace read access (EACCES for another user's process when
 * not root); a kernel thread has no mm and reads empty. */
#ifndef TRIAGE_SOURCES_PROC_PID_SMAPS_H
#define TRIAGE_SOURCES_PROC_PID_SMAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/root.h"

/* Every field in kB, as printed. */
struct proc_pid_smaps {
	bool empty;		/* no mm (kernel thread): every field 0 */
	bool has_pss_split;	/* Pss_Anon/File/Shmem present (5.7+) */
	uint64_t rss;		/* Rss: resident pages */
	uint64_t pss;		/* Pss: proportional share of resident pages */
	uint64_t pss_anon;	/* Pss_Anon */
	uint64_t pss_file;	/* Pss_File */
	uint64_t pss_shmem;	/* Pss_Shmem */
	uint64_t shared_clean, shared_dirty;	/* Shared_Clean, Shared_Dirty */
	uint64_t private_clean, private_dirty;	/* Private_Clean, Private_Dirty */
	uint64_t anonymous;	/* Anonymous */
	uint64_t swap;		/* Swap: swapped-out anonymous pages */
	uint64_t swap_pss;	/* SwapPss */
	uint64_t locked;	/* Locked: mlocked */
};

int proc_pid_smaps_parse(const char *buf, size_t len, struct proc_pid_smaps *out);
/* -ENOENT/-ESRCH: the process left; -EACCES: not ours. */
int proc_pid_smaps_read(const struct root *r, pid_t pid, struct proc_pid_smaps *out);

/* /proc/PID/smaps (and task/TID/smaps): one record per mapping, a header
 * line "start-end perms offset dev inode [pathname]" followed by "Key: N kB"
 * lines ending with VmFlags. sysstat 12.6 pidstat -s (read_proc_pid_smap)
 * takes the mapping named "[stack]" (the main thread's stack; threads' stacks
 * are anonymous mappings) and its Size (StkSize: reserved) and Referenced
 * (StkRef: pages referenced). A task without one (kernel threads) gives 0 0,
 * as in sysstat. */
struct proc_pid_smaps_stack {
	bool found;		/* a [stack] mapping was seen */
	uint64_t size_kb;	/* Size: of [stack] */
	uint64_t ref_kb;	/* Referenced: of [stack] */
};

int proc_pid_smaps_stack_parse(const char *buf, size_t len, struct proc_pid_smaps_stack *out);
/* tid 0: the process. -ENOENT/-ESRCH: gone; -EACCES: not ours. */
int proc_pid_smaps_stack_read(const struct root *r, int pid, int tid,
			      struct proc_pid_smaps_stack *out);

#endif
