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

static void id_part(const struct sample *s, enum sample_part part, const char *have, char *out,
		    size_t size, const char *dflt)
{
	snprintf(out, size, "%s", sample_has(s, part) ? have : dflt);
}

void sysstat_host_of(const struct sample *s, time_t when, struct sysstat_host *h)
{
	struct utsname u;

	memset(h, 0, sizeof(*h));
	id_part(s, SAMPLE_OSTYPE, s->kid.sysname, h->id.sysname, sizeof(h->id.sysname), "Linux");
	id_part(s, SAMPLE_OSRELEASE, s->kid.release, h->id.release, sizeof(h->id.release), "?");
	id_part(s, SAMPLE_HOSTNAME, s->kid.hostname, h->id.hostname, sizeof(h->id.hostname), "?");
	snprintf(h->machine, sizeof(h->machine), "%s", uname(&u) ? "?" : u.machine);
	h->b.sysname = h->id.sysname;
	h->b.release = h->id.release;
	h->b.nodename = h->id.hostname;
	h->b.machine = h->machine;
	h->b.ncpu = sample_has(s, SAMPLE_STAT) ? s->ncpu.nr : 0;
	h->b.when = when;
}

int sysstat_host_ncpu(const struct root *r, const struct proc_stat *st)
{
	struct sys_cpu_count c;

	sys_cpu_count_read(r, st, &c);
	return c.nr;
}
