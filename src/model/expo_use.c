/* triage's USE figures of each resource instance over the window's last
 * interval (what the report's rules read, analysis/obs.h), as ratios 0..1,
 * seconds and bytes; node_exporter's names where it has the figure
 * (node_filesystem_*, node_tcp_connection_states). */
#include "model/expo_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/obs.h"

/* The last interval's value of a series, NAN unknown. */
static double last(const struct series *s)
{
	return s->n > 0 ? s->v[s->n - 1] : NAN;
}

static void cpu_fams(struct expo_ctx *x, const struct obs *o)
{
	const struct obs_host *h = &o->host;
	struct expo_family *u = FAM("triage_cpu_utilization_ratio", EXPO_GAUGE, "ratio",
				    "CPU busy (not idle, iowait or steal), 0..1, of all CPUs (cpu=\"all\") and each");

	ADD(u, last(&h->cpu_busy) / 100, 1, "cpu", "all");
	for (int i = 0; i < o->ncpus; i++) {
		char id[16];

		snprintf(id, sizeof(id), "%d", o->cpus[i].id);
		ADD(u, last(&o->cpus[i].busy) / 100, 1, "cpu", id);
	}
	ADD(FAM("triage_cpu_iowait_ratio", EXPO_GAUGE, "ratio", "iowait share of all CPUs, 0..1"),
	    last(&h->cpu_iowait) / 100, 0);
	ADD(FAM("triage_cpu_steal_ratio", EXPO_GAUGE, "ratio", "steal share of all CPUs, 0..1"), last(&h->cpu_steal) / 100, 0);
	ADD(FAM("triage_cpu_runnable_per_cpu", EXPO_GAUGE, NULL,
		"Saturation: runnable tasks per online CPU (procs_running, triage excluded)"),
	    h->ncpu > 0 ? last(&h->runq) / h->ncpu : NAN, 0);
	struct expo_family *p = FAM("triage_pressure_ratio", EXPO_GAUGE, "ratio",
				    "PSI: share of the interval some (or all) tasks stalled on the resource, 0..1");
	ADD(p, last(&h->psi_cpu_some) / 100, 2, "resource", "cpu", "kind", "some");
	ADD(p, last(&h->psi_mem_some) / 100, 2, "resource", "memory", "kind", "some");
	ADD(p, last(&h->psi_mem_full) / 100, 2, "resource", "memory", "kind", "full");
	ADD(p, last(&h->psi_io_some) / 100, 2, "resource", "io", "kind", "some");
	ADD(p, last(&h->psi_io_full) / 100, 2, "resource", "io", "kind", "full");
}

static void mem_fams(struct expo_ctx *x, const struct obs *o)
{
	const struct obs_host *h = &o->host;
	struct expo_family *sw = FAM("triage_swap_io_bytes_per_second", EXPO_GAUGE, NULL,
				     "Saturation of memory: bytes swapped in and out per second (vmstat si/so)");

	ADD(FAM("triage_memory_available_ratio", EXPO_GAUGE, "ratio", "MemAvailable / MemTotal, 0..1"),
	    last(&h->mem_avail_pct) / 100, 0);
	ADD(sw, last(&h->swap_in) * 1024, 1, "direction", "in");
	ADD(sw, last(&h->swap_out) * 1024, 1, "direction", "out");
	ADD(FAM("triage_memory_oom_kills", EXPO_GAUGE, NULL, "OOM kills during the window (/proc/vmstat oom_kill)"),
	    h->oom_kill_window, 0);
	ADD(FAM("triage_fd_usage_ratio", EXPO_GAUGE, "ratio", "Allocated file handles / fs.file-max, 0..1"),
	    h->file_max > 0 ? h->file_nr / h->file_max : NAN, 0);
	struct expo_family *t = FAM("triage_tasks", EXPO_GAUGE, NULL, "Tasks at the window's end, all and by state (D, Z)");
	ADD(t, h->nr_tasks, 1, "state", "all");
	ADD(t, h->nr_dstate, 1, "state", "D");
	ADD(t, h->nr_zombie, 1, "state", "Z");
	ADD(FAM("triage_forks_per_second", EXPO_GAUGE, NULL, "Processes created per second"), last(&h->forks), 0);
}

static void disk_net_fams(struct expo_ctx *x, const struct obs *o)
{
	for (int i = 0; i < o->ndisks; i++) {
		const struct obs_disk *d = &o->disks[i];

		ADD(FAM("triage_disk_utilization_ratio", EXPO_GAUGE, "ratio", "Disk busy time share (iostat %util), 0..1"),
		    last(&d->util) / 100, 1, "device", d->name);
		ADD(FAM("triage_disk_queue_length", EXPO_GAUGE, NULL, "Average requests queued or in service (iostat aqu-sz)"),
		    last(&d->aqu), 1, "device", d->name);
		ADD(FAM("triage_disk_await_seconds", EXPO_GAUGE, "seconds", "Average time per I/O (iostat await)"),
		    last(&d->await) / 1000, 1, "device", d->name);
	}
	for (int i = 0; i < o->nnets; i++) {
		const struct obs_net *n = &o->nets[i];
		double bps = fmax(last(&n->rx_bps), last(&n->tx_bps));

		if (n->speed_mbps > 0)
			ADD(FAM("triage_network_utilization_ratio", EXPO_GAUGE, "ratio",
				"Busier direction's throughput / link speed, 0..1"),
			    bps * 8 / (n->speed_mbps * 1e6), 1, "device", n->name);
		ADD(FAM("triage_network_errors_per_second", EXPO_GAUGE, NULL, "Receive + transmit errors per second"),
		    last(&n->errs), 1, "device", n->name);
		ADD(FAM("triage_network_drops_per_second", EXPO_GAUGE, NULL, "Receive + transmit drops per second"),
		    last(&n->drops), 1, "device", n->name);
	}
}

static void tcp_fams(struct expo_ctx *x, const struct obs *o)
{
	const struct obs_host *h = &o->host;
	struct expo_family *st = FAM("node_tcp_connection_states", EXPO_GAUGE, NULL, "Number of connection states.");
	double segs = last(&h->tcp_out_segs), re = last(&h->tcp_retrans);

	ADD(st, h->tcp_estab, 1, "state", "established");
	ADD(st, h->tcp_time_wait, 1, "state", "time_wait");
	ADD(st, h->tcp_close_wait, 1, "state", "close_wait");
	ADD(st, h->tcp_syn_recv, 1, "state", "syn_recv");
	ADD(FAM("triage_tcp_retransmit_ratio", EXPO_GAUGE, "ratio", "Segments retransmitted / segments sent, 0..1"),
	    segs > 0 ? re / segs : NAN, 0);
	ADD(FAM("triage_tcp_listen_overflows_per_second", EXPO_GAUGE, NULL,
		"Connections dropped per second because an accept queue was full (TcpExt ListenOverflows)"),
	    last(&h->listen_overflows), 0);
	for (int i = 0; i < o->nlistens; i++) {
		const struct obs_listen *l = &o->listens[i];
		char port[16];

		snprintf(port, sizeof(port), "%d", l->port);
		ADD(FAM("triage_tcp_listen_queue", EXPO_GAUGE, NULL, "Highest accept-queue length of a listener seen (Recv-Q)"),
		    l->queued_max, 2, "address", l->addr, "port", port);
		ADD(FAM("triage_tcp_listen_backlog", EXPO_GAUGE, NULL, "Accept-queue limit of a listener (Send-Q)"),
		    l->backlog, 2, "address", l->addr, "port", port);
	}
}

static void fs_cgroup_fams(struct expo_ctx *x, const struct obs *o)
{
	for (int i = 0; i < o->nfss; i++) {
		const struct obs_fs *f = &o->fss[i];

#define FS3 3, "device", f->dev, "fstype", f->type, "mountpoint", f->mnt
		ADD(FAM("node_filesystem_size_bytes", EXPO_GAUGE, "bytes", "Filesystem size in bytes."), f->size, FS3);
		ADD(FAM("node_filesystem_avail_bytes", EXPO_GAUGE, "bytes",
			"Filesystem space available to non-root users in bytes."), f->avail, FS3);
		ADD(FAM("node_filesystem_files", EXPO_GAUGE, NULL, "Filesystem total file nodes."), f->files, FS3);
		ADD(FAM("node_filesystem_files_free", EXPO_GAUGE, NULL, "Filesystem total free file nodes."), f->ffree, FS3);
#undef FS3
		ADD(FAM("triage_filesystem_used_ratio", EXPO_GAUGE, "ratio", "df Use%: used / (used + available), 0..1"),
		    obs_fs_used_pct(f) / 100, 1, "mountpoint", f->mnt);
	}
	for (int i = 0; i < o->ncgroups; i++) {
		const struct obs_cgroup *c = &o->cgroups[i];

		ADD(FAM("triage_cgroup_cpu_quota_cpus", EXPO_GAUGE, NULL, "CPU quota / period of a cgroup"),
		    c->quota_cpus, 1, "cgroup", c->path);
		ADD(FAM("triage_cgroup_cpu_throttled_ratio", EXPO_GAUGE, "ratio",
			"Periods throttled / periods with runnable tasks, 0..1"), last(&c->throttled_pct) / 100, 1, "cgroup", c->path);
		ADD(FAM("triage_cgroup_memory_bytes", EXPO_GAUGE, "bytes", "memory.current of a cgroup"),
		    c->mem_current, 1, "cgroup", c->path);
		ADD(FAM("triage_cgroup_memory_max_bytes", EXPO_GAUGE, "bytes", "memory.max of a cgroup (absent: unlimited)"),
		    c->mem_max, 1, "cgroup", c->path);
	}
}

/* A process by its index in o->procs, and its CPU for the sort. */
struct busy {
	int i;
	double cpu;
};

static int cmp_cpu(const void *a, const void *b)
{
	double u = ((const struct busy *)a)->cpu, v = ((const struct busy *)b)->cpu;

	return (u < v) - (u > v);
}

/* Per-process series: only the top_procs busiest processes the report named. */
static void proc_fams(struct expo_ctx *x, const struct obs *o, int top)
{
	struct busy *v;
	int n = 0;

	if (top <= 0 || o->nprocs == 0)
		return;
	v = malloc((size_t)o->nprocs * sizeof(struct busy));
	if (!v) {
		x->err = -ENOMEM;
		return;
	}
	for (int i = 0; i < o->nprocs; i++)
		if (o->procs[i].tid == o->procs[i].pid)
			v[n++] = (struct busy){ i, isnan(o->procs[i].cpu_pct) ? -1 : o->procs[i].cpu_pct };
	qsort(v, (size_t)n, sizeof(struct busy), cmp_cpu);
	for (int i = 0; i < n && i < top; i++) {
		const struct obs_proc *p = &o->procs[v[i].i];
		char pid[16];

		snprintf(pid, sizeof(pid), "%d", p->pid);
		ADD(FAM("triage_process_cpu_ratio", EXPO_GAUGE, "ratio", "CPU of a top process, share of one CPU"),
		    p->cpu_pct / 100, 2, "pid", pid, "comm", p->comm);
		ADD(FAM("triage_process_open_fds", EXPO_GAUGE, NULL, "Open descriptors of a top process"),
		    p->nfds, 2, "pid", pid, "comm", p->comm);
	}
	free(v);
}

void expo_use_fams(struct expo_ctx *x, const struct obs *o, const struct expo_opts *opt)
{
	cpu_fams(x, o);
	mem_fams(x, o);
	disk_net_fams(x, o);
	tcp_fams(x, o);
	fs_cgroup_fams(x, o);
	proc_fams(x, o, opt ? opt->top_procs : 0);
}
