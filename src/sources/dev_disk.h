/* dev/disk/by-{id,label,path,uuid,partuuid,...}: udev's persistent names of
 * block devices, each a symlink to the kernel name ("../../sda1"). sysstat's
 * iostat -j shows a device by the first of its names in alphabetical order
 * (common.c get_persistent_name_from_pretty: scandir with alphasort). The
 * names are whatever udev made of labels and serial numbers: untrusted text. */
#ifndef TRIAGE_SOURCES_DEV_DISK_H
#define TRIAGE_SOURCES_DEV_DISK_H

#include <stddef.h>

#include "core/root.h"

#define DEV_DISK_NAME_MAX 256

struct dev_disk_link {
	char name[DEV_DISK_NAME_MAX];	/* the link: "ata-QEMU_HARDDISK_QM00001-part1" */
	char target[64];		/* the last part of its target: "sda1" */
};

struct dev_disk {
	struct dev_disk_link *link;	/* sorted by name (strcmp) */
	size_t n;
};

/* Read dev/disk/<dir> ("by-id", "by-uuid" ...) under the root. Entries that
 * are not symlinks, or whose target is too long, are skipped. Returns 0 or
 * -errno (-ENOENT: no such directory). */
int dev_disk_read(const struct root *r, const char *dir, struct dev_disk *out);

/* The first name (alphabetically) pointing at kernel name kname, or NULL. */
const char *dev_disk_name_of(const struct dev_disk *dd, const char *kname);
/* The kernel name the persistent name points at, or NULL. */
const char *dev_disk_target_of(const struct dev_disk *dd, const char *name);

void dev_disk_free(struct dev_disk *dd);

#endif
