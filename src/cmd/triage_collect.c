/* Sampling for the triage report (see triage_collect.h). Each source has a
 * small step function: read into this sample's struct, and from the second
 * sample on, push the interval's values into the observations. */
#include "cmd/triage_collect.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sources/proc_loadavg.h"
#include "sources/proc_uptime.h"

/* One sample of every source. */
struct snap {
	struct proc_uptime up;
	struct proc_loadavg la;
	bool la_ok;
};

struct collect {
	struct obs *o;
	int focus_pid;
	struct snap s[2];	/* previous and current, swapped each sample */
	int cur;
	double t0;		/* uptime at the first sample */
};

struct collect *collect_new(struct obs *o, int focus_pid)
{
	struct collect *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->o = o;
	c->focus_pid = focus_pid;
	o->focus_pid = focus_pid;
	o->intervals = 0;
	o->window_s = 0;
	return c;
}

void collect_free(struct collect *c)
{
	free(c);
}

/* Resources whose collectors are not built in yet. */
static void pending(struct obs *o)
{
	static const struct { unsigned have; const char *what, *why; } p[] = {
		{ HAVE_CPU, "cpu", "CPU time (/proc/stat) collector not built in yet" },
		{ HAVE_MEM, "memory", "/proc/meminfo collector not built in yet" },
		{ HAVE_VMSTAT, "swap and OOM kills", "/proc/vmstat collector not built in yet" },
		{ HAVE_PSI, "pressure (PSI)", "/proc/pressure collector not built in yet" },
		{ HAVE_DISK, "disks", "/proc/diskstats collector not built in yet" },
		{ HAVE_NET, "network interfaces", "/proc/net/dev collector not built in yet" },
		{ HAVE_TCP, "TCP counters", "/proc/net/snmp and netstat collector not built in yet" },
		{ HAVE_SOCK, "TCP sockets", "sock_diag collector not built in yet" },
		{ HAVE_FS, "filesystems", "mountinfo/statvfs collector not built in yet" },
		{ HAVE_FD, "file descriptors", "fd and limits collector not built in yet" },
		{ HAVE_TASKS, "tasks", "/proc/PID scan not built in yet" },
		{ HAVE_CGROUP, "cgroups", "cgroup collector not built in yet" },
		{ HAVE_KLOG, "kernel log", "kernel log collector not built in yet" },
	};
	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++)
		if (!(o->have & p[i].have))
			obs_unchecked(o, p[i].what, "%s", p[i].why);
}

static void step_loadavg(struct collect *c, const struct root *r, int k)
{
	struct snap *s = &c->s[c->cur];
	struct obs_host *h = &c->o->host;

	s->la_ok = proc_loadavg_read(r, &s->la) == 0;
	if (!s->la_ok) {
		obs_unchecked(c->o, "load average", "cannot read proc/loadavg");
		return;
	}
	c->o->have |= HAVE_SCHED;
	h->load1 = s->la.load[0];
	h->loadavg_running = s->la.running;
	if (k > 0)
		/* nr_running, ourselves excluded (we are running while we read it),
		 * as vmstat's r column counts the others. */
		series_push(&h->runq, s->la.running > 0 ? s->la.running - 1.0 : 0);
}

int collect_sample(struct collect *c, const struct root *r, int k, bool last)
{
	struct obs *o = c->o;
	struct snap *s;
	int err;

	c->cur = k & 1;
	s = &c->s[c->cur];
	err = proc_uptime_read(r, &s->up);
	if (err)
		return err;
	if (k == 0) {
		c->t0 = s->up.up_s;
	} else {
		double dt = s->up.up_s - c->s[!c->cur].up.up_s;

		if (o->intervals < OBS_MAX_INTERVALS)
			o->intervals++;
		o->window_s = s->up.up_s - c->t0;
		(void)dt;
	}
	o->t_end = s->up.up_s;
	step_loadavg(c, r, k);
	if (last)
		pending(o);
	return 0;
}
