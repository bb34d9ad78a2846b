/* /proc/PID/maps (Documentation/filesystems/proc.rst, "The /proc/PID/maps"):
 *   address           perms offset  dev   inode       pathname
 *   55d0c7a00000-55d0c7a28000 r-xp 00002000 fd:01 1234  /usr/bin/prog
 * pathname may be empty (anonymous), a pseudo name ([heap], [vdso]) or end
 * in " (deleted)" when the file was unlinked or replaced since. */
#ifndef TRIAGE_SOURCES_PROC_PID_MAPS_H
#define TRIAGE_SOURCES_PROC_PID_MAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/root.h"

struct pid_map {
	uint64_t start, end;	/* (1) address range */
	uint64_t pgoff;		/* (3) offset in the file */
	uint32_t maj, min;	/* (4) device, hex major:minor */
	uint64_t ino;		/* (5) inode, 0 for anonymous */
	bool exec;		/* (2) perms 'x' */
	bool deleted;		/* pathname ended in " (deleted)" (stripped off) */
	char *path;		/* (6) pathname, "" when anonymous; owned */
};

struct pid_maps {
	struct pid_map *v;
	size_t n;
};

/* Parse maps text; keeps only executable mappings when exec_only. Returns 0,
 * -ENOMEM, or -EINVAL with *bad_line (1-based) set. */
int proc_pid_maps_parse(const char *buf, size_t len, bool exec_only,
			struct pid_maps *out, int *bad_line);

/* Read PID/maps under the root. Returns 0 or -errno (-ENOENT: gone). */
int proc_pid_maps_read(const struct root *r, pid_t pid, bool exec_only, struct pid_maps *out);

void proc_pid_maps_free(struct pid_maps *m);

#endif
