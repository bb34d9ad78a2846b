/* /proc/PID/{stat,status,io,statm,schedstat,cmdline} and the same files under
 * /proc/PID/task/TID/: one parser per file (x_parse on a buffer, unit-tested
 * on literals) and one reader for a single task (x_read).
 *
 * The scan of every process, with a flags mask saying which files to read, is
 * in sources/proc_pid_scan.h. Formats: Documentation/filesystems/proc.rst and
 * proc(5); field numbers below are proc(5)'s, 1-based, as htop and procps cite
 * them. Values are raw counters as the kernel prints them: clock ticks
 * (USER_HZ), pages, bytes, kB. Nothing here computes a rate. */
#ifndef TRIAGE_SOURCES_PROC_PID_H
#define TRIAGE_SOURCES_PROC_PID_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/root.h"

/* comm is TASK_COMM_LEN (16) for most tasks, but the kernel appends the
 * workqueue to kworker names ("kworker/0:1-events"), up to 64 bytes. */
#define PROC_PID_COMM_MAX 64
/* Command lines longer than this are cut (pidstat keeps 128, ps 128k). */
#define PROC_PID_CMDLINE_MAX 4096

/* /proc/PID/stat. "pid (comm) state ppid ...": comm may hold spaces, ')' and
 * newlines, so it ends at the LAST ')' of the line. */
struct proc_pid_stat {
	int pid;			/* (1) pid */
	char comm[PROC_PID_COMM_MAX];	/* (2) comm, without the parentheses */
	char state;			/* (3) R S D Z T t X I ... */
	int ppid;			/* (4) ppid */
	int pgrp;			/* (5) pgrp */
	int session;			/* (6) session */
	int tty_nr;			/* (7) tty_nr */
	uint64_t minflt;		/* (10) minor faults */
	uint64_t cminflt;		/* (11) minor faults of waited-for children */
	uint64_t majflt;		/* (12) major faults */
	uint64_t cmajflt;		/* (13) major faults of waited-for children */
	uint64_t utime;			/* (14) user ticks, guest time included */
	uint64_t stime;			/* (15) system ticks */
	int64_t cutime;			/* (16) children's user ticks */
	int64_t cstime;			/* (17) children's system ticks */
	int64_t priority;		/* (18) priority: 20+nice, or -1-rt_prio */
	int64_t nice;			/* (19) nice, -20..19 */
	int64_t num_threads;		/* (20) threads in the group */
	uint64_t starttime;		/* (22) ticks after boot the task started */
	uint64_t vsize;			/* (23) virtual memory, bytes */
	int64_t rss;			/* (24) resident set, pages */
	int processor;			/* (39) CPU last run on */
	unsigned rt_priority;		/* (40) real-time priority, 0 for others */
	unsigned policy;		/* (41) SCHED_* policy */
	uint64_t delayacct_blkio_ticks;	/* (42) block I/O delay, ticks (since 2.6.18) */
	uint64_t guest_time;		/* (43) guest ticks (since 2.6.24) */
	int64_t cguest_time;		/* (44) children's guest ticks */
};

/* /proc/PID/status, "Key:\tvalue" lines; memory lines in kB. Kernel threads
 * have no Vm* lines: those fields stay 0 and PROC_STATUS_HAVE_VM is unset. */
struct proc_pid_status {
	unsigned have;			/* PROC_STATUS_HAVE_* */
	uid_t uid[4];			/* Uid: real, effective, saved, filesystem */
	int tgid;			/* Tgid: */
	int ppid;			/* PPid: */
	int nspid;			/* NSpid: last value, the PID in its own namespace */
	uint64_t vm_peak_kb;		/* VmPeak: */
	uint64_t vm_size_kb;		/* VmSize: */
	uint64_t vm_hwm_kb;		/* VmHWM: peak resident */
	uint64_t vm_rss_kb;		/* VmRSS: = RssAnon + RssFile + RssShmem */
	uint64_t rss_anon_kb;		/* RssAnon: (since 4.5) */
	uint64_t rss_file_kb;		/* RssFile: */
	uint64_t rss_shmem_kb;		/* RssShmem: */
	uint64_t vm_swap_kb;		/* VmSwap: */
	unsigned threads;		/* Threads: */
	uint64_t voluntary_ctxt_switches;	/* voluntary_ctxt_switches: */
	uint64_t nonvoluntary_ctxt_switches;	/* nonvoluntary_ctxt_switches: */
};
enum {
	PROC_STATUS_HAVE_UID = 1 << 0,
	PROC_STATUS_HAVE_VM = 1 << 1,	/* VmRSS seen: a user process */
	PROC_STATUS_HAVE_CTXT = 1 << 2,
	PROC_STATUS_HAVE_THREADS = 1 << 3,
};

/* /proc/PID/io (CONFIG_TASK_IO_ACCOUNTING), bytes and calls. Mode 0400 and
 * ptrace-checked: other users' files fail with EACCES unless root. */
struct proc_pid_io {
	uint64_t rchar;			/* rchar: bytes read(2) and the like returned */
	uint64_t wchar;			/* wchar: bytes passed to write(2) and the like */
	uint64_t syscr;			/* syscr: read system calls */
	uint64_t syscw;			/* syscw: write system calls */
	uint64_t read_bytes;		/* read_bytes: fetched from storage */
	uint64_t write_bytes;		/* write_bytes: sent (dirtied) to storage */
	uint64_t cancelled_write_bytes;	/* cancelled_write_bytes: dirtied then truncated */
};

/* /proc/PID/statm, pages: "size resident shared text lib data dt". */
struct proc_pid_statm {
	uint64_t size;			/* (1) VmSize */
	uint64_t resident;		/* (2) VmRSS */
	uint64_t shared;		/* (3) RssFile + RssShmem (top's SHR) */
	uint64_t text;			/* (4) VmExe */
	uint64_t lib;			/* (5) 0 since 2.6 */
	uint64_t data;			/* (6) VmData + VmStk */
	uint64_t dt;			/* (7) 0 since 2.6 */
};

/* /proc/PID/schedstat (CONFIG_SCHED_INFO): "run_ns wait_ns timeslices". */
struct proc_pid_schedstat {
	uint64_t run_ns;		/* (1) time on the CPU, ns */
	uint64_t wait_ns;		/* (2) time runnable, waiting on a run queue, ns */
	uint64_t timeslices;		/* (3) times run on a CPU */
};

/* Parsers: buf holds len bytes (NUL-terminated at buf[len]). Return 0 or
 * -EINVAL on a line that does not have the fields. */
int proc_pid_stat_parse(const char *buf, size_t len, struct proc_pid_stat *out);
int proc_pid_status_parse(const char *buf, size_t len, struct proc_pid_status *out);
int proc_pid_io_parse(const char *buf, size_t len, struct proc_pid_io *out);
int proc_pid_statm_parse(const char *buf, size_t len, struct proc_pid_statm *out);
int proc_pid_schedstat_parse(const char *buf, size_t len, struct proc_pid_schedstat *out);

/* cmdline: NUL-separated arguments. Joins them with spaces in place (trailing
 * NULs dropped, as ps and pidstat print them) and returns the new length. An
 * empty cmdline (kernel threads, zombies) gives 0. */
size_t proc_pid_cmdline_join(char *buf, size_t len);

/* Which file of a task: PROC_PID_F_* (also the scan's flags mask). */
enum proc_pid_file {
	PROC_PID_STAT = 1 << 0,
	PROC_PID_STATUS = 1 << 1,
	PROC_PID_IO = 1 << 2,
	PROC_PID_STATM = 1 << 3,
	PROC_PID_SCHEDSTAT = 1 << 4,
	PROC_PID_CMDLINE = 1 << 5,
	PROC_PID_FDNR = 1 << 6,		/* scan only: count of PID/fd entries */
	PROC_PID_STACK = 1 << 7,	/* scan only: [stack] of PID/smaps */
};

/* "PID/stat" or, when tid > 0, "PID/task/TID/stat" into out. */
void proc_pid_relpath(char *out, size_t size, int pid, int tid, enum proc_pid_file f);

/* Readers of one task (tid 0: the process). Return 0 or -errno: -ENOENT or
 * -ESRCH when the task is gone, -EACCES for another user's io. */
int proc_pid_stat_read(const struct root *r, int pid, int tid, struct proc_pid_stat *out);
int proc_pid_status_read(const struct root *r, int pid, int tid, struct proc_pid_status *out);
int proc_pid_io_read(const struct root *r, int pid, int tid, struct proc_pid_io *out);
int proc_pid_statm_read(const struct root *r, int pid, int tid, struct proc_pid_statm *out);
int proc_pid_schedstat_read(const struct root *r, int pid, int tid, struct proc_pid_schedstat *out);
/* The joined command line into buf (size bytes, NUL-terminated, cut at size-1).
 * Returns its length or -errno. */
ssize_t proc_pid_cmdline_read(const struct root *r, int pid, int tid, char *buf, size_t size);

#endif
