#include "sources/mountinfo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

void mountinfo_init(struct mountinfo *mi)
{
	memset(mi, 0, sizeof(*mi));
}

void mountinfo_free(struct mountinfo *mi)
{
	free(mi->m);
	buf_free(&mi->text);
	mountinfo_init(mi);
}

size_t mountinfo_unescape(char *dst, const char *s, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 3 < len &&
		    s[i + 1] >= '0' && s[i + 1] <= '3' && s[i + 2] >= '0' && s[i + 2] <= '7' &&
		    s[i + 3] >= '0' && s[i + 3] <= '7') {
			dst[o++] = (char)((s[i + 1] - '0') << 6 | (s[i + 2] - '0') << 3 | (s[i + 3] - '0'));
			i += 3;
		} else {
			dst[o++] = s[i];
		}
	}
	dst[o] = '\0';
	return o;
}

/* Next space-separated field of [*p, end). */
static int field(const char **p, const char *end, const char **f, size_t *n)
{
	const char *s = *p;

	while (s < end && *s == ' ')
		s++;
	if (s == end)
		return -EINVAL;
	*f = s;
	while (s < end && *s != ' ')
		s++;
	*n = (size_t)(s - *f);
	*p = s;
	return 0;
}

static int add_str(struct mountinfo *mi, const char *s, size_t n, uint32_t *off)
{
	if (mi->text.len + n + 1 > UINT32_MAX || buf_reserve(&mi->text, mi->text.len + n + 1))
		return -ENOMEM;
	*off = (uint32_t)mi->text.len;
	mi->text.len += mountinfo_unescape(mi->text.p + mi->text.len, s, n) + 1;
	return 0;
}

static int parse_line(const char *p, const char *end, struct mountinfo *mi)
{
	struct mount_entry e;
	const char *f[10];
	size_t n[10], k;
	char tmp[32];

	memset(&e, 0, sizeof(e));
	for (k = 0; k < 6; k++)
		if (field(&p, end, &f[k], &n[k]))
			return -EINVAL;
	/* (7) optional fields up to the lone "-" */
	do {
		if (field(&p, end, &f[6], &n[6]))
			return -EINVAL;
	} while (!(n[6] == 1 && f[6][0] == '-'));
	for (k = 7; k < 9; k++)
		if (field(&p, end, &f[k], &n[k]))
			return -EINVAL;
	if (n[2] >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, f[2], n[2]);
	tmp[n[2]] = '\0';
	if (sscanf(tmp, "%u:%u", &e.major, &e.minor) != 2)
		return -EINVAL;
	e.id = (uint32_t)strtoul(f[0], NULL, 10);
	e.parent = (uint32_t)strtoul(f[1], NULL, 10);
	if (add_str(mi, f[3], n[3], &e.root) || add_str(mi, f[4], n[4], &e.mnt) ||
	    add_str(mi, f[5], n[5], &e.opts) || add_str(mi, f[7], n[7], &e.fstype) ||
	    add_str(mi, f[8], n[8], &e.source))
		return -ENOMEM;
	if (mi->n == mi->cap) {
		size_t cap = mi->cap ? mi->cap * 2 : 32;
		struct mount_entry *m = realloc(mi->m, cap * sizeof(*m));
		if (!m)
			return -ENOMEM;
		mi->m = m;
		mi->cap = cap;
	}
	mi->m[mi->n++] = e;
	return 0;
}

int mountinfo_parse(const char *buf, size_t len, struct mountinfo *mi)
{
	const char *p = buf, *end = buf + len, *nl;
	int err;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (nl == p)
			continue;
		err = parse_line(p, nl, mi);
		if (err == -ENOMEM)
			return err;
		if (err)
			mi->bad++;
	}
	return 0;
}

int mountinfo_read(const struct root *r, struct mountinfo *mi)
{
	struct buf b = { 0 };
	int err = root_read_buf(r, ROOT_PROC, "self/mountinfo", &b);

	if (err == -ENOENT)
		err = root_read_buf(r, ROOT_PROC, "1/mountinfo", &b);
	if (!err)
		err = mountinfo_parse(b.p, b.len, mi);
	buf_free(&b);
	return err;
}

int mountinfo_statvfs_parse(const char *buf, size_t len, struct mountinfo *mi)
{
	const char *p = buf, *end = buf + len, *nl;
	char line[4400], mnt[4400];

	for (size_t i = 0; i < mi->n; i++)
		mi->m[i].fs.err = -ENOENT;
	for (; p < end; p = nl + 1) {
		unsigned long long v[6];
		char path[4400];
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if ((size_t)(nl - p) >= sizeof(line) || nl == p || *p == '#')
			continue;
		memcpy(line, p, (size_t)(nl - p));
		line[nl - p] = '\0';
		if (sscanf(line, "%4399s %llu %llu %llu %llu %llu %llu", path, &v[0], &v[1],
			   &v[2], &v[3], &v[4], &v[5]) != 7) {
			mi->bad++;
			continue;
		}
		mountinfo_unescape(mnt, path, strlen(path));
		for (size_t i = 0; i < mi->n; i++) {
			struct mount_fs *fs = &mi->m[i].fs;
			if (strcmp(mountinfo_str(mi, mi->m[i].mnt), mnt) != 0)
				continue;
			*fs = (struct mount_fs){ .ok = true, .frsize = v[0], .blocks = v[1],
				.bfree = v[2], .bavail = v[3], .files = v[4], .ffree = v[5] };
		}
	}
	return 0;
}

int mountinfo_statvfs(const struct root *r, struct mountinfo *mi)
{
	struct statvfs sv;

	if (!r->live) {
		struct buf b = { 0 };
		int err = root_read_buf(r, ROOT_TOP, "statvfs", &b);
		if (!err)
			mountinfo_statvfs_parse(b.p, b.len, mi);
		else
			for (size_t i = 0; i < mi->n; i++)
				mi->m[i].fs.err = err;
		buf_free(&b);
		return 0;
	}
	for (size_t i = 0; i < mi->n; i++) {
		struct mount_fs *fs = &mi->m[i].fs;
		if (statvfs(mountinfo_str(mi, mi->m[i].mnt), &sv)) {
			fs->err = -errno;
			continue;
		}
		*fs = (struct mount_fs){ .ok = true, .frsize = sv.f_frsize ? sv.f_frsize : sv.f_bsize,
			.blocks = sv.f_blocks, .bfree = sv.f_bfree, .bavail = sv.f_bavail,
			.files = sv.f_files, .ffree = sv.f_ffree };
	}
	return 0;
}

bool mountinfo_is_pseudo(const char *t)
{
	/* coreutils' ME_DUMMY list (gnulib mountlist.c) plus the kernel's other
	 * virtual filesystems that have no capacity to report. */
	static const char *const pseudo[] = {
		"autofs", "proc", "subfs", "debugfs", "devpts", "fusectl", "fuse.portal",
		"mqueue", "rpc_pipefs", "sysfs", "devfs", "kernfs", "ignore", "cgroup",
		"cgroup2", "tracefs", "securityfs", "pstore", "bpf", "configfs",
		"binfmt_misc", "nsfs", "efivarfs", "selinuxfs", "hugetlbfs", "rootfs",
	};
	for (size_t i = 0; i < sizeof(pseudo) / sizeof(pseudo[0]); i++)
		if (!strcmp(t, pseudo[i]))
			return true;
	return false;
}
