/* The one table of rule thresholds (see rules.h). Designated initializers
 * keyed by enum rule_id; tests/unit/test_tables.c checks that every rule of
 * the enum has its row. Thresholds come from the playbooks the rules encode:
 * Brendan Gregg's USE method checklist (brendangregg.com/USEmethod/use-linux.html)
 * and "60-second analysis", and the kernel's own meaning of each counter
 * (Documentation/accounting/psi.rst, Documentation/admin-guide/iostats.rst,
 * Documentation/networking/snmp_counter.rst). */
#include "analysis/rules.h"

#include <math.h>

#include "analysis/finding.h"
#include "analysis/obs.h"

#define MOST 0.6	/* "most of the window": 3 of 5 intervals */

const struct rule_def rule_defs[RULE__COUNT] = {
	[RULE_CPU_SATURATED] = {
		.use = 'S',
		.id = "cpu.saturated", .kind = "cpu",
		.metric = "runnable tasks per CPU (/proc/stat procs_running, ourselves excluded; vmstat r)",
		.unit = "per CPU", .warn = 1.0, .crit = 2.0, .frac = MOST,
		.metric2 = "or PSI cpu some over the window (/proc/pressure/cpu total), while the CPUs are less than half idle",
		.warn2 = 30, .crit2 = 60, .unit2 = "%",
		.next = { "triage top -b -n 1", "triage pidstat -u 1 5", "triage runqlat 5 1", "vmstat 1 5" },
		.action = "Find the busiest processes and cut their work, spread it over time, or add CPUs; "
			  "cap noisy neighbours with a cgroup cpu.max.",
	},
	[RULE_CPU_SINGLE_THREAD] = {
		.use = 'U',
		.id = "cpu.single_thread", .kind = "cpu",
		.metric = "one CPU busy (/proc/stat cpuN; mpstat -P ALL 100-%idle), or one thread's CPU",
		.unit = "%", .warn = 90, .crit = NAN, .frac = MOST,
		.metric2 = "and the other CPUs' mean idle (room left)", .warn2 = 40, .crit2 = NAN, .unit2 = "%",
		.next = { "triage pidstat -t -u 1 5", "triage profile", "triage mpstat -P ALL 1 5", "top -H" },
		.action = "A single-threaded bottleneck: more CPUs will not help. Parallelise the hot thread, "
			  "or make its work cheaper (profile it).",
	},
	[RULE_CPU_IOWAIT] = {
		.use = 'S',
		.id = "cpu.iowait", .kind = "cpu",
		.metric = "%iowait of all CPUs (/proc/stat; mpstat %iowait)",
		.unit = "%", .warn = 20, .crit = 50, .frac = MOST,
		.next = { "triage iostat -xz 1 5", "triage pidstat -d 1 5", "triage biolatency", "iotop -o" },
		.action = "CPUs wait on storage: find the disk and the process doing the I/O (iostat, pidstat -d), "
			  "then reduce or cache that I/O or move it to faster storage.",
	},
	[RULE_CPU_STEAL] = {
		.use = 'S',
		.id = "cpu.steal", .kind = "cpu",
		.metric = "%steal of all CPUs (/proc/stat; mpstat %steal)",
		.unit = "%", .warn = 10, .crit = 30, .frac = MOST,
		.next = { "triage mpstat -P ALL 1 5", "triage vmstat 1 5", "mpstat -P ALL 1" },
		.action = "The hypervisor gives this VM's CPU time to others: ask the provider, move to a "
			  "dedicated or larger instance, or lower the load.",
	},
	[RULE_CPU_SOFTIRQ] = {
		.use = 'U',
		.id = "cpu.softirq", .kind = "cpu",
		.metric = "%soft of one CPU (/proc/stat cpuN; mpstat %soft)",
		.unit = "%", .warn = 25, .crit = 50, .frac = MOST,
		.next = { "triage mpstat -P ALL 1 5", "triage sar -n DEV 1 5", "cat /proc/softirqs", "mpstat -I SCPU 1" },
		.action = "Interrupt work (usually network) lands on one CPU: spread it with RSS/RPS and irqbalance, "
			  "or reduce the packet rate (GRO, larger MTU).",
	},
	[RULE_MEM_LOW_AVAILABLE] = {
		.use = 'U',
		.id = "mem.low_available", .kind = "mem",
		.metric = "MemAvailable as % of MemTotal, lowest in the window (/proc/meminfo; free available)",
		.unit = "%", .warn = 10, .crit = 5, .below = true,
		.next = { "triage free -m", "triage top -b -n 1 -o RES", "triage pidstat -r 1 5", "free -m" },
		.action = "Memory is nearly used up: find the largest processes (RSS) or caches that cannot be "
			  "reclaimed (tmpfs, shmem), fix leaks, set limits, or add memory.",
	},
	[RULE_MEM_SWAPPING] = {
		.use = 'S',
		.id = "mem.swapping", .kind = "mem",
		.metric = "swapped in + out, kB per second (/proc/vmstat pswpin, pswpout; vmstat si + so)",
		.unit = "kB/s", .warn = 40, .crit = 4096, .frac = MOST,
		.next = { "triage vmstat 1 5", "triage free -m", "triage pidstat -r 1 5", "vmstat 1 5" },
		.action = "The working set does not fit in memory: reduce memory use or add memory; "
			  "swapping is what makes everything slow.",
	},
	[RULE_MEM_PRESSURE] = {
		.use = 'S',
		.id = "mem.pressure", .kind = "mem",
		.metric = "PSI memory some over the window (/proc/pressure/memory total)",
		.unit = "%", .warn = 10, .crit = 40,
		.metric2 = "or PSI memory full over the window", .warn2 = 5, .crit2 = 20, .unit2 = "%",
		.next = { "triage psi", "triage vmstat 1 5", "triage free -m", "cat /proc/pressure/memory" },
		.action = "Tasks stall on memory reclaim: the working set is too large for memory or for its "
			  "cgroup limit; reduce it or raise the limit.",
	},
	[RULE_MEM_OOM_KILL] = {
		.use = 'E',
		.id = "mem.oom_kill", .kind = "mem",
		.metric = "OOM kills (/proc/vmstat oom_kill; kernel log \"Killed process\"); earlier ones since boot are info",
		.unit = "kills in the window", .warn = NAN, .crit = 0,
		.next = { "triage dmesg --level err,warn", "triage cgroup", "triage free -m", "dmesg -T | grep -i oom" },
		.action = "The kernel killed a process to free memory: find what grew (the victim or its "
			  "cgroup), give it a realistic limit, or add memory.",
	},
	[RULE_MEM_GROWTH] = {
		.use = 'U',
		.id = "mem.growth", .kind = "mem",
		.metric = "time until MemAvailable (or the process's cgroup memory.max) runs out at the rate its RSS "
			  "grows: least-squares slope over the window's thread samples (/proc/PID/stat rss, or the "
			  "task iterator), fit r^2 >= 0.9; also a cgroup's resident memory (memory.stat anon + shmem) "
			  "against its effective memory.max, the deepest growing group; over a recorded window of 30 "
			  "min or more (triage --from) the whole window is fitted and any steady climb is reported, "
			  "info when more time is left",
		.unit = "s", .warn = 1800, .crit = 300, .below = true,
		.metric2 = "and the growth rate", .warn2 = 1, .crit2 = NAN, .unit2 = "MiB/s",
		.min = 8, .min_what = "MiB grown over the window",
		.next = { "triage pid PID", "triage pidstat -r -p PID 1 5", "triage free -m", "triage pmap -x PID" },
		.action = "A process grows while we watch: if it does not level off it will be OOM-killed (or "
			  "take another process with it); find the leak (heap profiler) or cap it (memory.max).",
	},
	[RULE_MEM_DIRTY] = {
		.use = 'S',
		.id = "mem.dirty", .kind = "mem",
		.metric = "dirty + writeback pages, % of the kernel's dirty limit (/proc/vmstat nr_dirty, nr_writeback, "
			  "nr_dirty_threshold); writers are throttled in balance_dirty_pages from the midpoint of the "
			  "background and the dirty limit (75 % with the default ratios 10 and 20)",
		.unit = "%", .warn = 75, .crit = 100, .frac = MOST,
		.next = { "triage vmstat 1 5", "triage iostat -xz 1 5", "triage top -b -n 1",
			  "grep -E 'Dirty|Writeback' /proc/meminfo" },
		.action = "Writers produce dirty pages faster than the devices write them back, so the kernel "
			  "stalls them (a backup's sync storm stalls the database's WAL writer): find the writer and "
			  "the slow device, lower vm.dirty_bytes so writeback starts early and stalls are short, or "
			  "give the bulk writer its own cgroup io.max.",
	},
	[RULE_DISK_SATURATED] = {
		.use = 'S',
		.id = "disk.saturated", .kind = "disk",
		.metric = "%util (/proc/diskstats io_ticks; iostat -x %util)",
		.unit = "%", .warn = 90, .crit = 99, .frac = MOST,
		.metric2 = "and the average queue length aqu-sz (weighted io_ticks)", .warn2 = 1, .crit2 = 4, .unit2 = "requests",
		.next = { "triage iostat -xz 1 5", "triage pidstat -d 1 5", "triage biolatency -D", "iostat -xz 1" },
		.action = "The device is busy all the time with a queue: find who does the I/O (pidstat -d), "
			  "reduce it (caching, batching) or move it to faster storage.",
	},
	[RULE_DISK_SLOW] = {
		.use = 'S',
		.id = "disk.slow", .kind = "disk",
		.metric = "await of a non-rotational disk (/proc/diskstats; iostat -x await)",
		.unit = "ms", .warn = 20, .crit = 100, .frac = MOST,
		.metric2 = "or await of a rotational disk", .warn2 = 100, .crit2 = 500, .unit2 = "ms",
		.min = 1, .min_what = "I/O per second",
		.next = { "triage iostat -xz 1 5", "triage biolatency -D", "triage biosnoop", "iostat -xz 1" },
		.action = "I/O takes much longer than this kind of device should: check for a failing or "
			  "throttled device (cloud IOPS limits), queueing, or a large-request workload.",
	},
	[RULE_DISK_ERRORS] = {
		.use = 'E',
		.id = "disk.errors", .kind = "disk",
		.metric = "I/O errors of the disk (kernel log \"I/O error, dev X\" lines); earlier ones since boot are info",
		.unit = "errors in the window", .warn = NAN, .crit = 0,
		.next = { "triage dmesg --level err,warn", "triage iostat -xz 1 5", "smartctl -a /dev/DISK", "dmesg -T" },
		.action = "The device reports errors: check its health (SMART, cabling, controller) and "
			  "back up the data; expect worse.",
	},
	[RULE_FS_FULL] = {
		.use = 'U',
		.id = "fs.full", .kind = "fs",
		.metric = "space used, % of what is usable (statvfs; df Use%)",
		.unit = "%", .warn = 90, .crit = 98,
		.next = { "triage df -h", "triage fds", "du -xsh MOUNT/* | sort -h", "df -h" },
		.action = "Free space: remove or rotate large files (logs, caches, core dumps), check for "
			  "deleted files still held open, or grow the filesystem.",
	},
	[RULE_FS_INODES_FULL] = {
		.use = 'S',
		.id = "fs.inodes_full", .kind = "fs",
		.metric = "inodes used (statvfs; df -i IUse%)",
		.unit = "%", .warn = 90, .crit = 98,
		.next = { "triage df -i", "du -x --inodes MOUNT | sort -n | tail", "df -i" },
		.action = "Millions of small files: find the directory that holds them (session files, "
			  "caches, mail queues) and clean it up.",
	},
	[RULE_FS_DELETED_OPEN] = {
		.use = 'U',
		.id = "fs.deleted_open", .kind = "fs",
		.metric = "space held by deleted files still open, % of the filesystem size (/proc/PID/fd; lsof +L1)",
		.unit = "%", .warn = 10, .crit = 50, .min = 10, .min_what = "MiB held",
		.next = { "triage fds", "triage df -h", "lsof +L1" },
		.action = "A process keeps deleted files open (often a rotated log): restart it or make it "
			  "reopen its logs (SIGHUP, copytruncate); the space returns when it closes them.",
	},
	[RULE_FD_NEAR_LIMIT] = {
		.use = 'U',
		.id = "fd.near_limit", .kind = "fd",
		.metric = "open descriptors of a process, % of its RLIMIT_NOFILE soft limit (/proc/PID/fd, limits)",
		.unit = "%", .warn = 90, .crit = 98,
		.metric2 = "or allocated file handles, % of fs.file-max (/proc/sys/fs/file-nr)",
		.warn2 = 80, .crit2 = 95, .unit2 = "%",
		.next = { "triage fds -p PID", "triage pid PID", "ls /proc/PID/fd | wc -l", "lsof -p PID" },
		.action = "\"Too many open files\" is near: look for a descriptor leak (the count keeps "
			  "growing), or raise the limit (LimitNOFILE=, ulimit -n) if the load is real.",
	},
	[RULE_NET_ERRORS] = {
		.use = 'E',
		.id = "net.errors", .kind = "net",
		.metric = "receive + transmit errors per second (/proc/net/dev; sar -n EDEV)",
		.unit = "/s", .warn = 1, .crit = 100, .frac = MOST,
		.metric2 = "or receive + transmit drops per second", .warn2 = 100, .crit2 = 10000, .unit2 = "/s",
		.next = { "triage sar -n EDEV 1 5", "ip -s link", "ethtool -S IFACE", "sar -n EDEV 1" },
		.action = "Packets are lost on the interface: check the link (cable, duplex, driver), ring "
			  "buffer sizes (ethtool -g) and whether the host keeps up with the packet rate.",
	},
	[RULE_NET_SATURATED] = {
		.use = 'U',
		.id = "net.saturated", .kind = "net",
		.metric = "receive or transmit throughput, % of the link speed (/proc/net/dev, sys/class/net/X/speed)",
		.unit = "%", .warn = 80, .crit = 95, .frac = MOST,
		.next = { "triage sar -n DEV 1 5", "triage tcplife", "iftop", "sar -n DEV 1" },
		.action = "The link is nearly full: find the heavy flows, compress or schedule bulk "
			  "transfers, or use a faster link.",
	},
	[RULE_NET_SOFTNET] = {
		.use = 'S',
		.id = "net.softnet", .kind = "net",
		.metric = "packets the receive softirq dropped because a CPU's backlog was full "
			  "(/proc/net/softnet_stat dropped; sar -n SOFT dropd/s)",
		.unit = "in the window", .warn = 0, .crit = 1000,
		.metric2 = "or times per second it ran out of budget with packets left, mean "
			   "(softnet_stat time_squeeze; sar -n SOFT squeezd/s)",
		.warn2 = 10, .crit2 = NAN, .unit2 = "/s",
		.next = { "triage sar -n SOFT -P ALL 1 5", "triage mpstat -I SCPU -P ALL 1 5", "sar -n SOFT -P ALL 1",
			  "sysctl net.core.netdev_max_backlog net.core.netdev_budget" },
		.action = "Packets arrive faster than a CPU's receive softirq handles them: spread them over "
			  "CPUs (RSS, RPS/RFS, irqbalance), raise net.core.netdev_max_backlog (drops) or "
			  "net.core.netdev_budget and netdev_budget_usecs (squeezes).",
	},
	[RULE_TCP_RETRANS] = {
		.use = 'E',
		.id = "tcp.retrans", .kind = "tcp",
		.metric = "retransmitted segments, % of segments sent (/proc/net/snmp RetransSegs/OutSegs; sar -n ETCP)",
		.unit = "%", .warn = 0.1, .crit = 5, .min = 1000, .min_what = "segments sent in the window",
		.next = { "triage tcpretrans", "triage sar -n TCP,ETCP 1 5", "triage ss -ti", "sar -n ETCP 1" },
		.action = "Packets are lost or late on the path: find the peers (tcpretrans), then check "
			  "the network (drops, congestion, MTU) between them.",
	},
	[RULE_TCP_LISTEN_OVERFLOW] = {
		.use = 'S',
		.id = "tcp.listen_overflow", .kind = "tcp",
		.metric = "connections dropped because an accept queue was full (/proc/net/netstat ListenOverflows, ListenDrops)",
		.unit = "in the window", .warn = 0, .crit = 1000,
		.next = { "triage ss -lnt", "triage pid PID", "ss -lnt", "nstat -az TcpExtListenOverflows" },
		.action = "The server does not accept connections as fast as they come: make it accept "
			  "faster (more workers), and raise listen() backlog and net.core.somaxconn.",
	},
	[RULE_TCP_TIME_WAIT] = {
		.use = 'U',
		.id = "tcp.time_wait", .kind = "tcp",
		.metric = "TCP sockets in TIME-WAIT (sock_diag; ss -s timewait)",
		.unit = "sockets", .warn = 10000, .crit = 100000,
		.metric2 = "or TIME-WAIT sockets to one destination (address and port), % of the ephemeral port "
			   "range its connects draw from (/proc/sys/net/ipv4/ip_local_port_range); at 100 % connect() "
			   "fails with EADDRNOTAVAIL",
		.warn2 = 50, .crit2 = 90, .unit2 = "%",
		.next = { "triage ss -s", "triage ss -tan state time-wait", "triage tcplife", "ss -s" },
		.action = "Many short connections: reuse them (keep-alive, connection pools); "
			  "net.ipv4.tcp_tw_reuse helps outgoing ones; to one destination, widen "
			  "ip_local_port_range or spread over more destination addresses.",
	},
	[RULE_TCP_CLOSE_WAIT] = {
		.use = 'U',
		.id = "tcp.close_wait", .kind = "tcp",
		.metric = "TCP sockets in CLOSE-WAIT (sock_diag; ss -tan state close-wait)",
		.unit = "sockets", .warn = 100, .crit = 1000,
		.next = { "triage ss -tanp state close-wait", "triage pid PID", "ss -tanp state close-wait" },
		.action = "The peer closed but this process never closes its end: an application bug "
			  "(missing close() on an error path); it leaks descriptors until fixed.",
	},
	[RULE_TCP_SYN_FLOOD] = {
		.use = 'S',
		.id = "tcp.syn_flood", .kind = "tcp",
		.metric = "SYN cookies sent + SYNs dropped on a full SYN queue (/proc/net/netstat SyncookiesSent, TCPReqQFullDrop)",
		.unit = "in the window", .warn = 100, .crit = 10000,
		.metric2 = "or TCP sockets in SYN-RECV", .warn2 = 256, .crit2 = 4096, .unit2 = "sockets",
		.next = { "triage ss -tan state syn-recv", "triage dmesg --level warn", "ss -tan state syn-recv" },
		.action = "Half-open connections pile up: a SYN flood or a slow server. Keep tcp_syncookies=1, "
			  "raise tcp_max_syn_backlog, filter the sources.",
	},
	[RULE_TCP_REFUSED] = {
		.use = 'E',
		.id = "tcp.refused", .kind = "tcp",
		.metric = "connection attempts that failed per second, mostly answered with a reset because nothing "
			  "listens (/proc/net/snmp AttemptFails; sar -n ETCP atmptf/s)",
		.unit = "/s", .warn = 5, .crit = 100, .frac = MOST,
		.next = { "triage tcpconnect", "triage ss -lnt", "triage sar -n ETCP 1 5", "nstat -az TcpAttemptFails TcpOutRsts" },
		.action = "Clients connect to a port nobody listens on (a service down or restarting, a wrong "
			  "address in a configuration): bring the listener back on the port named (as root the "
			  "report names it and the clients; else find them with tcpconnect).",
	},
	[RULE_TCP_RESETS] = {
		.use = 'E',
		.id = "tcp.resets", .kind = "tcp",
		.metric = "established connections reset per second (/proc/net/snmp EstabResets; sar -n ETCP estres/s)",
		.unit = "/s", .warn = 10, .crit = 1000, .frac = MOST,
		.next = { "triage tcplife", "triage sar -n ETCP 1 5", "triage ss -tan", "nstat -az TcpEstabResets" },
		.action = "Peers abort connections (a crashing or restarting peer, a proxy or load balancer "
			  "timing out, an application closing with unread data): find the peers with tcplife.",
	},
	[RULE_TASK_D_STATE] = {
		.use = 'S',
		.id = "task.d_state", .kind = "tasks",
		.metric = "tasks in uninterruptible sleep (/proc/stat procs_blocked; vmstat b) while CPUs have room",
		.unit = "tasks", .warn = 2, .crit = 16, .frac = MOST,
		.metric2 = "and CPU busy, mean (the load is not CPU)", .warn2 = 50, .below2 = true, .crit2 = NAN, .unit2 = "%",
		.next = { "triage top -b -n 1", "triage offcputime", "cat /proc/PID/stack", "ps -eo pid,stat,wchan:30,comm | awk '$2 ~ /D/'" },
		.action = "Tasks are stuck in the kernel (I/O, NFS, locks): their wchan/stack says on what; "
			  "load average counts them although they use no CPU.",
	},
	[RULE_TASK_ZOMBIES] = {
		.use = 'E',
		.id = "task.zombies", .kind = "tasks",
		.metric = "zombie processes (/proc/PID/stat state Z)",
		.unit = "processes", .warn = 50, .crit = 1000,
		.next = { "triage top -b -n 1", "ps -eo pid,ppid,stat,comm | awk '$3 ~ /Z/'" },
		.action = "Their parent does not reap them (wait()): fix or restart the parent; "
			  "they hold PIDs, not memory.",
	},
	[RULE_TASK_FORK_STORM] = {
		.use = 'U',
		.id = "task.fork_storm", .kind = "tasks",
		.metric = "processes created per second (/proc/stat processes; sar -w proc/s)",
		.unit = "/s", .warn = 200, .crit = 2000, .frac = MOST,
		.next = { "triage execsnoop", "triage top -b -n 1", "sar -w 1 5" },
		.action = "Something spawns processes in a loop (a crashing service restarted, a shell "
			  "script per event): find it with execsnoop and batch the work.",
	},
	[RULE_TASK_LOCK_CONTENTION] = {
		.use = 'S',
		.id = "task.lock_contention", .kind = "tasks",
		.metric = "thread-samples of a process of 2 threads or more waiting on a futex or a kernel lock "
			  "(proc/PID/task/TID/syscall, wchan, stack, schedstat; or the BPF task iterator)",
		.unit = "%", .warn = 50, .crit = NAN,
		.metric2 = "and CPU busy, mean (the CPUs have room)", .warn2 = 50, .below2 = true, .crit2 = NAN, .unit2 = "%",
		.min = 10, .min_what = "wakeups per thread per second: idle thread pools do not count",
		.next = { "triage offcputime -p PID", "triage pid PID", "perf lock contention -p PID",
			  "gdb -p PID -batch -ex 'thread apply all bt'" },
		.action = "Threads queue on one lock instead of working: shorten the critical section (no I/O "
			  "or sleep while holding it), split the lock, or use fewer threads.",
	},
	[RULE_CGROUP_CPU_THROTTLED] = {
		.use = 'S',
		.id = "cgroup.cpu_throttled", .kind = "cgroup",
		.metric = "periods throttled, % of the periods with runnable tasks (cpu.stat nr_throttled / nr_periods)",
		.unit = "%", .warn = 20, .crit = 80, .min = 1, .min_what = "throttled periods in the window",
		.next = { "triage cgroup", "triage cgroup PATH", "cat CGROUP/cpu.stat" },
		.action = "The cgroup hits its CPU quota (cpu.max / cfs_quota_us): raise the quota or "
			  "reduce the work; latency suffers at every period boundary.",
	},
	[RULE_CGROUP_MEMORY_NEAR_LIMIT] = {
		.use = 'U',
		.id = "cgroup.memory_near_limit", .kind = "cgroup",
		.metric = "memory used, % of the cgroup limit (memory.current / memory.max; v1 usage / limit)",
		.unit = "%", .warn = 90, .crit = 98,
		.next = { "triage cgroup", "triage cgroup PATH", "cat CGROUP/memory.stat" },
		.action = "The cgroup is about to reclaim hard or OOM-kill: raise memory.max or reduce "
			  "its memory use (page cache counts too but is reclaimable).",
	},
	[RULE_CGROUP_OOM_KILL] = {
		.use = 'E',
		.id = "cgroup.oom_kill", .kind = "cgroup",
		.metric = "OOM kills in the cgroup (memory.events oom_kill; v1 memory.oom_control); earlier ones are info",
		.unit = "kills in the window", .warn = NAN, .crit = 0,
		.next = { "triage cgroup PATH", "triage dmesg --level err,warn", "cat CGROUP/memory.events" },
		.action = "A process was killed for exceeding its cgroup's memory limit: raise the "
			  "limit to the real working set, or fix the growth.",
	},
	[RULE_KERNEL_ERRORS] = {
		.use = 'E',
		.id = "kernel.errors", .kind = "kernel",
		.metric = "kernel log errors: hardware/MCE, hung tasks, lockups, segfaults, I/O and filesystem errors, "
			  "SYN flooding (/dev/kmsg); earlier ones since boot are info",
		.unit = "lines in the window", .warn = 0, .crit = NAN,
		.next = { "triage dmesg --level err,warn", "dmesg -T --level err,warn" },
		.action = "Read the lines: hardware errors mean failing parts; hung tasks and lockups "
			  "mean stuck I/O or a kernel bug; segfaults a crashing program.",
	},
	/* One process: triage pid PID judges it with these and with the host
	 * rules above that apply to one process (fd.near_limit, cpu.single_thread,
	 * cgroup.*, tcp.close_wait, tcp.listen_overflow), same thresholds. */
	[RULE_PROC_FD_LEAK] = {
		.use = 'U',
		.id = "proc.fd_leak", .kind = "proc",
		.metric = "descriptors the process gained over the interval (/proc/PID/fd)",
		.unit = "fds", .warn = 20, .crit = NAN,
		.next = { "triage fds --top 10", "triage pid PID -d 10", "ls -l /proc/PID/fd" },
		.action = "The descriptor count keeps growing: a leak (files, sockets or pipes opened and never "
			  "closed) that ends in \"Too many open files\"; see which type grows.",
	},
	[RULE_PROC_PREEMPTED] = {
		.use = 'S',
		.id = "proc.preempted", .kind = "proc",
		.metric = "involuntary context switches per second of the process (/proc/PID/status nonvoluntary_ctxt_switches; pidstat -w nvcswch/s)",
		.unit = "/s", .warn = 100, .crit = NAN,
		.next = { "triage pidstat -w -p PID 1 5", "triage runqlat -p PID", "pidstat -w -p PID 1" },
		.action = "It is preempted while it still wants the CPU: CPU contention (run queue, cgroup quota); "
			  "find who else runs, or give it more CPU.",
	},
	[RULE_PROC_SWAPPED] = {
		.use = 'S',
		.id = "proc.swapped", .kind = "proc",
		.metric = "its memory in swap (/proc/PID/smaps_rollup Swap)",
		.unit = "kB", .warn = 1024, .crit = NAN,
		.next = { "triage free", "triage vmstat 1 5", "triage pidstat -r -p PID 1 5" },
		.action = "Part of it was swapped out under memory pressure: its next touches wait on disk; "
			  "find what holds the memory or add memory.",
	},
	[RULE_PROC_MAJOR_FAULTS] = {
		.use = 'S',
		.id = "proc.major_faults", .kind = "proc",
		.metric = "major page faults per second of the process (/proc/PID/stat majflt; pidstat -r majflt/s)",
		.unit = "/s", .warn = 100, .crit = NAN,
		.next = { "triage pidstat -r -p PID 1 5", "triage free", "triage vmstat 1 5" },
		.action = "It pages in from disk (evicted file pages or swap): memory is short for its working set.",
	},
	[RULE_PROC_D_STATE] = {
		.use = 'S',
		.id = "proc.d_state", .kind = "proc",
		.metric = "the process in uninterruptible sleep at the sample (/proc/PID/stat state D, wchan)",
		.unit = "processes", .warn = 0, .crit = NAN,
		.next = { "triage offcputime -p PID", "cat /proc/PID/stack", "triage iostat -xz 1 5" },
		.action = "It waits in the kernel (I/O, a network filesystem, a lock): its wait channel and stack say on what.",
	},
	[RULE_PROC_ZOMBIE] = {
		.use = 'E',
		.id = "proc.zombie", .kind = "proc",
		.metric = "the process exited and is not reaped (/proc/PID/stat state Z)",
		.unit = "processes", .warn = 0, .crit = NAN,
		.next = { "triage pid PPID", "ps -o pid,stat,comm --ppid PPID" },
		.action = "Its parent does not wait() for it: fix or restart the parent.",
	},
	[RULE_PROC_DELETED_OPEN] = {
		.use = 'U',
		.id = "proc.deleted_open", .kind = "proc",
		.metric = "deleted files the process holds open (/proc/PID/fd links \"(deleted)\")",
		.unit = "files", .warn = 0, .crit = NAN,
		.next = { "triage fds", "triage df -h", "ls -l /proc/PID/fd | grep deleted" },
		.action = "Their space returns only when it closes them (often a rotated log): make it reopen "
			  "its logs or restart it.",
	},
};


static void thr(FILE *f, double v, const char *unit, bool below)
{
	if (isnan(v))
		fputs("-", f);
	else
		fprintf(f, "%s %g %s", below ? "<" : ">", v, unit);
}

void rules_print_markdown(FILE *f)
{
	fputs("| id | metric (source) | warning | critical | window |\n"
	      "|---|---|---|---|---|\n", f);
	for (int i = 0; i < RULE__COUNT; i++) {
		const struct rule_def *d = &rule_defs[i];

		fprintf(f, "| `%s` | %s", d->id, d->metric);
		if (d->min > 0)
			fprintf(f, " (judged from %g %s)", d->min, d->min_what);
		fputs(" | ", f);
		thr(f, d->warn, d->unit, d->below);
		fputs(" | ", f);
		thr(f, d->crit, d->unit, d->below);
		if (d->frac > 0)
			fprintf(f, " | %d%% of intervals |\n", (int)(d->frac * 100 + 0.5));
		else
			fputs(" | window total, or the last sample |\n", f);
		if (d->metric2) {
			fprintf(f, "| `%s` | %s | ", d->id, d->metric2);
			thr(f, d->warn2, d->unit2, d->below2);
			fputs(" | ", f);
			thr(f, d->crit2, d->unit2, d->below2);
			fputs(" | |\n", f);
		}
	}
}

int rule_need(const struct obs *o, enum rule_id r)
{
	int need = (int)ceil(rule_defs[r].frac * o->intervals - 1e-9);

	return need < 1 ? 1 : need;
}

const char *rule_window_str(const struct obs *o, int k, char *buf, size_t size)
{
	double iv = o->interval_s;

	if (iv > 0 && fabs(iv - round(iv)) < 1e-6)
		snprintf(buf, size, "%g of %g s", k * iv, o->intervals * iv);
	else
		snprintf(buf, size, "%d of %d samples", k, o->intervals);
	return buf;
}

static bool past(double v, double thr, bool below)
{
	if (isnan(v) || isnan(thr))
		return false;
	return below ? v < thr : v > thr;
}

int rule_level(enum rule_id r, double v, bool second)
{
	const struct rule_def *d = &rule_defs[r];
	double w = second ? d->warn2 : d->warn, c = second ? d->crit2 : d->crit;
	bool below = second ? d->below2 : d->below;

	if (past(v, c, below))
		return SEV_CRITICAL;
	if (past(v, w, below))
		return SEV_WARNING;
	return -1;
}

static int count_past(const struct series *s, double thr, bool below)
{
	int k = 0;

	for (int i = 0; i < s->n; i++)
		if (past(s->v[i], thr, below))
			k++;
	return k;
}

int rule_level_series(const struct obs *o, enum rule_id r, const struct series *s,
		      double scale, bool second, int *k)
{
	const struct rule_def *d = &rule_defs[r];
	double w = (second ? d->warn2 : d->warn) * scale, c = (second ? d->crit2 : d->crit) * scale;
	bool below = second ? d->below2 : d->below;
	int need = rule_need(o, r), kc = count_past(s, c, below), kw = count_past(s, w, below);

	if (kc >= need) {
		*k = kc;
		return SEV_CRITICAL;
	}
	*k = kw;
	return kw >= need ? SEV_WARNING : -1;
}
