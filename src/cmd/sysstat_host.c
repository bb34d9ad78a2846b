#include "cmd/sysstat_host.h"

#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "sources/sys_cpu.h"

void sysstat_host_read(const struct root *r, int ncpu, time_t when, struct sysstat_host *h)
{
	struct utsname u;

	memset(h, 0, sizeof(*h));
	kernel_id_read(r, &h->id);
	snprintf(h->machine, sizeof(h->machine), "%s", uname(&u) ? "?" : u.machine);
	h->b.sysname = h->id.sysname;
	h->b.release = h->id.release;
	h->b.nodename = h->id.hostname;
	h->b.machine = h->machine;
	h->b.ncpu = ncpu;
	h->b.when = when;
}

int sysstat_host_ncpu(const struct root *r, const struct proc_stat *st)
{
	struct sys_cpu_count c;

	sys_cpu_count_read(r, st, &c);
	return c.nr;
}
