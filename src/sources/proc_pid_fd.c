#include "sources/proc_pid_fd.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define DELETED_SUFFIX " (deleted)"	/* fs/d_path.c, prepend(" (deleted)") */

void fd_scan_init(struct fd_scan *s)
{
	memset(s, 0, sizeof(*s));
}

void fd_scan_free(struct fd_scan *s)
{
	free(s->procs);
	free(s->dels);
	free(s->socks);
	buf_free(&s->text);
	fd_scan_init(s);
}

/* Grow an array of n items of size sz to hold one more. */
static void *grow(void *p, size_t *cap, size_t n, size_t sz)
{
	if (n < *cap)
		return p;
	size_t c = *cap ? *cap * 2 : 64;
	void *q = realloc(p, c * sz);
	if (q)
		*cap = c;
	return q;
}

/* "tag:[digits]" -> digits */
static int bracket_inode(const char *s, size_t len, size_t taglen, uint64_t *ino)
{
	uint64_t v = 0;
	size_t i = taglen;

	if (len < taglen + 3 || s[i] != '[' || s[len - 1] != ']')
		return -EINVAL;
	for (i++; i < len - 1; i++) {
		if (s[i] < '0' || s[i] > '9' || v > (UINT64_MAX - 9) / 10)
			return -EINVAL;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*ino = v;
	return 0;
}

int proc_pid_fd_classify(const char *s, size_t len, struct fd_link *out)
{
	static const size_t dl = sizeof(DELETED_SUFFIX) - 1;

	memset(out, 0, sizeof(*out));
	if (len == 0)
		return -EINVAL;
	if (s[0] == '/') {
		out->type = FD_FILE;
		out->path_len = len;
		if (len > dl && !memcmp(s + len - dl, DELETED_SUFFIX, dl)) {
			out->deleted = true;
			out->path_len = len - dl;
		}
		return 0;
	}
	if (len > 7 && !memcmp(s, "socket:", 7) && !bracket_inode(s, len, 7, &out->inode)) {
		out->type = FD_SOCKET;
		return 0;
	}
	if (len > 5 && !memcmp(s, "pipe:", 5) && !bracket_inode(s, len, 5, &out->inode)) {
		out->type = FD_PIPE;
		return 0;
	}
	if (len > 11 && !memcmp(s, "anon_inode:", 11)) {
		out->type = FD_ANON;
		return 0;
	}
	out->type = FD_OTHER;
	out->inode = 0;
	return 0;
}

static int add_deleted(struct fd_scan *s, pid_t pid, int fd, const char *path, size_t len)
{
	struct fd_deleted *d;
	void *p = grow(s->dels, &s->cap_dels, s->ndels, sizeof(*s->dels));

	if (!p)
		return -ENOMEM;
	s->dels = p;
	if (s->text.len + len > UINT32_MAX - 1 || buf_reserve(&s->text, s->text.len + len))
		return -ENOMEM;
	d = &s->dels[s->ndels++];
	memset(d, 0, sizeof(*d));
	d->pid = pid;
	d->fd = fd;
	d->path_off = (uint32_t)s->text.len;
	d->path_len = (uint32_t)len;
	memcpy(s->text.p + s->text.len, path, len);
	s->text.len += len;
	s->text.p[s->text.len] = '\0';
	return 0;
}

static int add_sock(struct fd_scan *s, pid_t pid, int fd, uint64_t inode)
{
	void *p = grow(s->socks, &s->cap_socks, s->nsocks, sizeof(*s->socks));

	if (!p)
		return -ENOMEM;
	s->socks = p;
	s->socks[s->nsocks++] = (struct fd_sock){ .inode = inode, .pid = pid, .fd = fd };
	return 0;
}

/* One entry of proc/PID/fd. Returns 0, -EACCES, -ENOMEM. */
static int scan_entry(const struct root *r, int dfd, const char *name, unsigned flags,
		      struct fd_proc *p, struct fd_scan *s)
{
	char link[4096 + 16];
	struct fd_link fl;
	struct stat st;
	ssize_t n;
	int fd = atoi(name), err = 0;

	n = readlinkat(dfd, name, link, sizeof(link));
	if (n < 0)
		return errno == EACCES || errno == EPERM ? -EACCES : 0;	/* closed meanwhile */
	if (proc_pid_fd_classify(link, (size_t)n, &fl))
		fl.type = FD_OTHER;
	p->by_type[fl.type]++;
	if (fl.type == FD_SOCKET && (flags & FDS_SOCKETS))
		err = add_sock(s, p->pid, fd, fl.inode);
	if (fl.deleted) {
		p->deleted++;
		if (flags & FDS_DELETED) {
			err = add_deleted(s, p->pid, fd, link, fl.path_len);
			/* stat() through the magic link: the open file itself */
			if (!err && r->live && fstatat(dfd, name, &st, 0) == 0) {
				struct fd_deleted *d = &s->dels[s->ndels - 1];
				d->have_stat = true;
				d->size = (uint64_t)st.st_size;
				d->ino = (uint64_t)st.st_ino;
				d->dev_major = major(st.st_dev);
				d->dev_minor = minor(st.st_dev);
				d->nlink = (uint32_t)st.st_nlink;
			}
		}
	}
	return err;
}

/* proc/PID/exe "(deleted)": the running binary was replaced or removed. */
static int scan_exe(const struct root *r, pid_t pid, struct fd_scan *s)
{
	char rel[32], link[4096 + 16];
	struct fd_link fl;
	struct stat st;
	ssize_t n;
	int err = 0;

	/* one readlinkat() relative to the root's proc/ (an open of PID/ first
	 * would triple the cost of this per-process check) */
	if (r->fd[ROOT_PROC] < 0)
		return 0;
	snprintf(rel, sizeof(rel), "%d/exe", (int)pid);
	n = readlinkat(r->fd[ROOT_PROC], rel, link, sizeof(link));
	if (n > 0 && !proc_pid_fd_classify(link, (size_t)n, &fl) && fl.deleted) {
		err = add_deleted(s, pid, -1, link, fl.path_len);
		if (!err && r->live && fstatat(r->fd[ROOT_PROC], rel, &st, 0) == 0) {
			struct fd_deleted *d = &s->dels[s->ndels - 1];
			d->have_stat = true;
			d->size = (uint64_t)st.st_size;
			d->ino = (uint64_t)st.st_ino;
			d->dev_major = major(st.st_dev);
			d->dev_minor = minor(st.st_dev);
			d->nlink = (uint32_t)st.st_nlink;
		}
	}
	return err;
}

void fd_scan_comm(const struct root *r, struct fd_proc *p)
{
	char rel[32], b[64], *comm = p->comm;
	ssize_t n;

	if (p->comm_read)
		return;
	p->comm_read = true;
	snprintf(rel, sizeof(rel), "%d/comm", (int)p->pid);
	n = root_read(r, ROOT_PROC, rel, b, sizeof(b));
	if (n <= 0) {
		comm[0] = '\0';
		return;
	}
	if (b[n - 1] == '\n')
		b[--n] = '\0';
	if (n > 15)
		n = 15;
	memcpy(comm, b, (size_t)n);
	comm[n] = '\0';
}

static void read_fdstat(const struct root *r, pid_t pid, struct fd_scan *s)
{
	char rel[32];
	struct buf b = { 0 };

	snprintf(rel, sizeof(rel), "%d/fdstat", (int)pid);
	if (root_read_buf(r, ROOT_PROC, rel, &b) == 0)
		proc_pid_fd_fdstat_parse(b.p, b.len, pid, s);
	buf_free(&b);
}

/* struct linux_dirent64 (getdents(2)) */
struct dirent64_hdr {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* List an fd directory with getdents64 directly (no DIR: fdopendir's fcntl
 * and fstat are two more system calls per process) and classify each entry.
 * Returns 0 or -errno; *denied when the links may not be read. */
static int scan_dir(const struct root *r, int dfd, unsigned flags, struct fd_proc *p,
		    struct fd_scan *s, int *denied)
{
	_Alignas(8) char dents[16384];
	long n;
	int err = 0;

	while ((n = syscall(SYS_getdents64, dfd, dents, sizeof(dents))) > 0) {
		for (long off = 0; off < n;) {
			const char *e = dents + off;
			unsigned short reclen;
			memcpy(&reclen, e + offsetof(struct dirent64_hdr, d_reclen), sizeof(reclen));
			const char *name = e + offsetof(struct dirent64_hdr, d_name);
			off += reclen;
			if (reclen == 0)
				return -EIO;
			if (name[0] == '.')
				continue;
			p->nfds++;
			if (*denied)
				continue;	/* keep counting: the listing is allowed, the links not */
			err = scan_entry(r, dfd, name, flags, p, s);
			if (err == -EACCES) {
				*denied = 1;
			} else if (err) {
				return err;
			}
		}
	}
	return n < 0 ? -errno : 0;
}

int proc_pid_fd_scan_pid(const struct root *r, pid_t pid, unsigned flags, struct fd_scan *s)
{
	char rel[32];
	struct fd_proc *p;
	int dfd, err = 0, denied = 0;
	size_t dels0 = s->ndels;

	snprintf(rel, sizeof(rel), "%d/fd", (int)pid);
	dfd = root_openat(r, ROOT_PROC, rel, O_RDONLY | O_DIRECTORY);
	if (dfd < 0) {
		if (dfd == -ENOENT || dfd == -ESRCH)
			s->vanished++;
		else if (dfd == -EACCES || dfd == -EPERM)
			s->denied++;
		return dfd == -EPERM ? -EACCES : dfd;
	}
	p = grow(s->procs, &s->cap_procs, s->nprocs, sizeof(*s->procs));
	if (!p) {
		close(dfd);
		return -ENOMEM;
	}
	s->procs = p;
	p = &s->procs[s->nprocs];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	err = scan_dir(r, dfd, flags, p, s, &denied);
	close(dfd);
	if (err == -ENOENT || err == -ESRCH) {	/* exited while we listed it */
		s->vanished++;
		s->ndels = dels0;
		return err;
	}
	if (err)
		return err;
	if (denied) {
		s->denied++;
		p->denied = true;
	} else if (flags & FDS_DELETED) {
		err = scan_exe(r, pid, s);
		if (err)
			return err;
	}
	if (!(flags & FDS_LAZY_COMM))
		fd_scan_comm(r, p);
	s->nprocs++;
	if (!r->live && s->ndels > dels0)
		read_fdstat(r, pid, s);
	return denied ? -EACCES : 0;
}

static int sock_cmp(const void *a, const void *b)
{
	const struct fd_sock *x = a, *y = b;

	if (x->inode != y->inode)
		return x->inode < y->inode ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static int del_cmp(const void *a, const void *b)
{
	const struct fd_deleted *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->fd < y->fd ? -1 : x->fd > y->fd;
}

static int proc_cmp(const void *a, const void *b)
{
	const struct fd_proc *x = a, *y = b;

	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

void fd_scan_finish(struct fd_scan *s)
{
	if (s->nprocs)
		qsort(s->procs, s->nprocs, sizeof(*s->procs), proc_cmp);
	if (s->nsocks)
		qsort(s->socks, s->nsocks, sizeof(*s->socks), sock_cmp);
	if (s->ndels)
		qsort(s->dels, s->ndels, sizeof(*s->dels), del_cmp);
}

const struct fd_sock *fd_scan_sock_owner(const struct fd_scan *s, uint64_t inode)
{
	size_t lo = 0, hi = s->nsocks;

	while (lo < hi) {	/* first entry with inode >= the one asked */
		size_t mid = lo + (hi - lo) / 2;
		if (s->socks[mid].inode < inode)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->nsocks && s->socks[lo].inode == inode ? &s->socks[lo] : NULL;
}

struct fd_proc *fd_scan_proc_mut(struct fd_scan *s, pid_t pid)
{
	size_t lo = 0, hi = s->nprocs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->procs[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->nprocs && s->procs[lo].pid == pid ? &s->procs[lo] : NULL;
}

const struct fd_proc *fd_scan_proc(const struct fd_scan *s, pid_t pid)
{
	return fd_scan_proc_mut((struct fd_scan *)s, pid);
}

int proc_pid_fd_scan_all(const struct root *r, unsigned flags, struct fd_scan *s)
{
	struct dirent *de;
	DIR *d;
	int dfd, err = 0;

	dfd = root_openat(r, ROOT_PROC, ".", O_RDONLY | O_DIRECTORY);
	if (dfd < 0)
		return dfd;
	d = fdopendir(dfd);
	if (!d) {
		close(dfd);
		return -errno;
	}
	while ((de = readdir(d))) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);
		if (*end || end == de->d_name || pid <= 0)
			continue;
		err = proc_pid_fd_scan_pid(r, (pid_t)pid, flags, s);
		if (err == -ENOMEM)
			break;
		err = 0;	/* gone or denied: counted */
	}
	closedir(d);
	fd_scan_finish(s);
	return err;
}

int proc_pid_fd_fdstat_parse(const char *buf, size_t len, pid_t pid, struct fd_scan *s)
{
	const char *p = buf, *end = buf + len, *nl;
	char line[256];

	for (; p < end; p = nl + 1) {
		int fd;
		unsigned long long size, ino;
		unsigned maj, min, nlink;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if ((size_t)(nl - p) >= sizeof(line))
			return -EINVAL;
		memcpy(line, p, (size_t)(nl - p));
		line[nl - p] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (sscanf(line, "%d %llu %u:%u %u %llu", &fd, &size, &maj, &min, &nlink, &ino) != 6)
			return -EINVAL;
		for (size_t i = 0; i < s->ndels; i++) {
			struct fd_deleted *d = &s->dels[i];
			if (d->pid != pid || d->fd != fd)
				continue;
			d->have_stat = true;
			d->size = size;
			d->ino = ino;
			d->dev_major = maj;
			d->dev_minor = min;
			d->nlink = nlink;
		}
	}
	return 0;
}

/* Added for the triage report's cheap pass (cmd/triage_collect_end.c). */
int proc_pid_fd_count(const struct root *r, pid_t pid)
{
	char rel[32];
	struct stat st;
	int fd, err = 0;

	if (!r->live)
		return -ENOTSUP;	/* a fixture's fd directory is an ordinary one */
	snprintf(rel, sizeof(rel), "%d/fd", (int)pid);
	fd = root_openat(r, ROOT_PROC, rel, O_PATH | O_DIRECTORY);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st))
		err = -errno;
	close(fd);
	return err ? err : (int)(st.st_size > INT32_MAX ? INT32_MAX : st.st_size);
}

/* Count the names of an open fd directory that start with a digit, as
 * sysstat's read_proc_pid_fd() does with readdir. */
static int count_dir(int dfd)
{
	_Alignas(8) char dents[8192];
	long n;
	int count = 0;

	while ((n = syscall(SYS_getdents64, dfd, dents, sizeof(dents))) > 0) {
		for (long off = 0; off < n;) {
			const char *e = dents + off;
			unsigned short reclen;

			memcpy(&reclen, e + offsetof(struct dirent64_hdr, d_reclen), sizeof(reclen));
			if (reclen == 0)
				return -EIO;
			off += reclen;
			if (e[offsetof(struct dirent64_hdr, d_name)] >= '0' &&
			    e[offsetof(struct dirent64_hdr, d_name)] <= '9')
				count++;
		}
	}
	return n < 0 ? -errno : count;
}

/* Added for pidstat -v (fd-nr). */
int proc_pid_fd_nr(const struct root *r, int pid, int tid)
{
	char rel[48];
	struct stat st;
	int fd, n;

	if (tid > 0)
		snprintf(rel, sizeof(rel), "%d/task/%d/fd", pid, tid);
	else
		snprintf(rel, sizeof(rel), "%d/fd", pid);
	/* A real open (not O_PATH) checks the directory's permission
	 * (fs/proc/fd.c proc_fd_permission): EACCES for another user's task
	 * when not root, where sysstat's opendir fails too. */
	fd = root_openat(r, ROOT_PROC, rel, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return fd;
	/* Since 6.2 the directory's size is the count: one fstat instead of a
	 * listing. 0 may mean an older kernel: count then. */
	if (r->live && fstat(fd, &st) == 0 && st.st_size > 0)
		n = st.st_size > INT32_MAX ? INT32_MAX : (int)st.st_size;
	else
		n = count_dir(fd);
	close(fd);
	return n;
}

ssize_t proc_pid_fd_link(const struct root *r, pid_t pid, long fd, char *buf, size_t size)
{
	char rel[48];
	ssize_t n;

	if (r->fd[ROOT_PROC] < 0 || size < 2)
		return -ENOENT;
	if (fd == -100)
		snprintf(rel, sizeof(rel), "%d/cwd", (int)pid);
	else
		snprintf(rel, sizeof(rel), "%d/fd/%ld", (int)pid, fd);
	n = readlinkat(r->fd[ROOT_PROC], rel, buf, size - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return n;
}
