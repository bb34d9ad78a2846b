#include "sources/proc_sys_fs.h"

#include <errno.h>
#include <stdlib.h>

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
