#include "sources/proc_sys_kernel.h"

#include <string.h>
#include <sys/utsname.h>

void proc_sys_kernel_parse_line(const char *buf, char *dst, size_t size)
{
	size_t n = strcspn(buf, "\n");

	if (n >= size)
		n = size - 1;
	memcpy(dst, buf, n);
	dst[n] = '\0';
}

static void field(const struct root *r, const char *rel, const char *fallback,
		  char *dst, size_t size)
{
	char buf[256];

	if (root_read(r, ROOT_PROC, rel, buf, sizeof(buf)) > 0) {
		proc_sys_kernel_parse_line(buf, dst, size);
		if (dst[0])
			return;
	}
	proc_sys_kernel_parse_line(fallback, dst, size);
}

void proc_sys_kernel_read(const struct root *r, struct proc_sys_kernel *out)
{
	struct utsname u;

	if (uname(&u) < 0)
		memset(&u, 0, sizeof(u));
	field(r, "sys/kernel/ostype", u.sysname, out->ostype, sizeof(out->ostype));
	field(r, "sys/kernel/osrelease", u.release, out->osrelease, sizeof(out->osrelease));
	field(r, "sys/kernel/hostname", u.nodename, out->hostname, sizeof(out->hostname));
	field(r, "sys/kernel/arch", u.machine, out->arch, sizeof(out->arch));
}
