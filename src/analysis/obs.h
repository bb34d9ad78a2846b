/* What the rules look at: the observations of one triage window.
 *
 * The collector (cmd/triage_collect.c) fills this from the readers and models
 * (sources/ -> model/); the rules (analysis/rules_*.c) and the USE matrix
 * (analysis/use.c) only read it. Nothing here touches /proc, so every rule is
 * a pure function, tested on literal observations (tests/unit/test_rules.c).
 *
 * Per-interval values are series: element i is the value over interval i
 * (between sample i and i+1), so rules see peaks and "4 of 5 s", not only
 * averages. An unknown value is NAN (a counter went backwards, a file was
 * missing); rules treat NAN as "not above the threshold". Instant values (the
 * state at the last sample) are plain doubles, NAN when unknown.
 *
 * Units: percentages 0..100 (of all CPUs when it says so), rates per second,
 * sizes in bytes, latencies in milliseconds. */
#ifndef TRIAGE_ANALYSIS_OBS_H
#define TRIAGE_ANALYSIS_OBS_H

#include "model/growth.h"
#include <stdbool.h>
#include <stddef.h>

#define OBS_MAX_INTERVALS 120	/* -d / -i: at most this many intervals */

struct series {
	int n;				/* intervals filled */
	double v[OBS_MAX_INTERVALS];
};

/* Which sources the collector could read; a rule whose source is missing
 * stays silent and the resource is listed under unchecked[] instead. */
enum obs_have {
	HAVE_CPU = 1 << 0,	/* /proc/stat cpu lines */
	HAVE_SCHED = 1 << 1,	/* /proc/stat procs_running, processes */
	HAVE_MEM = 1 << 2,	/* /proc/meminfo */
	HAVE_VMSTAT = 1 << 3,	/* /proc/vmstat */
	HAVE_PSI = 1 << 4,	/* /proc/pressure/{cpu,memory,io} */
	HAVE_DISK = 1 << 5,	/* /proc/diskstats */
	HAVE_NET = 1 << 6,	/* /proc/net/dev */
	HAVE_TCP = 1 << 7,	/* /proc/net/snmp + netstat */
	HAVE_SOCK = 1 << 8,	/* sock_diag: states, listeners, owners */
	HAVE_FS = 1 << 9,	/* mountinfo + statvfs */
	HAVE_FD = 1 << 10,	/* file-nr, per-process fds and limits */
	HAVE_TASKS = 1 << 11,	/* the /proc/PID scan: states, threads */
	HAVE_CGROUP = 1 << 12,	/* cgroup cpu/memory files */
	HAVE_KLOG = 1 << 13,	/* kernel log */
	HAVE_DELETED = 1 << 14,	/* deleted-but-open files (fd scan) */
	HAVE_SOFTNET = 1 << 15,	/* /proc/net/softnet_stat */
	HAVE_THREADS = 1 << 16,	/* thread-state samples (model/threads.h) */
};

/* Host-wide values, per interval unless said otherwise. */
struct obs_host {
	int ncpu;			/* online CPUs */
	struct series cpu_usr;		/* % of all CPUs: user + nice (mpstat %usr+%nice) */
	struct series cpu_sys;		/* % system */
	struct series cpu_iowait;	/* % iowait */
	struct series cpu_irq;		/* % hardirq */
	struct series cpu_softirq;	/* % softirq */
	struct series cpu_steal;	/* % steal */
	struct series cpu_idle;		/* % idle + % iowait: time nothing ran */
	struct series cpu_busy;		/* % busy, model/cpu.h cpu_pct_busy (steal left out) */
	struct series runq;		/* /proc/stat procs_running at the end, ourselves excluded */
	struct series blocked;		/* /proc/stat procs_blocked (D state) */
	struct series forks;		/* processes created per second (/proc/stat processes) */
	struct series psi_cpu_some;	/* % of the interval some task stalled on CPU */
	struct series psi_mem_some, psi_mem_full;
	struct series psi_io_some, psi_io_full;
	struct series mem_avail_pct;	/* MemAvailable / MemTotal, % at the end */
	struct series swap_in, swap_out;	/* kB per second (vmstat si/so) */
	struct series dirty_pct;	/* nr_dirty + nr_writeback, % of nr_dirty_threshold, at the end */
	struct series tcp_out_segs;	/* segments sent per second (snmp Tcp OutSegs) */
	struct series tcp_retrans;	/* segments retransmitted per second (RetransSegs) */
	struct series tcp_attempt_fails;	/* connects failed per second (snmp AttemptFails: SYN-SENT
					 * or SYN-RECV to CLOSED, mostly a reset: refused) */
	struct series tcp_out_rsts;	/* resets sent per second (OutRsts) */
	struct series tcp_estab_resets;	/* established connections reset per second (EstabResets) */
	struct series listen_overflows;	/* per second (TcpExt ListenOverflows) */
	struct series listen_drops;	/* per second (TcpExt ListenDrops) */
	struct series syn_cookies;	/* SYN cookies sent per second (TcpExt SyncookiesSent) */
	struct series syn_drops;	/* SYNs dropped, request queue full (TcpExt TCPReqQFullDrop) */
	struct series softnet_drops;	/* packets/s the receive softirq dropped, a CPU's backlog
					 * full (softnet_stat dropped, all CPUs; sar -n SOFT dropd/s) */
	struct series softnet_squeezes;	/* per second, net_rx_action out of budget with work left
					 * (softnet_stat time_squeeze, all CPUs; squeezd/s) */
	int softnet_cpu;		/* the CPU with the most drops (then squeezes) over the window, -1 */
	double softnet_cpu_drops;	/* its drops and squeezes over the window */
	double softnet_cpu_squeezes;
	double mem_total, mem_avail;	/* bytes, at the end */
	double swap_total, swap_free;	/* bytes, at the end */
	double dirty_kb, writeback_kb;	/* /proc/vmstat nr_dirty, nr_writeback at the end */
	double dirty_thresh_kb, dirty_bg_kb;	/* nr_dirty_threshold, nr_dirty_background_threshold */
	double oom_kill_window;		/* vmstat oom_kill during the window (NAN unknown) */
	double oom_kill_boot;		/* vmstat oom_kill since boot */
	double file_nr, file_max;	/* /proc/sys/fs/file-nr allocated, file-max */
	double tcp_estab;		/* TCP sockets by state at the end (sock_diag or sockstat) */
	double tcp_time_wait;
	/* TIME-WAIT to the busiest destinations, and the ephemeral port range
	 * (ip_local_port_range) each one's connects draw from */
	struct { char addr[64]; int port; double n; } tw_dest[3];
	int ntw_dest;
	double port_range;		/* high - low + 1, NAN unknown */
	double tcp_close_wait;
	double tcp_syn_recv;
	double nr_dstate;		/* tasks in D state at the end (/proc/PID scan) */
	double nr_zombie;		/* zombie processes at the end */
	double nr_tasks;		/* all tasks */
	double load1;			/* /proc/loadavg */
	double loadavg_running;		/* /proc/loadavg runnable (fallback for runq) */
};

struct obs_cpu {
	int id;				/* cpuN */
	struct series busy;		/* % of this CPU not idle/iowait/steal */
	struct series softirq;		/* % softirq */
	struct series iowait;		/* % iowait */
};

struct obs_disk {
	char name[64];			/* sda, nvme0n1 (whole disks only) */
	int rotational;			/* 1 spinning, 0 not, -1 unknown (sys/block/X/queue/rotational) */
	struct series util;		/* %util (iostat -x) */
	struct series aqu;		/* aqu-sz: average queue length */
	struct series await;		/* ms per I/O, reads and writes (iostat await) */
	struct series iops;		/* r/s + w/s */
	double errors;			/* I/O errors logged during the window (kernel log), NAN unknown */
};

struct obs_net {
	char name[32];			/* interface */
	double speed_mbps;		/* link speed, NAN unknown (virtual devices) */
	struct series rx_bps, tx_bps;	/* bytes per second */
	struct series errs;		/* rx+tx errors per second */
	struct series drops;		/* rx+tx drops per second */
};

struct obs_fs {
	char mnt[256];			/* mount point (untrusted text) */
	char dev[128];			/* source device */
	char type[32];			/* fstype */
	double size, avail, used;	/* bytes; used% = used / (used + avail), as df */
	double files, ffree;		/* inodes */
	double deleted;			/* bytes held by deleted-but-open files here, NAN unknown */
	int deleted_pid;		/* the biggest holder of those, 0 unknown */
	char deleted_comm[64];
	char deleted_path[256];		/* its biggest deleted file */
};

/* A process worth naming: top CPU threads, fd-heavy, socket owners. */
struct obs_proc {
	int pid, tid;			/* tid == pid for the process as a whole */
	char comm[64];
	char state;			/* R S D Z ... */
	int nthreads;			/* threads of the process (1: it is its only thread) */
	double cpu_pct;			/* % of one CPU over the window (thread or process) */
	double nfds;			/* open descriptors, NAN unknown */
	double fd_soft;			/* RLIMIT_NOFILE soft limit, NAN unknown */
	double close_wait;		/* TCP sockets in CLOSE_WAIT it owns */
};

/* The processes that ended in the window, from a recording's exits
 * (model/exited.h): the short-lived work that a scan at the window's two
 * ends does not see. Their largest group by parent and name is named. */
struct obs_exited {
	bool known;			/* every interval's exits were recorded */
	double n;			/* processes that ended */
	double cpu_pct;			/* their CPU in the window, % of one CPU */
	int ppid;			/* the largest group (by CPU): their parent ... */
	char parent_comm[64];		/* ... its name, "" unknown (untrusted) */
	char comm[64];			/* ... and theirs (untrusted) */
	double group_n, group_cpu_pct;
};

/* One wait of a process's threads, from the thread-state samples. */
struct obs_wait {
	char state;			/* S, D ... */
	char syscall[24];		/* "futex", "" none or unknown */
	char wchan[48];			/* kernel wait channel, "" unknown */
	char frame[48];			/* the kernel frame below it (D, with stacks), "" */
	char file[128];			/* the file of the syscall's fd (arg0), "" unknown (untrusted) */
	char mount[128];		/* the mount point that file is on, "" unknown (untrusted) */
	char fstype[32];		/* and its filesystem type (fuse.x, nfs4, ext4 ...) */
	double pct;			/* % of the process's thread-samples */
	int n;				/* thread-samples */
};

#define OBS_WAITS 3

/* A process as the thread-state samples saw it over the window (every
 * user process with threads sampled, and kernel threads in D). */
struct obs_tproc {
	int pid, ppid;
	char comm[64];
	bool kthread;
	char state;			/* the leader's at its last sample: R S D Z ... */
	bool gone;			/* not in the window's last sample (exited or reaped) */
	int nthreads;			/* at the last sample */
	int samples;			/* thread-samples (threads x samples) */
	double running_pct;		/* % of thread-samples on a CPU */
	double dstate_pct;		/* in D */
	double lock_pct;		/* waiting on a futex or a kernel lock */
	double wakeups;			/* times a thread was run, per thread per second */
	struct obs_wait waits[OBS_WAITS];	/* most thread-samples first */
	int nwaits;
	double rss_first, rss_last;	/* bytes */
	double rss_slope;		/* bytes per second, least squares (NAN unknown) */
	double rss_r2;			/* the fit */
	double rss_window_s;		/* seconds between its first and last sample */
	int rss_n;			/* samples of its RSS in the fit (0: thread_samples) */
	double blkio_s;			/* block-I/O delay over the window, s (stat 42) */
	double oom_score;		/* proc/PID/oom_score, NAN unread (read for the growing ones) */
	char cgroup[256];		/* v2 path (or the first v1 one), "" unknown; filled for named ones */
};

struct obs_listen {
	char addr[64];			/* local address (text) */
	int port;
	double queued;			/* accept queue length (Recv-Q) at the end */
	double backlog;			/* its limit (Send-Q) */
	double queued_max;		/* the highest seen over the samples */
	int pid;			/* owner, 0 unknown */
	char comm[64];
};

struct obs_cgroup {
	char path[256];			/* /system.slice/x.service (untrusted) */
	double quota_cpus;		/* cpu quota / period, NAN when none */
	struct series throttled_pct;	/* nr_throttled delta / nr_periods delta, % */
	double nr_throttled;		/* increase over the window */
	double throttled_ms;		/* throttled time over the window */
	double mem_current, mem_max;	/* bytes; mem_max NAN when unlimited */
	double oom_kill_window;		/* memory.events oom_kill increase */
	double oom_kill_total;
	/* mem.growth: its resident memory (memory.stat anon + shmem, else
	 * memory.current: page cache is reclaimed before it hits a limit) at
	 * every sample, and the lowest memory.max of it and its ancestors */
	struct growth_fit mem_fit;
	double mem_max_eff;		/* bytes, NAN unlimited */
};

/* tcp.refused as root: the connects this host refused (a SYN that found no
 * socket, a port nobody listens on, answered with a reset), from the
 * tcp:tcp_send_reset tracepoint over the part of the window it was attached
 * (from the first interval whose counters showed refused connects). */
#define OBS_RESET_PORTS 4
#define OBS_RESET_CLIENTS 3

struct obs_reset_port {
	int port;
	double n;			/* refused connects to it */
	struct { char addr[64]; double n; } clients[OBS_RESET_CLIENTS];	/* most first */
	int nclients;			/* its clients in all (named or not) */
};

struct obs_resets {
	bool traced;			/* the probe ran: the rest is known */
	double traced_s;		/* the seconds it was attached */
	double refused;			/* refused connects, every port */
	double other;			/* the other resets sent (stray segments, sockets reset) */
	double overflow;		/* refused connects not attributed: the probe's table was full */
	struct obs_reset_port ports[OBS_RESET_PORTS];	/* most first */
	int nports;			/* refused ports in all */
};

/* Kernel log lines the rules care about, classified by analysis/klog.c. */
enum klog_kind {
	KLOG_OTHER,
	KLOG_OOM,		/* "Out of memory: Killed process 123 (x)" / "oom-kill:" */
	KLOG_HARDWARE,		/* MCE, "Hardware Error", EDAC */
	KLOG_HUNG,		/* "task x blocked for more than N seconds" */
	KLOG_LOCKUP,		/* soft/hard lockup, RCU stall */
	KLOG_SEGFAULT,		/* "segfault at", general protection */
	KLOG_SYNFLOOD,		/* "Possible SYN flooding on port" */
	KLOG_IOERR,		/* "I/O error, dev sda" / "blk_update_request" */
	KLOG_FSERR,		/* EXT4-fs error, XFS corruption */
	KLOG__COUNT
};

struct obs_klog {
	enum klog_kind kind;
	int level;			/* syslog level 0..7 */
	double ts;			/* seconds since boot */
	bool in_window;			/* logged during the triage window */
	char text[240];			/* the message (untrusted) */
};

/* Something the report could not check, and why (not root, feature absent,
 * file unreadable, collector not built in): silence must not mean "fine". */
struct obs_unchecked {
	char what[64];			/* "disk errors", "cgroups", "kernel log" */
	char why[192];
};

struct pidinfo;

struct obs {
	unsigned have;			/* enum obs_have bits */
	int intervals;			/* n of every series */
	double interval_s;		/* the nominal interval */
	double window_s;		/* sum of the intervals */
	double t_end;			/* uptime at the last sample, s */
	double wall_end;		/* seconds since the epoch then; 0 for a snapshot replay */
	double wall_start;		/* seconds since the epoch at the first sample (0 likewise) */
	struct obs_host host;
	struct obs_cpu *cpus;  int ncpus;
	struct obs_disk *disks; int ndisks;
	struct obs_net *nets;  int nnets;
	struct obs_fs *fss;    int nfss;
	struct obs_proc *procs; int nprocs;
	struct obs_listen *listens; int nlistens;
	struct obs_cgroup *cgroups; int ncgroups;
	struct obs_klog *klog; int nklog;
	struct obs_unchecked *unchecked; int nunchecked;
	struct obs_tproc *tprocs; int ntprocs;	/* thread-state samples, by pid */
	struct obs_exited exited;		/* processes that ended in the window */
	int thread_samples;		/* how many samples of every thread */
	char thread_source[16];		/* "/proc" or "bpf" */
	int delayacct;			/* kernel.task_delayacct: 1 on, 0 off (stat 42 stays 0), -1 unknown */
	int focus_pid;			/* --pid, 0 when none */
	char focus_cgroup[256];		/* its cgroup (v2 path, else the v1 cpu one) */
	/* --pid: triage pid's model of it over the window (its first and last
	 * sample), judged by the same rules as triage pid (analysis/rules_focus.c);
	 * NULL when not taken (no --pid, a recording, the process gone). Owned
	 * by the caller, which outlives the rules. */
	const struct pidinfo *focus_info;
	char focus_wchan[128];		/* its wait channel at the last sample */
	struct obs_resets resets;	/* refused connects by port and client (root, BPF) */
};

/* A zeroed observation with every series and instant value unknown. */
struct obs *obs_new(void);
void obs_free(struct obs *o);

/* Append one zeroed instance (its series and values NAN) and return it, or
 * NULL on ENOMEM. */
struct obs_cpu *obs_add_cpu(struct obs *o);
struct obs_disk *obs_add_disk(struct obs *o);
struct obs_net *obs_add_net(struct obs *o);
struct obs_fs *obs_add_fs(struct obs *o);
struct obs_proc *obs_add_proc(struct obs *o);
struct obs_listen *obs_add_listen(struct obs *o);
struct obs_cgroup *obs_add_cgroup(struct obs *o);
struct obs_klog *obs_add_klog(struct obs *o);
struct obs_tproc *obs_add_tproc(struct obs *o);

/* df's Use%: used / (used + available to non-root), NAN when unknown. */
double obs_fs_used_pct(const struct obs_fs *f);
/* df -i's IUse%. */
double obs_fs_inodes_pct(const struct obs_fs *f);

/* The thread-sampled process pid (o->tprocs is in pid order), or NULL. */
const struct obs_tproc *obs_tproc_find(const struct obs *o, int pid);

/* The process of --pid in o->procs, or NULL. */
const struct obs_proc *obs_focus(const struct obs *o);

/* Record that what could not be checked, and why (printf format). */
void obs_unchecked(struct obs *o, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Set every element of s to NAN and n to 0. */
void series_init(struct series *s);
/* Append v (as the next interval). */
void series_push(struct series *s, double v);

/* Statistics over the known elements (NAN skipped); NAN when none known. */
double series_max(const struct series *s);
double series_mean(const struct series *s);
/* Intervals whose value is >= thr (NAN never counts). */
int series_count_ge(const struct series *s, double thr);
/* Intervals with a known value. */
int series_known(const struct series *s);

#endif
