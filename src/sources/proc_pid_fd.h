/* /proc/PID/fd: what every process holds open.
 *
 * Each entry of proc/PID/fd is a "magic" symlink named after the descriptor;
 * readlink() gives (fs/d_path.c, fs/pipe.c, net/socket.c, fs/anon_inodes.c):
 *   "/path/to/file"              a file, directory or device node
 *   "/path/to/file (deleted)"    unlinked but still open (d_path appends it)
 *   "socket:[12345]"             a socket, with its inode number (as in sock_diag)
 *   "pipe:[12345]"               a pipe or FIFO end
 *   "anon_inode:[eventfd]", "anon_inode:inotify", "anon_inode:bpf-map" ...
 *   "net:[4026531840]", "mnt:[...]" ... namespace files, and others: "other"
 * proc/PID/exe is read too: a deleted executable is listed with fd -1 (lsof's
 * "txt" row) but not counted among the descriptors.
 * stat() through the link (fstatat without AT_SYMLINK_NOFOLLOW) gives the
 * open file's size, device and link count (0 once deleted), as lsof +L1 uses.
 * Reading another user's fd directory needs ptrace access: EACCES otherwise.
 *
 * Under a fixture root the links are ordinary symlinks whose targets are the
 * strings above; stat() through them fails, so the fixture may carry
 * proc/PID/fdstat, a text file of "FD SIZE MAJOR:MINOR NLINK INODE" lines
 * (a triage convention, not a kernel file) giving what stat() would. */
#ifndef TRIAGE_SOURCES_PROC_PID_FD_H
#define TRIAGE_SOURCES_PROC_PID_FD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/buf.h"
#include "core/root.h"

enum fd_type { FD_FILE, FD_SOCKET, FD_PIPE, FD_ANON, FD_OTHER, FD__TYPES };

/* One readlink() result, classified. */
struct fd_link {
	enum fd_type type;
	bool deleted;		/* FD_FILE ending in " (deleted)" */
	uint64_t inode;		/* socket:[N] and pipe:[N]; 0 otherwise */
	size_t path_len;	/* FD_FILE: length without " (deleted)" */
};

/* Classify a link target (len bytes, no NUL needed). Returns 0 or -EINVAL
 * for an empty target. */
int proc_pid_fd_classify(const char *s, size_t len, struct fd_link *out);

/* Per process: descriptors by type. */
struct fd_proc {
	pid_t pid;
	uint32_t nfds;			/* entries in proc/PID/fd (= ls | wc -l) */
	uint32_t by_type[FD__TYPES];
	uint32_t deleted;		/* FD_FILE entries marked deleted */
	bool denied;			/* fd links unreadable: only nfds is known */
	bool comm_read;			/* comm was looked up */
	char comm[16];			/* proc/PID/comm (TASK_COMM_LEN); "" when gone,
					 * or until fd_scan_comm with FDS_LAZY_COMM */
};

/* One deleted-but-open file (lsof +L1's rows). */
struct fd_deleted {
	pid_t pid;
	int fd;			/* -1: the executable (proc/PID/exe, lsof's "txt") */
	bool have_stat;		/* size/dev/nlink/ino known */
	uint64_t size, ino;
	uint32_t dev_major, dev_minor, nlink;
	uint32_t path_off, path_len;	/* in fd_scan.text, without " (deleted)" */
};

/* socket inode -> owner, sorted by inode after the scan (several processes
 * may share a socket: one entry each). */
struct fd_sock {
	uint64_t inode;
	pid_t pid;
	int fd;
};

enum {
	FDS_SOCKETS = 1,	/* collect socket inodes */
	FDS_DELETED = 2,	/* collect deleted files and stat them */
	FDS_LAZY_COMM = 4,	/* don't read proc/PID/comm: the caller calls
				 * fd_scan_comm for the processes it shows */
};

struct fd_scan {
	struct fd_proc *procs;
	size_t nprocs, cap_procs;
	struct fd_deleted *dels;
	size_t ndels, cap_dels;
	struct fd_sock *socks;
	size_t nsocks, cap_socks;
	struct buf text;		/* paths of deleted files */
	unsigned long vanished;		/* processes gone during the scan (ENOENT/ESRCH) */
	unsigned long denied;		/* fd directories we may not read (EACCES/EPERM) */
};

void fd_scan_init(struct fd_scan *s);
void fd_scan_free(struct fd_scan *s);

/* Scan one process and append it. Returns 0, -ENOENT (gone), -EACCES, or
 * another -errno. Denied and vanished are counted in s as well. */
int proc_pid_fd_scan_pid(const struct root *r, pid_t pid, unsigned flags, struct fd_scan *s);

/* Scan every process under proc/. Returns 0 or -errno when proc/ itself
 * cannot be listed; per-process failures are only counted. Calls
 * fd_scan_finish. */
int proc_pid_fd_scan_all(const struct root *r, unsigned flags, struct fd_scan *s);

/* Sort s->procs by PID, s->socks by inode and s->dels by (pid, fd), so that lookups work and
 * the output does not depend on readdir order (scan_all does it; call it
 * after scan_pid calls). */
void fd_scan_finish(struct fd_scan *s);

/* Read proc/PID/comm into p->comm once. With FDS_LAZY_COMM the scan does not
 * read it: only the processes a report shows need a name, and at 10,000
 * processes the three system calls each would be a third of the scan. */
void fd_scan_comm(const struct root *r, struct fd_proc *p);

/* First owner of a socket inode (after sorting), or NULL. */
const struct fd_sock *fd_scan_sock_owner(const struct fd_scan *s, uint64_t inode);

/* The process entry of pid, or NULL (binary search: procs are sorted by PID
 * by fd_scan_finish). */
const struct fd_proc *fd_scan_proc(const struct fd_scan *s, pid_t pid);
struct fd_proc *fd_scan_proc_mut(struct fd_scan *s, pid_t pid);

/* Parse a fixture fdstat file and fill the stat of s's deleted files of pid.
 * Lines: "FD SIZE MAJOR:MINOR NLINK INODE". Returns 0 or -EINVAL. */
int proc_pid_fd_fdstat_parse(const char *buf, size_t len, pid_t pid, struct fd_scan *s);

/* How many descriptors pid has open, in one fstat: the size the kernel gives
 * the proc/PID/fd directory since Linux 6.2 (fs/proc/fd.c proc_fd_getattr).
 * Returns the count, -ENOTSUP under a fixture root, or -errno (-ENOENT gone).
 * Before 6.2 the size is 0: a caller checks on a process known to have
 * descriptors open (itself) that the count is not 0. */
int proc_pid_fd_count(const struct root *r, pid_t pid);

/* How many descriptors a task has open (sysstat pidstat -v's fd-nr): the
 * entries of proc/PID/fd (tid 0) or proc/PID/task/TID/fd named by a number.
 * Live on 6.2+ one fstat of the opened directory; otherwise a listing (a
 * fixture root's fd directory is an ordinary one). Returns the count,
 * -EACCES (another user's task, not root), -ENOENT (gone) or another -errno. */
int proc_pid_fd_nr(const struct root *r, int pid, int tid);

/* What descriptor fd of pid points at: the proc/PID/fd/FD link's target
 * (fd -100, AT_FDCWD: the proc/PID/cwd link), NUL-terminated in buf (size
 * bytes, cut when longer). Returns its length or -errno (-ENOENT: closed, or
 * the process is gone). */
ssize_t proc_pid_fd_link(const struct root *r, pid_t pid, long fd, char *buf, size_t size);

#endif
