/* Argument types of the common syscalls, in the order of their C prototypes
 * (man 2); x86_64 argument order where architectures differ (clone). */
#include "bpf/strace_sigs.h"

#include <stddef.h>
#include <string.h>

#include "bpf/syscall_names.h"

#define S(n, ...) { #n, (unsigned char)(sizeof((unsigned char[]){ __VA_ARGS__ }) - 1), \
		    { __VA_ARGS__ }, SR_INT, false, false }
#define SF(n, ...) { #n, (unsigned char)(sizeof((unsigned char[]){ __VA_ARGS__ }) - 1), \
		     { __VA_ARGS__ }, SR_FD, false, false }
#define SH(n, ...) { #n, (unsigned char)(sizeof((unsigned char[]){ __VA_ARGS__ }) - 1), \
		     { __VA_ARGS__ }, SR_HEX, false, false }
/* The argument lists end with a sentinel 0xff (not counted). */
#define E 0xff

static const struct strace_sig sigs[] = {
	S(read, SA_FD, SA_BUF_OUT, SA_UINT, E),
	S(write, SA_FD, SA_BUF_IN, SA_UINT, E),
	S(pread64, SA_FD, SA_BUF_OUT, SA_UINT, SA_INT, E),
	S(pwrite64, SA_FD, SA_BUF_IN, SA_UINT, SA_INT, E),
	S(readv, SA_FD, SA_PTR, SA_INT, E),
	S(writev, SA_FD, SA_PTR, SA_INT, E),
	SF(open, SA_PATH, SA_OFLAGS, SA_CMODE, E),
	SF(openat, SA_DIRFD, SA_PATH, SA_OFLAGS, SA_CMODE, E),
	SF(creat, SA_PATH, SA_MODE, E),
	S(close, SA_FD, E),
	S(stat, SA_PATH, SA_PTR, E),
	S(lstat, SA_PATH, SA_PTR, E),
	S(fstat, SA_FD, SA_PTR, E),
	S(newfstatat, SA_DIRFD, SA_PATH, SA_PTR, SA_ATFLAGS, E),
	S(statx, SA_DIRFD, SA_PATH, SA_ATFLAGS, SA_HEX, SA_PTR, E),
	S(lseek, SA_FD, SA_INT, SA_WHENCE, E),
	SH(mmap, SA_PTR, SA_UINT, SA_PROT, SA_MMAP, SA_FD, SA_HEX, E),
	S(mprotect, SA_PTR, SA_UINT, SA_PROT, E),
	S(munmap, SA_PTR, SA_UINT, E),
	SH(brk, SA_PTR, E),
	SH(mremap, SA_PTR, SA_UINT, SA_UINT, SA_HEX, SA_PTR, E),
	S(madvise, SA_PTR, SA_UINT, SA_INT, E),
	S(access, SA_PATH, SA_ACCESS, E),
	S(faccessat, SA_DIRFD, SA_PATH, SA_ACCESS, E),
	S(faccessat2, SA_DIRFD, SA_PATH, SA_ACCESS, SA_ATFLAGS, E),
	S(pipe, SA_PTR, E),
	S(pipe2, SA_PTR, SA_OFLAGS, E),
	SF(dup, SA_FD, E),
	SF(dup2, SA_FD, SA_INT, E),
	SF(dup3, SA_FD, SA_INT, SA_OFLAGS, E),
	SF(socket, SA_AF, SA_SOCKTYPE, SA_PROTO, E),
	S(connect, SA_FD, SA_SA_IN, SA_UINT, E),
	S(bind, SA_FD, SA_SA_IN, SA_UINT, E),
	SF(accept, SA_FD, SA_SA_OUT, SA_SOCKLEN, E),
	SF(accept4, SA_FD, SA_SA_OUT, SA_SOCKLEN, SA_SOCKTYPE, E),
	S(listen, SA_FD, SA_INT, E),
	S(sendto, SA_FD, SA_BUF_IN, SA_UINT, SA_HEX, SA_SA_IN, SA_UINT, E),
	S(recvfrom, SA_FD, SA_BUF_OUT, SA_UINT, SA_HEX, SA_SA_OUT, SA_SOCKLEN, E),
	S(sendmsg, SA_FD, SA_PTR, SA_HEX, E),
	S(recvmsg, SA_FD, SA_PTR, SA_HEX, E),
	S(shutdown, SA_FD, SA_INT, E),
	S(getsockname, SA_FD, SA_SA_OUT, SA_SOCKLEN, E),
	S(getpeername, SA_FD, SA_SA_OUT, SA_SOCKLEN, E),
	S(setsockopt, SA_FD, SA_INT, SA_INT, SA_PTR, SA_UINT, E),
	S(getsockopt, SA_FD, SA_INT, SA_INT, SA_PTR, SA_PTR, E),
	S(unlink, SA_PATH, E),
	S(unlinkat, SA_DIRFD, SA_PATH, SA_ATFLAGS, E),
	S(mkdir, SA_PATH, SA_MODE, E),
	S(mkdirat, SA_DIRFD, SA_PATH, SA_MODE, E),
	S(rmdir, SA_PATH, E),
	S(chdir, SA_PATH, E),
	S(fchdir, SA_FD, E),
	S(rename, SA_PATH, SA_PATH, E),
	S(renameat, SA_DIRFD, SA_PATH, SA_DIRFD, SA_PATH, E),
	S(renameat2, SA_DIRFD, SA_PATH, SA_DIRFD, SA_PATH, SA_HEX, E),
	S(link, SA_PATH, SA_PATH, E),
	S(symlink, SA_PATH, SA_PATH, E),
	S(readlink, SA_PATH, SA_BUF_OUT, SA_UINT, E),
	S(readlinkat, SA_DIRFD, SA_PATH, SA_BUF_OUT, SA_UINT, E),
	S(chmod, SA_PATH, SA_MODE, E),
	S(fchmod, SA_FD, SA_MODE, E),
	S(fchmodat, SA_DIRFD, SA_PATH, SA_MODE, E),
	S(chown, SA_PATH, SA_INT, SA_INT, E),
	S(fchown, SA_FD, SA_INT, SA_INT, E),
	S(truncate, SA_PATH, SA_INT, E),
	S(ftruncate, SA_FD, SA_INT, E),
	S(fsync, SA_FD, E),
	S(fdatasync, SA_FD, E),
	S(getdents64, SA_FD, SA_PTR, SA_UINT, E),
	S(ioctl, SA_FD, SA_HEX, SA_HEX, E),
	S(fcntl, SA_FD, SA_INT, SA_HEX, E),
	S(flock, SA_FD, SA_INT, E),
	S(fadvise64, SA_FD, SA_INT, SA_INT, SA_INT, E),
	S(sendfile, SA_FD, SA_FD, SA_PTR, SA_UINT, E),
	S(getcwd, SA_BUF_OUT, SA_UINT, E),
	{ "execve", 3, { SA_PATH, SA_PTR, SA_PTR }, SR_INT, false, true },
	{ "exit", 1, { SA_INT }, SR_INT, true, false },
	{ "exit_group", 1, { SA_INT }, SR_INT, true, false },
	S(wait4, SA_INT, SA_PTR, SA_HEX, SA_PTR, E),
	S(kill, SA_INT, SA_SIG, E),
	S(tkill, SA_INT, SA_SIG, E),
	S(tgkill, SA_INT, SA_INT, SA_SIG, E),
	S(getpid, E), S(getppid, E), S(gettid, E), S(getuid, E), S(geteuid, E),
	S(getgid, E), S(getegid, E), S(sched_yield, E), S(fork, E), S(vfork, E),
	S(nanosleep, SA_PTR, SA_PTR, E),
	S(clock_nanosleep, SA_INT, SA_HEX, SA_PTR, SA_PTR, E),
	S(futex, SA_PTR, SA_INT, SA_INT, SA_PTR, SA_PTR, SA_INT, E),
	S(poll, SA_PTR, SA_UINT, SA_INT, E),
	S(ppoll, SA_PTR, SA_UINT, SA_PTR, SA_PTR, SA_UINT, E),
	S(select, SA_INT, SA_PTR, SA_PTR, SA_PTR, SA_PTR, E),
	S(epoll_wait, SA_FD, SA_PTR, SA_INT, SA_INT, E),
	S(epoll_pwait, SA_FD, SA_PTR, SA_INT, SA_INT, SA_PTR, SA_UINT, E),
	SF(epoll_create1, SA_HEX, E),
	S(epoll_ctl, SA_FD, SA_INT, SA_FD, SA_PTR, E),
	S(rt_sigaction, SA_SIG, SA_PTR, SA_PTR, SA_UINT, E),
	S(rt_sigprocmask, SA_INT, SA_PTR, SA_PTR, SA_UINT, E),
	S(clone, SA_HEX, SA_PTR, SA_PTR, SA_PTR, SA_HEX, E),
	S(clone3, SA_PTR, SA_UINT, E),
	S(uname, SA_PTR, E),
	S(sysinfo, SA_PTR, E),
	S(getrandom, SA_PTR, SA_UINT, SA_HEX, E),
	S(prlimit64, SA_INT, SA_INT, SA_PTR, SA_PTR, E),
	S(arch_prctl, SA_HEX, SA_PTR, E),
	S(set_tid_address, SA_PTR, E),
	S(set_robust_list, SA_PTR, SA_UINT, E),
	S(rseq, SA_PTR, SA_UINT, SA_INT, SA_HEX, E),
	SF(memfd_create, SA_PATH, SA_HEX, E),
	SF(eventfd2, SA_UINT, SA_HEX, E),
};

const struct strace_sig *strace_sig(long nr)
{
	const char *name = syscall_name(nr);

	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (strcmp(sigs[i].name, name) == 0)
			return &sigs[i];
	return NULL;
}

static unsigned char cap_of(unsigned char a)
{
	switch (a) {
	case SA_PATH: return SCAP_STR;
	case SA_BUF_IN: return SCAP_BUF_IN;
	case SA_BUF_OUT: return SCAP_BUF_OUT;
	case SA_SA_IN: return SCAP_SOCKADDR_IN;
	case SA_SA_OUT: return SCAP_SOCKADDR_OUT;
	default: return SCAP_NONE;
	}
}

int strace_sig_slot(const struct strace_sig *sig, int i)
{
	int slot = 0;

	for (int k = 0; k < sig->nargs && k < 6 && slot < 2; k++) {
		if (cap_of(sig->args[k]) == SCAP_NONE)
			continue;
		if (k == i)
			return slot;
		slot++;
	}
	return -1;
}

void strace_sig_desc(long nr, struct strace_desc *d)
{
	const struct strace_sig *sig = strace_sig(nr);
	int slot = 0;

	memset(d, 0, sizeof(*d));
	d->traced = 1;
	if (!sig)
		return;
	d->noreturn = sig->noreturn;
	d->at_enter = sig->at_enter;
	for (int k = 0; k < sig->nargs && k < 6 && slot < 2; k++) {
		unsigned char c = cap_of(sig->args[k]);

		if (c == SCAP_NONE)
			continue;
		d->arg[slot] = (__u8)k;
		d->kind[slot] = c;
		d->len_arg[slot] = (__u8)(k + 1 < 6 ? k + 1 : 5);
		slot++;
	}
}
