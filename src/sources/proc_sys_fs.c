#include "sources/proc_sys_fs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int u64(const char **p, uint64_t *v)
{
	char *end;

	while (**p == ' ' || **p == '\t')
		(*p)++;
	if (**p < '0' || **p > '9')
		return -EINVAL;
	errno = 0;
	*v = strtoull(*p, &end, 10);
	if (errno)
		return -EINVAL;
	*p = end;
	return 0;
}

int proc_sys_fs_file_nr_parse(const char *buf, size_t len, struct proc_sys_fs *out)
{
	const char *p = buf;

	(void)len;
	if (u64(&p, &out->allocated) || u64(&p, &out->unused) || u64(&p, &out->max))
		return -EINVAL;
	return 0;
}

int proc_sys_fs_read(const struct root *r, struct proc_sys_fs *out)
{
	char buf[128];
	const char *p = buf;
	ssize_t n = root_read(r, ROOT_PROC, "sys/fs/file-nr", buf, sizeof(buf));
	uint64_t max;
	int err;

	if (n < 0)
		return (int)n;
	err = proc_sys_fs_file_nr_parse(buf, (size_t)n, out);
	if (err)
		return err;
	n = root_read(r, ROOT_PROC, "sys/fs/file-max", buf, sizeof(buf));
	if (n > 0 && u64(&p, &max) == 0)
		out->max = max;
	return 0;
}

int proc_sys_fs_pair_parse(const char *buf, size_t len, uint64_t *a, uint64_t *b)
{
	const char *p = buf;

	(void)len;
	if (u64(&p, a) || u64(&p, b))
		return -EINVAL;
	return 0;
}

/* One small file under proc/, NUL-terminated in buf. */
static int small(const struct root *r, const char *rel, char *buf, size_t size)
{
	ssize_t n = root_read(r, ROOT_PROC, rel, buf, size);

	return n < 0 ? (int)n : 0;
}

int proc_sys_port_range_read(const struct root *r, uint64_t *lo, uint64_t *hi)
{
	char buf[64];
	int err = small(r, "sys/net/ipv4/ip_local_port_range", buf, sizeof(buf));

	if (err)
		return err;
	if (proc_sys_fs_pair_parse(buf, strlen(buf), lo, hi) || *hi < *lo)
		return -EINVAL;
	return 0;
}

int proc_sys_ktables_read(const struct root *r, struct proc_sys_ktables *out)
{
	char buf[256];
	uint64_t unused;
	int err;

	memset(out, 0, sizeof(*out));
	err = proc_sys_fs_read(r, &out->files);
	out->have_files = err == 0;
	out->have_dentry = !small(r, "sys/fs/dentry-state", buf, sizeof(buf)) &&
			   !proc_sys_fs_pair_parse(buf, strlen(buf), &unused, &out->dentry_unused);
	out->have_inode = !small(r, "sys/fs/inode-state", buf, sizeof(buf)) &&
			  !proc_sys_fs_pair_parse(buf, strlen(buf), &out->inodes, &out->inodes_free);
	out->have_pty = !small(r, "sys/kernel/pty/nr", buf, sizeof(buf)) &&
			buf[0] >= '0' && buf[0] <= '9';
	if (out->have_pty)
		out->pty_nr = strtoull(buf, NULL, 10);
	if (out->have_files || out->have_dentry || out->have_inode || out->have_pty)
		return 0;
	return err;
}
