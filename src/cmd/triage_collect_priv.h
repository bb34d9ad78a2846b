/* Private to cmd/triage_collect*.c: the collector's state. */
#ifndef TRIAGE_CMD_TRIAGE_COLLECT_PRIV_H
#define TRIAGE_CMD_TRIAGE_COLLECT_PRIV_H

#include <errno.h>
#include <stdbool.h>

#include "analysis/obs.h"
#include "cmd/triage_collect.h"
#include "sample/sample.h"
#include "cmd/triage_collect_klog.h"
#include "cmd/triage_collect_resets.h"
#include "cmd/triage_collect_threads.h"
#include "sources/cgroup.h"
#include "sources/kmsg.h"
#include "sources/proc_diskstats.h"
#include "sources/proc_loadavg.h"
#include "sources/proc_meminfo.h"
#include "sources/proc_net_dev.h"
#include "sources/proc_net_netstat.h"
#include "sources/proc_net_snmp.h"
#include "sources/proc_net_softnet.h"
#include "sources/proc_pid_scan.h"
#include "sources/proc_stat.h"
#include "sources/proc_uptime.h"
#include "sources/proc_vmstat.h"
#include "sources/psi.h"
#include "sources/sys_block.h"
#include "sources/sys_class_net.h"
#include "sources/sys_cpu.h"

#define COLLECT_MAX_CGROUPS 256

struct pid_params;

/* One sample: the host-wide files (the loop's sample, sample/loop.h) and
 * the watched cgroups (read by the collector). */
struct csnap {
	const struct sample *smp;	/* owned by the loop, alive until two steps on */
	struct cgroup_sample *cg;	/* COLLECT_MAX_CGROUPS, the watched cgroups */
	bool *cg_ok;
};

struct collect {
	struct obs *o;
	int focus_pid;
	bool live;			/* the running system (not a snapshot) */
	struct csnap s[2];		/* previous and current */
	int cur;			/* index of the current one in s */
	int k;				/* the sample being taken */
	double t0;			/* uptime at the first sample */
	double wall0;			/* its wall-clock time */
	double dt;			/* the interval just ended */
	double oom0;			/* vmstat oom_kill at the first sample, NAN unknown */
	struct proc_net_softnet sn0;	/* softnet_stat at the first sample (per-CPU window totals) */
	bool sn0_ok;


	struct cgroup_mounts cgm;
	bool cgm_ok;
	char (*cgpaths)[CGROUP_PATH_MAX];	/* the cgroups with limits, found at the first sample */
	int ncg;
	double *cg_nr_throttled0, *cg_throttled_ns0;	/* first-sample counters */

	struct kmsg_log klog;		/* recorded samples: their kernel-log records */
	bool klog_any;			/* a sample held its kernel-log records */

	struct exited_list exited;	/* recorded: the processes that ended in the window */
	bool exited_known;		/* every interval held its exits */

	struct proc_pid_sample ps[2];	/* the PID scans: first and last sample (copies) */
	const struct proc_pid_sample *scan[2];	/* the scans read: ps[i], or the samples' own */
	bool borrow;			/* collect_borrow_scans: read them in place */
	bool ps_ok[2];

	struct collect_threads *threads;	/* thread-state sampling, every interval */
	struct collect_klog *kfollow;	/* long-running: the kernel log followed, or NULL */
	struct collect_socks *socks;	/* long-running: the TCP dump carried, or NULL */
	struct collect_resets *resets;	/* refused connects by port (tcp:tcp_send_reset) */
};

static inline struct csnap *cur_snap(struct collect *c) { return &c->s[c->cur]; }
static inline struct csnap *prev_snap(struct collect *c) { return &c->s[!c->cur]; }

/* 0 when the sample has the part, else why not (-errno, -ENODATA unknown). */
static inline int part_err(const struct sample *s, enum sample_part part)
{
	return sample_has(s, part) ? 0 : s->err[part] ? s->err[part] : -ENODATA;
}

/* triage_collect_host.c: CPU, scheduler, memory, PSI, cgroups. */
void collect_cpu(struct collect *c);
void collect_mem(struct collect *c);
void collect_psi(struct collect *c);
void collect_cgroups(struct collect *c, const struct root *r);
/* triage_collect_io.c: disks, interfaces, TCP counters, softnet. */
void collect_disks(struct collect *c);
void collect_net(struct collect *c);
void collect_tcp(struct collect *c);
void collect_softnet(struct collect *c);
/* triage_collect_end.c: the once-per-run parts at the last sample: processes,
 * descriptors, sockets, filesystems, kernel log. */
void collect_procs(struct collect *c, bool last);
/* triage_collect_exited.c: a recorded sample's ended processes into the
 * window's (every step), and at the end their rows (model/exited.h) into
 * o->exited and, the busiest, o->procs. */
void collect_exited_step(struct collect *c, const struct sample *s);
void collect_exited_window(struct collect *c, const struct pid_params *pp);
void collect_end(struct collect *c, const struct root *r);

void csnap_free(struct csnap *s);

#endif
