/* node_exporter's families (1.5's names, labels and units) from the raw
 * counters of a sample: cpu, loadavg, meminfo, vmstat, pressure, diskstats,
 * netdev, netstat, filefd and stat collectors. Counters are exported as the
 * kernel counts them, converted to base units: ticks to seconds (USER_HZ),
 * sectors (512 bytes) to bytes, milliseconds to seconds, kB to bytes. */
#include "model/expo_priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "analysis/obs.h"
#include "sample/sample.h"

static void cpu_fams(struct expo_ctx *x, const struct sample *s)
{
	struct expo_family *f = FAM("node_cpu_seconds", EXPO_COUNTER, "seconds",
				    "Seconds the CPUs spent in each mode (/proc/stat).");
	long hz = sysconf(_SC_CLK_TCK);
	double tick = 1.0 / (double)(hz > 0 ? hz : 100);

	if (!sample_has(s, SAMPLE_STAT))
		return;
	for (int i = 0; i < s->stat.ncpu; i++) {
		const struct proc_stat_cpu *c = &s->stat.cpu[i];
		char id[16];

		if (s->stat.online && !s->stat.online[i])
			continue;
		snprintf(id, sizeof(id), "%d", i);
		/* node_exporter: user and nice include guest time, as the kernel counts them */
		ADD(f, (double)c->user * tick, 2, "cpu", id, "mode", "user");
		ADD(f, (double)c->nice * tick, 2, "cpu", id, "mode", "nice");
		ADD(f, (double)c->system * tick, 2, "cpu", id, "mode", "system");
		ADD(f, (double)c->idle * tick, 2, "cpu", id, "mode", "idle");
		ADD(f, (double)c->iowait * tick, 2, "cpu", id, "mode", "iowait");
		ADD(f, (double)c->irq * tick, 2, "cpu", id, "mode", "irq");
		ADD(f, (double)c->softirq * tick, 2, "cpu", id, "mode", "softirq");
		ADD(f, (double)c->steal * tick, 2, "cpu", id, "mode", "steal");
	}
	ADD(FAM("node_context_switches", EXPO_COUNTER, NULL, "Total number of context switches."),
	    (double)s->stat.ctxt, 0);
	ADD(FAM("node_forks", EXPO_COUNTER, NULL, "Total number of forks."), (double)s->stat.processes, 0);
	ADD(FAM("node_intr", EXPO_COUNTER, NULL, "Total number of interrupts serviced."), (double)s->stat.intr, 0);
	ADD(FAM("node_procs_running", EXPO_GAUGE, NULL, "Number of processes in runnable state."),
	    (double)s->stat.procs_running, 0);
	ADD(FAM("node_procs_blocked", EXPO_GAUGE, NULL, "Number of processes blocked waiting for I/O to complete."),
	    (double)s->stat.procs_blocked, 0);
	ADD(FAM("node_boot_time_seconds", EXPO_GAUGE, "seconds", "Node boot time, in unixtime."),
	    (double)s->stat.btime, 0);
}

static void mem_fams(struct expo_ctx *x, const struct sample *s)
{
	static const struct { enum proc_meminfo_field f; const char *name, *help; } m[] = {
		{ MI_MEM_TOTAL, "node_memory_MemTotal_bytes", "Memory information field MemTotal_bytes." },
		{ MI_MEM_FREE, "node_memory_MemFree_bytes", "Memory information field MemFree_bytes." },
		{ MI_MEM_AVAILABLE, "node_memory_MemAvailable_bytes", "Memory information field MemAvailable_bytes." },
		{ MI_BUFFERS, "node_memory_Buffers_bytes", "Memory information field Buffers_bytes." },
		{ MI_CACHED, "node_memory_Cached_bytes", "Memory information field Cached_bytes." },
		{ MI_SWAP_TOTAL, "node_memory_SwapTotal_bytes", "Memory information field SwapTotal_bytes." },
		{ MI_SWAP_FREE, "node_memory_SwapFree_bytes", "Memory information field SwapFree_bytes." },
		{ MI_SHMEM, "node_memory_Shmem_bytes", "Memory information field Shmem_bytes." },
		{ MI_DIRTY, "node_memory_Dirty_bytes", "Memory information field Dirty_bytes." },
	};

	if (sample_has(s, SAMPLE_MEMINFO))
		for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
			if (proc_meminfo_has(&s->mem, m[i].f))
				ADD(FAM(m[i].name, EXPO_GAUGE, "bytes", m[i].help), (double)s->mem.v[m[i].f] * 1024, 0);
	if (sample_has(s, SAMPLE_LOADAVG)) {
		ADD(FAM("node_load1", EXPO_GAUGE, NULL, "1m load average."), s->load.load[0], 0);
		ADD(FAM("node_load5", EXPO_GAUGE, NULL, "5m load average."), s->load.load[1], 0);
		ADD(FAM("node_load15", EXPO_GAUGE, NULL, "15m load average."), s->load.load[2], 0);
	}
	if (sample_has(s, SAMPLE_VMSTAT)) {
		if (proc_vmstat_has(&s->vm, VM_PSWPIN))
			ADD(FAM("node_vmstat_pswpin", EXPO_UNKNOWN, NULL, "/proc/vmstat information field pswpin."),
			    (double)s->vm.v[VM_PSWPIN], 0);
		if (proc_vmstat_has(&s->vm, VM_PSWPOUT))
			ADD(FAM("node_vmstat_pswpout", EXPO_UNKNOWN, NULL, "/proc/vmstat information field pswpout."),
			    (double)s->vm.v[VM_PSWPOUT], 0);
		if (proc_vmstat_has(&s->vm, VM_OOM_KILL))
			ADD(FAM("node_vmstat_oom_kill", EXPO_UNKNOWN, NULL, "/proc/vmstat information field oom_kill."),
			    (double)s->vm.v[VM_OOM_KILL], 0);
	}
	if (sample_has(s, SAMPLE_FILE_NR)) {
		ADD(FAM("node_filefd_allocated", EXPO_GAUGE, NULL, "File descriptor statistics: allocated."),
		    (double)s->file_nr.allocated, 0);
		ADD(FAM("node_filefd_maximum", EXPO_GAUGE, NULL, "File descriptor statistics: maximum."),
		    (double)s->file_nr.max, 0);
	}
}

static void psi_fams(struct expo_ctx *x, const struct sample *s)
{
	static const struct { enum psi_resource r; bool full; const char *name, *help; } p[] = {
		{ PSI_CPU, false, "node_pressure_cpu_waiting_seconds", "Total time in seconds that processes have waited for CPU time" },
		{ PSI_MEMORY, false, "node_pressure_memory_waiting_seconds", "Total time in seconds that processes have waited for memory" },
		{ PSI_MEMORY, true, "node_pressure_memory_stalled_seconds", "Total time in seconds no process could make progress due to memory congestion" },
		{ PSI_IO, false, "node_pressure_io_waiting_seconds", "Total time in seconds that processes have waited due to IO congestion" },
		{ PSI_IO, true, "node_pressure_io_stalled_seconds", "Total time in seconds no process could make progress due to IO congestion" },
	};

	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		const struct psi_line *l = p[i].full ? &s->psi.res[p[i].r].full : &s->psi.res[p[i].r].some;

		if (!s->psi.err[p[i].r] && l->present)
			ADD(FAM(p[i].name, EXPO_COUNTER, "seconds", p[i].help), (double)l->total_us / 1e6, 0);
	}
}

/* The whole disks the report judges, as node_exporter's diskstats collector names them. */
static void disk_fams(struct expo_ctx *x, const struct sample *s, const struct obs *o)
{
	if (!sample_has(s, SAMPLE_DISKSTATS))
		return;
	for (size_t i = 0; i < s->disks.n; i++) {
		const struct diskstats_dev *d = &s->disks.dev[i];
		bool judged = false;

		for (int k = 0; o && k < o->ndisks && !judged; k++)
			judged = strcmp(o->disks[k].name, d->name) == 0;
		if (!judged)
			continue;
		ADD(FAM("node_disk_reads_completed", EXPO_COUNTER, NULL, "The total number of reads completed successfully."),
		    (double)d->rd_ios, 1, "device", d->name);
		ADD(FAM("node_disk_writes_completed", EXPO_COUNTER, NULL, "The total number of writes completed successfully."),
		    (double)d->wr_ios, 1, "device", d->name);
		ADD(FAM("node_disk_read_bytes", EXPO_COUNTER, "bytes", "The total number of bytes read successfully."),
		    (double)d->rd_sectors * 512, 1, "device", d->name);
		ADD(FAM("node_disk_written_bytes", EXPO_COUNTER, "bytes", "The total number of bytes written successfully."),
		    (double)d->wr_sectors * 512, 1, "device", d->name);
		ADD(FAM("node_disk_read_time_seconds", EXPO_COUNTER, "seconds", "The total number of seconds spent by all reads."),
		    (double)d->rd_ticks / 1000, 1, "device", d->name);
		ADD(FAM("node_disk_write_time_seconds", EXPO_COUNTER, "seconds", "This is the total number of seconds spent by all writes."),
		    (double)d->wr_ticks / 1000, 1, "device", d->name);
		ADD(FAM("node_disk_io_time_seconds", EXPO_COUNTER, "seconds", "Total seconds spent doing I/Os."),
		    (double)d->io_ticks / 1000, 1, "device", d->name);
		ADD(FAM("node_disk_io_time_weighted_seconds", EXPO_COUNTER, "seconds", "The weighted # of seconds spent doing I/Os."),
		    (double)d->rq_ticks / 1000, 1, "device", d->name);
		ADD(FAM("node_disk_io_now", EXPO_GAUGE, NULL, "The number of I/Os currently in progress."),
		    (double)d->in_flight, 1, "device", d->name);
	}
}

static void net_fams(struct expo_ctx *x, const struct sample *s)
{
	if (!sample_has(s, SAMPLE_NET_DEV))
		return;
	for (size_t i = 0; i < s->netdev.n; i++) {
		const struct net_dev_if *n = &s->netdev.ifs[i];
		const struct sys_class_net_if *l = sample_link(s, n->name);

		ADD(FAM("node_network_receive_bytes", EXPO_COUNTER, "bytes", "Network device statistic receive_bytes."),
		    (double)n->rx_bytes, 1, "device", n->name);
		ADD(FAM("node_network_transmit_bytes", EXPO_COUNTER, "bytes", "Network device statistic transmit_bytes."),
		    (double)n->tx_bytes, 1, "device", n->name);
		ADD(FAM("node_network_receive_packets", EXPO_COUNTER, NULL, "Network device statistic receive_packets."),
		    (double)n->rx_packets, 1, "device", n->name);
		ADD(FAM("node_network_transmit_packets", EXPO_COUNTER, NULL, "Network device statistic transmit_packets."),
		    (double)n->tx_packets, 1, "device", n->name);
		ADD(FAM("node_network_receive_errs", EXPO_COUNTER, NULL, "Network device statistic receive_errs."),
		    (double)n->rx_errs, 1, "device", n->name);
		ADD(FAM("node_network_transmit_errs", EXPO_COUNTER, NULL, "Network device statistic transmit_errs."),
		    (double)n->tx_errs, 1, "device", n->name);
		ADD(FAM("node_network_receive_drop", EXPO_COUNTER, NULL, "Network device statistic receive_drop."),
		    (double)n->rx_drop, 1, "device", n->name);
		ADD(FAM("node_network_transmit_drop", EXPO_COUNTER, NULL, "Network device statistic transmit_drop."),
		    (double)n->tx_drop, 1, "device", n->name);
		if (l && l->speed_mbps > 0)
			ADD(FAM("node_network_speed_bytes", EXPO_GAUGE, "bytes", "Network device property: speed_bytes"),
			    (double)l->speed_mbps * 125000, 1, "device", n->name);
	}
}

/* node_exporter's netstat collector: untyped, named Group_Field, its default fields for TCP. */
static void netstat_fams(struct expo_ctx *x, const struct sample *s)
{
	static const struct { enum snmp_field f; const char *name; } t[] = {
		{ SNMP_TCP_ACTIVE_OPENS, "node_netstat_Tcp_ActiveOpens" },
		{ SNMP_TCP_PASSIVE_OPENS, "node_netstat_Tcp_PassiveOpens" },
		{ SNMP_TCP_ATTEMPT_FAILS, "node_netstat_Tcp_AttemptFails" },
		{ SNMP_TCP_ESTAB_RESETS, "node_netstat_Tcp_EstabResets" },
		{ SNMP_TCP_CURR_ESTAB, "node_netstat_Tcp_CurrEstab" },
		{ SNMP_TCP_IN_SEGS, "node_netstat_Tcp_InSegs" },
		{ SNMP_TCP_OUT_SEGS, "node_netstat_Tcp_OutSegs" },
		{ SNMP_TCP_RETRANS_SEGS, "node_netstat_Tcp_RetransSegs" },
		{ SNMP_TCP_IN_ERRS, "node_netstat_Tcp_InErrs" },
		{ SNMP_TCP_OUT_RSTS, "node_netstat_Tcp_OutRsts" },
	};
	static const struct { enum netstat_field f; const char *name; } e[] = {
		{ NETSTAT_TCP_EXT_LISTEN_OVERFLOWS, "node_netstat_TcpExt_ListenOverflows" },
		{ NETSTAT_TCP_EXT_LISTEN_DROPS, "node_netstat_TcpExt_ListenDrops" },
		{ NETSTAT_TCP_EXT_SYNCOOKIES_SENT, "node_netstat_TcpExt_SyncookiesSent" },
		{ NETSTAT_TCP_EXT_SYNCOOKIES_RECV, "node_netstat_TcpExt_SyncookiesRecv" },
		{ NETSTAT_TCP_EXT_SYNCOOKIES_FAILED, "node_netstat_TcpExt_SyncookiesFailed" },
		{ NETSTAT_TCP_EXT_TCP_SYN_RETRANS, "node_netstat_TcpExt_TCPSynRetrans" },
		{ NETSTAT_TCP_EXT_TCP_TIMEOUTS, "node_netstat_TcpExt_TCPTimeouts" },
	};

	for (size_t i = 0; sample_has(s, SAMPLE_SNMP) && i < sizeof(t) / sizeof(t[0]); i++)
		if (s->snmp.have[t[i].f])
			ADD(FAM(t[i].name, EXPO_UNKNOWN, NULL, "Statistic from /proc/net/snmp."), (double)s->snmp.v[t[i].f], 0);
	for (size_t i = 0; sample_has(s, SAMPLE_NETSTAT) && i < sizeof(e) / sizeof(e[0]); i++)
		if (s->netstat.have[e[i].f])
			ADD(FAM(e[i].name, EXPO_UNKNOWN, NULL, "Statistic from /proc/net/netstat."),
			    (double)s->netstat.v[e[i].f], 0);
}

void expo_node_fams(struct expo_ctx *x, const struct sample *s, const struct obs *o)
{
	netstat_fams(x, s);
	cpu_fams(x, s);
	mem_fams(x, s);
	psi_fams(x, s);
	disk_fams(x, s, o);
	net_fams(x, s);
}
