#include "cmd/strace_fds.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bpf/strace_sigs.h"
#include "bpf/syscall_names.h"
#include "sources/proc_pid_fd.h"

#define FDS_SLOTS 4096
#define FDS_NAME 512
#define AT_CWD (-100L)	/* the working directory's slot: fd AT_FDCWD */

struct fd_ent {
	pid_t pid;		/* 0: empty */
	int fd;
	char name[FDS_NAME];
};

struct strace_fds {
	const struct root *r;
	bool cache;
	char cur[4096];		/* the last name handed out */
	struct fd_ent tab[FDS_SLOTS];
};

struct strace_fds *strace_fds_new(const struct root *r, bool cache)
{
	struct strace_fds *f = calloc(1, sizeof(*f));

	if (f) {
		f->r = r;
		f->cache = cache;
	}
	return f;
}

void strace_fds_free(struct strace_fds *f)
{
	free(f);
}

static struct fd_ent *slot(struct strace_fds *f, pid_t pid, long fd)
{
	unsigned long h = (unsigned long)pid * 2654435761UL + (unsigned long)fd;

	return &f->tab[h % FDS_SLOTS];
}

static struct fd_ent *find(struct strace_fds *f, pid_t pid, long fd)
{
	struct fd_ent *s = slot(f, pid, fd);

	return s->pid == pid && s->fd == (int)fd ? s : NULL;
}

static void put(struct strace_fds *f, pid_t pid, long fd, const char *name)
{
	struct fd_ent *s = slot(f, pid, fd);
	size_t n = strnlen(name, sizeof(s->name) - 1);

	s->pid = pid;
	s->fd = (int)fd;
	memcpy(s->name, name, n);	/* cut at FDS_NAME - 1 bytes */
	s->name[n] = '\0';
}

static void forget(struct strace_fds *f, pid_t pid, long fd)
{
	struct fd_ent *s = find(f, pid, fd);

	if (s)
		s->pid = 0;
}

void strace_fds_seed(struct strace_fds *f, pid_t pid)
{
	char rel[32];
	struct dirent *d;
	DIR *dir;
	int fd;

	if (!f->cache)
		return;
	if (proc_pid_fd_link(f->r, pid, AT_CWD, f->cur, sizeof(f->cur)) >= 0)
		put(f, pid, AT_CWD, f->cur);
	snprintf(rel, sizeof(rel), "%d/fd", (int)pid);
	fd = root_openat(f->r, ROOT_PROC, rel, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return;
	dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return;
	}
	while ((d = readdir(dir))) {
		char *end;
		long n = strtol(d->d_name, &end, 10);

		if (*end || end == d->d_name)
			continue;
		if (proc_pid_fd_link(f->r, pid, n, f->cur, sizeof(f->cur)) >= 0)
			put(f, pid, n, f->cur);
	}
	closedir(dir);
}

const char *strace_fds_name(void *ctx, pid_t pid, long fd)
{
	struct strace_fds *f = ctx;
	struct fd_ent *s = f->cache ? find(f, pid, fd) : NULL;

	if (s)
		return s->name;
	if (proc_pid_fd_link(f->r, pid, fd, f->cur, sizeof(f->cur)) < 0)
		return NULL;
	if (f->cache)
		put(f, pid, fd, f->cur);
	return f->cur;
}

static bool is(const struct strace_event *e, const char *name)
{
	const char *n = syscall_name(e->nr);

	return n && strcmp(n, name) == 0;
}

/* The path of e's slot 0 made absolute against dirfd (AT_FDCWD: the working
 * directory); false when the directory is not known. */
static bool absolute(struct strace_fds *f, const struct strace_event *e, long dirfd, char *out,
		     size_t size)
{
	char path[STRACE_DATA + 1];
	const char *dir;

	memcpy(path, e->data[0], STRACE_DATA);
	path[e->len[0] < STRACE_DATA ? e->len[0] : STRACE_DATA] = '\0';
	if (!path[0])
		return false;
	if (path[0] == '/') {
		snprintf(out, size, "%s", path);
		return true;
	}
	dir = strace_fds_name(f, (pid_t)e->pid, dirfd);
	if (!dir || dir[0] != '/')
		return false;
	snprintf(out, size, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, path);
	return true;
}

void strace_fds_before(struct strace_fds *f, const struct strace_event *e)
{
	const struct strace_sig *sig = strace_sig(e->nr);
	bool at = is(e, "openat"), open_call = at || is(e, "open") || is(e, "creat");
	char path[FDS_NAME + STRACE_DATA + 2];

	if (!f->cache || !sig || sig->ret != SR_FD || e->ret < 0 || (e->flags & STRACE_EV_NORETURN))
		return;
	/* an open names the file exactly even when it is closed by now (not
	 * O_TMPFILE's directory); anything else: what the descriptor is now */
	if (open_call && !(at && (e->args[2] & 020000000)) &&
	    absolute(f, e, at ? (long)(int)e->args[0] : AT_CWD, path, sizeof(path))) {
		put(f, (pid_t)e->pid, (long)e->ret, path);
		return;
	}
	forget(f, (pid_t)e->pid, (long)e->ret);
	if (proc_pid_fd_link(f->r, (pid_t)e->pid, (long)e->ret, f->cur, sizeof(f->cur)) >= 0)
		put(f, (pid_t)e->pid, (long)e->ret, f->cur);
}

static void forget_pid(struct strace_fds *f, pid_t pid, bool keep_cwd)
{
	for (size_t i = 0; i < FDS_SLOTS; i++)
		if (f->tab[i].pid == pid && !(keep_cwd && f->tab[i].fd == (int)AT_CWD))
			f->tab[i].pid = 0;
}

/* fork, vfork, clone: the child starts with the parent's descriptors. */
static void inherit(struct strace_fds *f, pid_t parent, pid_t child)
{
	for (size_t i = 0; i < FDS_SLOTS; i++) {
		struct fd_ent e = f->tab[i];

		if (e.pid == parent && !find(f, child, e.fd))
			put(f, child, e.fd, e.name);
	}
}

void strace_fds_after(struct strace_fds *f, const struct strace_event *e)
{
	char path[FDS_NAME + STRACE_DATA + 2];
	const char *dir;

	if (!f->cache || (e->flags & STRACE_EV_NORETURN)) {
		if (f->cache && is(e, "exit_group"))
			forget_pid(f, (pid_t)e->pid, false);
		return;
	}
	if (is(e, "close") && e->ret == 0) {
		forget(f, (pid_t)e->pid, (long)(int)e->args[0]);
	} else if (is(e, "execve") && e->ret == 0) {
		forget_pid(f, (pid_t)e->pid, true);
		strace_fds_seed(f, (pid_t)e->pid);
	} else if (is(e, "chdir") && e->ret == 0) {
		if (absolute(f, e, AT_CWD, path, sizeof(path)))
			put(f, (pid_t)e->pid, AT_CWD, path);
		else
			forget(f, (pid_t)e->pid, AT_CWD);
	} else if (is(e, "fchdir") && e->ret == 0) {
		dir = strace_fds_name(f, (pid_t)e->pid, (long)(int)e->args[0]);
		if (dir) {
			snprintf(path, sizeof(path), "%s", dir);
			put(f, (pid_t)e->pid, AT_CWD, path);
		}
	} else if ((is(e, "fork") || is(e, "vfork") ||
		    (is(e, "clone") && !(e->args[0] & 0x10000 /* CLONE_THREAD */))) && e->ret > 0) {
		/* clone3 (glibc's pthread_create) is left out: its flags are
		 * behind a pointer, and threads share the table anyway */
		inherit(f, (pid_t)e->pid, (pid_t)e->ret);
	}
}
