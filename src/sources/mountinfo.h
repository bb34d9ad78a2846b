/* proc/self/mountinfo (proc/1/mountinfo when self is absent) and statvfs().
 *
 * mountinfo (Documentation/filesystems/proc.rst, 3.5), one mount a line:
 *   36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 *   (1) mount ID (2) parent ID (3) major:minor of st_dev (4) root of the mount
 *   in its filesystem (5) mount point (6) mount options (7) optional fields,
 *   ended by "-" (8) filesystem type (9) source (10) super options.
 * Paths escape space, tab, newline and backslash as octal \040 \011 \012 \134
 * (fs/proc_namespace.c, mangle()); we unescape them.
 *
 * statvfs live is statvfs(mount point). Under a fixture root there is nothing
 * to call statvfs on, so the fixture carries a text file "statvfs" at its top
 * (a triage convention, not a kernel file), one mount point a line:
 *   MOUNTPOINT FRSIZE BLOCKS BFREE BAVAIL FILES FFREE
 * with the mount point escaped as in mountinfo; a mount point not listed has
 * no statvfs (shown as unavailable). */
#ifndef TRIAGE_SOURCES_MOUNTINFO_H
#define TRIAGE_SOURCES_MOUNTINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/root.h"

struct mount_fs {
	bool ok;		/* statvfs succeeded */
	int err;		/* else -errno */
	uint64_t frsize;	/* f_frsize: the unit of the block counts */
	uint64_t blocks, bfree, bavail;	/* f_blocks, f_bfree (root too), f_bavail (users) */
	uint64_t files, ffree;	/* f_files, f_ffree: inodes */
};

struct mount_entry {
	uint32_t id, parent;		/* (1), (2) */
	uint32_t major, minor;		/* (3) st_dev of files on it */
	uint32_t root, mnt, fstype, source, opts;	/* offsets of (4) (5) (8) (9) (6) in text */
	struct mount_fs fs;		/* filled by mountinfo_statvfs */
};

struct mountinfo {
	struct mount_entry *m;
	size_t n, cap;
	struct buf text;	/* NUL-terminated unescaped strings */
	unsigned long bad;	/* lines that did not parse */
};

void mountinfo_init(struct mountinfo *mi);
void mountinfo_free(struct mountinfo *mi);
static inline const char *mountinfo_str(const struct mountinfo *mi, uint32_t off)
{
	return mi->text.p + off;
}

/* Decode mountinfo's octal escapes (\NNN) from s (len bytes) into dst (room
 * for len + 1). Returns the decoded length. */
size_t mountinfo_unescape(char *dst, const char *s, size_t len);

/* Parse the file's text; malformed lines are counted in mi->bad. Returns 0
 * or -ENOMEM. */
int mountinfo_parse(const char *buf, size_t len, struct mountinfo *mi);
int mountinfo_read(const struct root *r, struct mountinfo *mi);

/* Parse a fixture "statvfs" text and fill the matching mounts. Returns 0 or
 * -EINVAL naming no line (bad lines are skipped and counted in mi->bad). */
int mountinfo_statvfs_parse(const char *buf, size_t len, struct mountinfo *mi);

/* Fill every mount's fs: statvfs() live, the "statvfs" file otherwise.
 * Per-mount errors land in m->fs.err (EACCES on a mount point we can't
 * reach, ENOENT for a fixture mount without a line). Returns 0. */
int mountinfo_statvfs(const struct root *r, struct mountinfo *mi);

/* Pseudo filesystems df skips by default (proc, sysfs, cgroup ... ). */
bool mountinfo_is_pseudo(const char *fstype);

#endif
