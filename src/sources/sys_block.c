#include "sources/sys_block.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sources/scan.h"

int sys_block_name_from_sysfs(char *dst, size_t size, const char *entry)
{
	size_t len = strlen(entry);

	if (len + 1 > size)
		return -ENAMETOOLONG;
	for (size_t i = 0; i <= len; i++)
		dst[i] = entry[i] == '!' ? '/' : entry[i];
	return 0;
}

int sys_block_parse_flag(const char *buf)
{
	const char *p = buf, *end = buf + strlen(buf);
	uint64_t v;

	if (scan_u64(&p, end, &v) || v > 1 || !scan_eol(p, end))
		return -1;
	return (int)v;
}

/* A small attribute file: sys/block/<rel>, its first number. */
static int read_u64(const struct root *r, const char *rel, uint64_t *v)
{
	char buf[64];
	const char *p = buf;
	ssize_t n = root_read(r, ROOT_SYS, rel, buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	return scan_u64(&p, buf + n, v);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Entry names of the directory sys/<rel> that are directories (or links to
 * them), sorted. *names is malloc'd, one block. Returns the count or -errno. */
static int list_dirs(const struct root *r, const char *rel, char ***names)
{
	int fd = root_openat(r, ROOT_SYS, rel, O_RDONLY | O_DIRECTORY);
	size_t n = 0, cap = 0;
	char **v = NULL;
	struct dirent *e;
	DIR *d;

	*names = NULL;
	if (fd < 0)
		return fd;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -errno;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (e->d_type != DT_DIR && e->d_type != DT_LNK && e->d_type != DT_UNKNOWN)
			continue;
		if (n == cap) {
			char **nv;

			cap = cap ? cap * 2 : 16;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv)
				goto nomem;
			v = nv;
		}
		v[n] = strdup(e->d_name);
		if (!v[n])
			goto nomem;
		n++;
	}
	closedir(d);
	if (n)
		qsort(v, n, sizeof(*v), cmp_name);
	*names = v;
	return (int)n;
nomem:
	closedir(d);
	while (v && n)
		free(v[--n]);
	free(v);
	return -ENOMEM;
}

static void free_names(char **v, int n)
{
	for (int i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

static int add_part(struct sys_block *sb, size_t *cap, const struct root *r,
		    const char *disk_dir, const char *entry, size_t disk)
{
	char rel[512];
	struct sys_block_part *p;
	uint64_t v = 0;

	/* a partition is named after its disk (sda1, nvme0n1p1, mmcblk0p2):
	 * skip holders/, queue/, power/ ... without a failed open each */
	if (strncmp(entry, disk_dir, strlen(disk_dir)) != 0)
		return 0;
	snprintf(rel, sizeof(rel), "block/%s/%s/partition", disk_dir, entry);
	if (read_u64(r, rel, &v))
		return 0;	/* not a partition: queue/, holders/, power/ ... */
	if (sb->nparts == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct sys_block_part *np = realloc(sb->part, nc * sizeof(*np));

		if (!np)
			return -ENOMEM;
		sb->part = np;
		*cap = nc;
	}
	p = &sb->part[sb->nparts];
	memset(p, 0, sizeof(*p));
	if (sys_block_name_from_sysfs(p->name, sizeof(p->name), entry))
		return 0;	/* longer than any kernel name: skip */
	p->disk = disk;
	p->partno = v <= UINT32_MAX ? (unsigned)v : 0;
	snprintf(rel, sizeof(rel), "block/%s/%s/size", disk_dir, entry);
	if (read_u64(r, rel, &p->size))
		p->size = 0;
	sb->nparts++;
	return 0;
}

/* Attributes and partitions of the disk at sb->disk[i] (entry: sysfs name). */
static int read_disk(const struct root *r, struct sys_block *sb, size_t i,
		     const char *entry, unsigned what, size_t *pcap)
{
	struct sys_block_disk *d = &sb->disk[i];
	char rel[512], buf[SYS_BLOCK_NAME_MAX + 2];
	char **parts;
	int fd, np, err = 0;
	ssize_t n;

	d->rotational = -1;
	d->first_part = sb->nparts;
	if (!(what & SYS_BLOCK_ATTRS))
		goto dm;
	snprintf(rel, sizeof(rel), "block/%s/device", entry);
	fd = root_openat(r, ROOT_SYS, rel, O_PATH);
	d->is_virtual = fd < 0;
	if (fd >= 0)
		close(fd);
	snprintf(rel, sizeof(rel), "block/%s/queue/rotational", entry);
	n = root_read(r, ROOT_SYS, rel, buf, sizeof(buf));
	d->rotational = n > 0 ? sys_block_parse_flag(buf) : -1;
	snprintf(rel, sizeof(rel), "block/%s/size", entry);
	if (read_u64(r, rel, &d->size))
		d->size = 0;
dm:
	snprintf(rel, sizeof(rel), "block/%s/dm/name", entry);
	n = strncmp(entry, "dm-", 3) != 0 || !(what & SYS_BLOCK_DM) ? -ENOENT :
	    root_read(r, ROOT_SYS, rel, buf, sizeof(buf));
	if (n > 0) {
		buf[strcspn(buf, "\n")] = '\0';
		snprintf(d->dm_name, sizeof(d->dm_name), "%.*s", (int)sizeof(d->dm_name) - 1, buf);
	}
	if (!(what & SYS_BLOCK_PARTS))
		return 0;
	snprintf(rel, sizeof(rel), "block/%s", entry);
	np = list_dirs(r, rel, &parts);
	if (np < 0)
		return 0;	/* a disk without a readable directory: no partitions */
	d->first_part = sb->nparts;
	for (int k = 0; parts && k < np && !err; k++)
		err = add_part(sb, pcap, r, entry, parts[k], i);
	d = &sb->disk[i];
	d->nparts = sb->nparts - d->first_part;
	free_names(parts, np);
	return err;
}

int sys_block_read(const struct root *r, struct sys_block *out)
{
	return sys_block_read_some(r, SYS_BLOCK_ALL, out);
}

int sys_block_read_some(const struct root *r, unsigned what, struct sys_block *out)
{
	char **names;
	size_t pcap = 0;
	int n, err = 0;

	memset(out, 0, sizeof(*out));
	n = list_dirs(r, "block", &names);
	if (n < 0)
		return n;
	out->disk = calloc(n ? (size_t)n : 1, sizeof(*out->disk));
	if (!out->disk) {
		free_names(names, n);
		return -ENOMEM;
	}
	for (int i = 0; names && i < n && !err; i++) {
		struct sys_block_disk *d = &out->disk[out->ndisks];

		if (sys_block_name_from_sysfs(d->name, sizeof(d->name), names[i]))
			continue;
		err = read_disk(r, out, out->ndisks, names[i], what, &pcap);
		out->ndisks++;
	}
	free_names(names, n);
	if (err)
		sys_block_free(out);
	return err;
}

const struct sys_block_disk *sys_block_find_disk(const struct sys_block *sb, const char *name)
{
	for (size_t i = 0; i < sb->ndisks; i++)
		if (!strcmp(sb->disk[i].name, name))
			return &sb->disk[i];
	return NULL;
}

const struct sys_block_part *sys_block_find_part(const struct sys_block *sb, const char *name)
{
	for (size_t i = 0; i < sb->nparts; i++)
		if (!strcmp(sb->part[i].name, name))
			return &sb->part[i];
	return NULL;
}

void sys_block_free(struct sys_block *sb)
{
	free(sb->disk);
	free(sb->part);
	memset(sb, 0, sizeof(*sb));
}
