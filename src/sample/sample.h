/* A sample: the raw readings of every source a command asked for, at one
 * instant. Counters and gauges exactly as the readers (sources/) parse them,
 * never rates: the model turns (older, newer, elapsed) into rates.
 *
 * Live collection (sample_take on a root), the `--root A,B` snapshots and the
 * flight recorder's store (sample/codec.h) all produce this one type, and one
 * loop (sample/loop.h) yields (older, newer, elapsed) to every interval
 * command and to the report, so every view replays for free.
 *
 * Host parts (sample/parts.def) keep the bytes the kernel printed beside the
 * parsed struct: the codec stores those bytes, and decoding runs the same
 * parser, so a replay computes the same numbers to the digit. */
#ifndef TRIAGE_SAMPLE_SAMPLE_H
#define TRIAGE_SAMPLE_SAMPLE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "core/buf.h"
#include "core/root.h"
#include "sources/exited.h"
#include "sources/cgroup.h"
#include "sources/irq_table.h"
#include "sources/kernel_id.h"
#include "sources/mountinfo.h"
#include "sources/nl_sockdiag.h"
#include "sources/proc_sys_fs.h"
#include "sources/passwd.h"
#include "sources/proc_interrupts.h"
#include "sources/proc_softirqs.h"
#include "sources/proc_diskstats.h"
#include "sources/proc_loadavg.h"
#include "sources/proc_meminfo.h"
#include "sources/proc_net_dev.h"
#include "sources/proc_net_netstat.h"
#include "sources/proc_net_snmp.h"
#include "sources/proc_net_sockstat.h"
#include "sources/proc_net_softnet.h"
#include "sources/proc_pid_scan.h"
#include "sources/proc_stat.h"
#include "sources/proc_uptime.h"
#include "sources/proc_vmstat.h"
#include "sources/psi.h"
#include "sources/sys_block.h"
#include "sources/sys_class_net.h"
#include "sources/sys_cpu.h"

enum sample_part {
#define SAMPLE_PART(id, dir, file) SAMPLE_##id,
#include "sample/parts.def"
#undef SAMPLE_PART
	SAMPLE__NPARTS
};

#define SAMPLE_BIT(id) (1u << SAMPLE_##id)
#define SAMPLE_PSI_ALL (SAMPLE_BIT(PSI_CPU) | SAMPLE_BIT(PSI_MEMORY) | SAMPLE_BIT(PSI_IO) | SAMPLE_BIT(PSI_IRQ))
/* Every host part: what the recorder keeps. */
#define SAMPLE_HOST_ALL ((1u << SAMPLE__NPARTS) - 1)
/* The kernel identity of the sysstat banners (sources/kernel_id.h). */
#define SAMPLE_KERNEL_ID (SAMPLE_BIT(OSTYPE) | SAMPLE_BIT(OSRELEASE) | SAMPLE_BIT(HOSTNAME))

/* An interface's sys/class/net attributes (speed for %ifutil). */
struct sample_link {
	char name[32];
	int err;			/* 0 read, else -errno */
	struct sys_class_net_if link;
};

/* TCP sockets of both families (sock_diag): counts by state (and of IPv6
 * alone), the UDP sockets of each family, and the listening sockets with their accept queue (rqueue) and backlog (wqueue). */
#define SAMPLE_MAX_LISTEN 4096	/* listeners kept per sample */
#define SAMPLE_SOCKS_REFRESH 12	/* the established hash is walked at least every 12 samples */

struct sample_socks {
	uint64_t tcp_by_state[SD__MAX];
	bool have_split;		/* the two below (not in the first recordings) */
	uint64_t tcp6_by_state[SD__MAX];	/* the IPv6 part of tcp_by_state */
	uint64_t udp[2];		/* UDP sockets, IPv4 and IPv6 */
	struct sd_sock *listen;
	size_t nlisten;
};

/* The cgroups a sample keeps at most: the shallowest first, then by path
 * (sample_cgroups.c), so that a host with thousands of groups stays cheap
 * and the slices, services and containers near the root are the ones kept. */
#define SAMPLE_MAX_CGROUPS 512

struct sample_threads;

/* What a command asks a sample for. */
struct sample_want {
	unsigned parts;			/* SAMPLE_BIT()s; UPTIME is always read ... */
	bool uptime_optional;		/* ... and needed unless this (the one-moment
					 * commands, df and ss, measure no interval) */
	bool blocks;			/* sys/block: disks, partitions, attributes ... */
	bool blocks_some;		/* ... only the names and blocks_what (SYS_BLOCK_*) */
	unsigned blocks_what;
	bool links;			/* sys/class/net of each NET_DEV interface */
	bool statvfs;			/* the space of MOUNTINFO's local filesystems */
	bool sockets;			/* TCP sockets by state and the listeners (sock_diag) */
	bool cgroups;			/* every cgroup's counters (sample_cgroups.c), at most
					 * cgroups_max of them (0: SAMPLE_MAX_CGROUPS) */
	int cgroups_max;
	bool procs;			/* the /proc/PID scan ... */
	struct proc_pid_scan_opts scan;	/* ... with these options */
	bool window_edges;		/* replay: the intervals overlapping --from/--to,
					 * not only those inside (store_cursor_edges) */
};

struct sample {
	unsigned want;			/* the parts asked for */
	unsigned have;			/* the parts read and parsed */
	int err[SAMPLE__NPARTS];	/* -errno of each part asked for and not had */
	int bad_line[SAMPLE__NPARTS];	/* after -EINVAL: the line, 0 unknown */
	struct buf raw[SAMPLE__NPARTS];	/* the bytes read, what the codec stores */
	int64_t t_ns;			/* CLOCK_REALTIME when taken (recorded time on replay) */
	int64_t mono_ns;		/* CLOCK_MONOTONIC when taken; 0 for snapshots */
	bool live;			/* taken from the running system now */
	bool recorded;			/* decoded from a recording (sample_decode) */
	bool restart;			/* recorded: the first after a recorder restart or a reboot */

	struct proc_uptime up;
	struct proc_stat stat;
	struct proc_meminfo mem;
	struct proc_vmstat vm;
	struct proc_loadavg load;
	struct proc_diskstats disks;
	struct proc_net_dev netdev;
	struct proc_net_snmp snmp;
	struct proc_net_netstat netstat;
	struct proc_net_sockstat sockstat;	/* sockstat and sockstat6 */
	struct proc_net_softnet softnet;
	struct psi_host psi;		/* err[] mirrors the PSI parts' */
	struct irq_table interrupts, softirqs;
	struct sys_cpu_list online;	/* CPU_ONLINE */
	char boot_id[37];		/* BOOT_ID, "" unknown */
	struct sys_cpu_count ncpu;	/* the CPU counts (sources/sys_cpu.h), with STAT */
	struct passwd_db users;		/* PASSWD: user names, so a replay names the recorded host's */
	struct proc_sys_fs file_nr;	/* FILE_NR: file handles allocated and the maximum */
	struct kernel_id kid;		/* OSTYPE, OSRELEASE, HOSTNAME: the sysstat banners' */
	struct mountinfo mounts;	/* MOUNTINFO; with statvfs, each local mount's fs filled */
	struct buf statvfs;		/* that space as "MOUNT frsize blocks bfree bavail files
					 * ffree" lines (sources/mountinfo.h's format), what the
					 * codec stores */
	bool have_statvfs;

	bool have_socks;		/* socks was read */
	int socks_err;
	int socks_carried;		/* live: samples since the established hash was
					 * walked (its counts carried from the previous) */
	struct sample_socks socks;

	bool have_blocks;		/* blocks was read */
	int blocks_err;
	struct sys_block blocks;
	struct sample_link *links;	/* one per interface of netdev (links asked) */
	size_t nlinks;

	bool have_kmsg;			/* kmsg holds the kernel-log records since the
					 * previous sample (the recorder's, sources/kmsg_follow.h) */
	int kmsg_err;			/* why not, when asked */
	struct buf kmsg;		/* raw /dev/kmsg record text, for kmsg_parse */

	bool have_exited;		/* exited holds the processes that ended since the
					 * previous sample (the recorder's exit program,
					 * bpf/exitstat.h); false: not known */
	struct exited_list exited;
	int exited_err;			/* the recorder could not watch exits: -errno ... */
	char exited_why[192];		/* ... and why, one line ("" none); a note the
					 * recorder writes once per run (codec 0x0401) */
	bool have_cgroups;		/* cgroups holds the groups (sorted by path) */
	int cgroups_err;		/* -errno when asked and not had (-ENOENT: no cgroup fs) */
	struct cgroup_snapshot cgroups;

	bool have_threads;		/* threads holds the per-process thread states
					 * (the recorder's, sample/sample_threads.h) */
	int threads_err;
	struct sample_threads *threads;

	bool have_procs;		/* procs holds a scan */
	bool procs_iter;		/* its stat figures came from the task iterator (not encoded) */
	int procs_err;			/* -errno of the scan when asked and not had */
	struct proc_pid_sample procs;
};

/* An empty sample (all zero, arrays ready). */
void sample_init(struct sample *s);
/* Free everything; the sample is empty again (sample_init not needed). */
void sample_free(struct sample *s);

/* Take a sample of r: the parts of w (and always UPTIME), then the scan when
 * w->procs. prev, when not NULL, is the previous sample of the same root (its
 * kept /proc fds move to out). out must be empty (sample_init or sample_free).
 * Returns 0, or -errno when UPTIME (the clock every interval is measured
 * with) cannot be read; other parts that fail leave their bit out of have
 * with err[] set. */
int sample_take(const struct root *r, const struct sample_want *w, struct sample *prev,
		struct sample *out);

/* Parse raw[part] (already filled) into the part's struct and set its have
 * bit; used by sample_take and by the codec. Returns 0 or -errno. */
int sample_parse_part(struct sample *s, enum sample_part part);
/* After the parts are parsed: steps that need several of them (softnet's
 * CPU numbering before 5.10 needs the online CPUs). */
void sample_finish(struct sample *s);

/* sample_take's sys/block and sys/class/net parts (sample_extra.c). */
void sample_take_blocks(const struct root *r, const struct sample_want *w, struct sample *s);
void sample_take_links(const struct root *r, struct sample *s);
void sample_take_statvfs(const struct root *r, struct sample *s);
/* What moves a socket's state, from a live sample's net/snmp and
 * sockstat{,6} (sample_extra.c): equal signatures, no socket changed state
 * in between (ok false: unknown, never equal). */
struct sample_socks_sig {
	bool ok;
	uint64_t snmp[SNMP_UDP_MEM_ERRORS - SNMP_TCP_ACTIVE_OPENS + 1];
	char sockstat[2][512];
	size_t len[2];
};
void sample_socks_sig(const struct sample *s, struct sample_socks_sig *g);
bool sample_socks_sig_eq(const struct sample_socks_sig *a, const struct sample_socks_sig *b);

/* prev (NULL: none): the previous sample, whose counts are carried when
 * nothing that moves them moved (sample_extra.c); the listeners are read
 * every time. */
void sample_take_socks(const struct root *r, const struct sample *prev, struct sample *s);
/* The cgroups (sample_cgroups.c): at most max (<= 0: SAMPLE_MAX_CGROUPS). */
void sample_take_cgroups(const struct root *r, struct sample *s, int max);
/* Fill mounts' fs from the statvfs text (after MOUNTINFO is parsed). */
void sample_apply_statvfs(struct sample *s);
/* The interface's link attributes, or NULL. */
const struct sys_class_net_if *sample_link(const struct sample *s, const char *name);

/* The file of a part ("stat", "net/dev" ...) and its root directory. */
const char *sample_part_file(enum sample_part part);
enum root_dir sample_part_dir(enum sample_part part);

/* The wall-clock time the sample stands for: when it was taken (live or
 * recorded), or for a captured snapshot its boot time (stat's btime) plus
 * its uptime, so that replays print the capture's times. */
time_t sample_wall(const struct sample *s);
/* The same, but 0 for a captured tree that says nothing of its time (no
 * proc/stat btime): JSON leaves "time" out then rather than print now. */
time_t sample_wall_known(const struct sample *s);

static inline bool sample_has(const struct sample *s, enum sample_part part)
{
	return (s->have >> part) & 1u;
}

#endif
