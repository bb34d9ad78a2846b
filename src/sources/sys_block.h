/* sys/block: the whole block devices (each entry of sys/block is a disk,
 * never a partition), their partitions (subdirectories holding a "partition"
 * file: sys/block/nvme0n1/nvme0n1p1/), and a few attributes.
 *
 * Names: sysfs writes a '/' of a kernel name as '!' (cciss!c0d0 is
 * "cciss/c0d0" in /proc/diskstats); names here are the /proc/diskstats form.
 * This is how sysstat's iostat tells disks from partitions (is_device():
 * "sys/block/NAME exists", virtual devices accepted). */
#ifndef TRIAGE_SOURCES_SYS_BLOCK_H
#define TRIAGE_SOURCES_SYS_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

#define SYS_BLOCK_NAME_MAX 64

struct sys_block_disk {
	char name[SYS_BLOCK_NAME_MAX];	/* entry name, '!' turned into '/' */
	bool is_virtual;	/* no device/ link: loop, ram, zram, dm-N, md ... */
	int rotational;		/* queue/rotational: 1 spinning, 0 not, -1 unreadable */
	uint64_t size;		/* size: 512-byte sectors (0 when unreadable) */
	char dm_name[SYS_BLOCK_NAME_MAX];	/* dm/name of a device-mapper disk, else "" */
	size_t first_part;	/* its partitions are part[first_part .. +nparts) */
	size_t nparts;
};

struct sys_block_part {
	char name[SYS_BLOCK_NAME_MAX];	/* "nvme0n1p1" */
	size_t disk;		/* index of its disk in disk[] */
	unsigned partno;	/* partition: its number (0 when unreadable) */
	uint64_t size;		/* size: 512-byte sectors */
};

struct sys_block {
	struct sys_block_disk *disk;	/* sorted by name */
	size_t ndisks;
	struct sys_block_part *part;	/* grouped by disk, sorted by name within */
	size_t nparts;
};

/* "cciss!c0d0" -> "cciss/c0d0" (dst of size bytes). Returns 0 or -ENAMETOOLONG. */
int sys_block_name_from_sysfs(char *dst, size_t size, const char *entry);

/* Parse the "0\n"/"1\n" of queue/rotational: 0 or 1, -1 when not that. */
int sys_block_parse_flag(const char *buf);

/* What sys_block_read_some reads beyond the disk names (one getdents of
 * sys/block). Each costs opens per disk: a one-shot `iostat -x` that needs
 * none of them would otherwise cost more than sysstat's. */
enum {
	SYS_BLOCK_ATTRS = 1,	/* device link (is_virtual), queue/rotational, size */
	SYS_BLOCK_PARTS = 2,	/* each disk's partitions */
	SYS_BLOCK_DM = 4,	/* dm/name of dm-N disks */
	SYS_BLOCK_ALL = 7,
};

/* Read sys/block under the root. Returns 0 or -errno (-ENOENT: no sys/block;
 * attributes that cannot be read are left at their "unknown" values). */
int sys_block_read(const struct root *r, struct sys_block *out);
/* Same, reading only the names and what `what` (SYS_BLOCK_*) asks for; what
 * is not read stays at its "unknown" value (rotational -1, size 0, no parts). */
int sys_block_read_some(const struct root *r, unsigned what, struct sys_block *out);

/* The disk named name (diskstats form), or NULL. */
const struct sys_block_disk *sys_block_find_disk(const struct sys_block *sb, const char *name);
/* The partition named name, or NULL. */
const struct sys_block_part *sys_block_find_part(const struct sys_block *sb, const char *name);

void sys_block_free(struct sys_block *sb);

#endif
